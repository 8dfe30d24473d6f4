"""The editors' desk (core/desk.py): the panels on the admin's home page, what they list, who
sees them, what they cost, and the full lists they link to."""

import datetime
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import GroupPagePermission

from agenda.registrations import Registration
from core.desk import SHOWN_ON_DESK
from tests.factories import trades as trade_factories
from tests.factories.actors import actor, communes, directory
from tests.factories.agenda import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from tests.factories.knowledge import know_how, know_how_index, meeting_day, replay, replay_index
from tests.factories.news import call, programme, programme_index
from tests.factories.questions import QuestionFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("coordination", "coordination@example.org", "pass")


def editor_of(django_user_model, name, *pages, permissions=()):
    """An editor who may edit the pages under ``pages`` and has the Django ``permissions``."""
    user = django_user_model.objects.create_user(name, password="pass")
    group = Group.objects.create(name=f"Group {name}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in permissions:
        group.permissions.add(Permission.objects.get(codename=codename))
    for page in pages:
        for codename in ("add_page", "change_page"):
            GroupPagePermission.objects.create(
                group=group, page=page, permission=Permission.objects.get(codename=codename)
            )
    user.groups.add(group)
    return user


def desk_panels(client):
    """{panel id: (heading, count text, [row texts], link)} of the admin's home page."""
    response = client.get("/admin/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    panels = {}
    for section in soup.select("section.desk-panel"):
        key = section["id"].removeprefix("desk-").removesuffix("-section")
        heading = section.select_one("h2").get_text(" ", strip=True)
        count = section.select_one(".desk-panel__count")
        rows = [row.get_text(" ", strip=True) for row in section.select("tbody tr")]
        link = section.select_one("a.button")
        panels[key] = (
            heading,
            count.get_text(strip=True) if count else "",
            rows,
            link["href"] if link else None,
        )
    return panels


def test_offers_closing_within_a_week_are_listed_soonest_first(client, superuser, home_page, taxonomy):
    index = trade_factories.opportunity_index(home_page)
    trade_factories.opportunity(index, taxonomy, title="Ferme dans 5 jours", slug="cinq", days_left=5)
    trade_factories.opportunity(index, taxonomy, title="Ferme demain", slug="demain", days_left=1)
    trade_factories.opportunity(index, taxonomy, title="Ferme dans 20 jours", slug="vingt", days_left=20)
    trade_factories.opportunity(index, taxonomy, title="Déjà fermée", slug="fermee", days_left=-1)
    client.force_login(superuser)
    heading, count, rows, link = desk_panels(client)["offers-closing"]
    assert heading == "Offres qui ferment dans les 7 jours"
    assert count == "2 éléments"
    assert [row.split(" ferme le ")[0] for row in rows] == ["Ferme demain", "Ferme dans 5 jours"]
    assert all(" ferme le " in row for row in rows)
    assert link == "/admin/desk/offers-closing/"


def test_the_full_list_shows_every_item_with_its_editing_link(client, superuser, home_page, taxonomy):
    index = trade_factories.opportunity_index(home_page)
    offers = [
        trade_factories.opportunity(index, taxonomy, title=f"Offre {n}", slug=f"offre-{n}", days_left=n % 7)
        for n in range(8)
    ]
    client.force_login(superuser)
    _heading, count, rows, link = desk_panels(client)["offers-closing"]
    assert count == "8 éléments"
    assert len(rows) == 5
    response = client.get(link)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    edit_links = {a["href"] for a in soup.select("table a")}
    assert {f"/admin/pages/{offer.pk}/edit/" for offer in offers} <= edit_links
    assert "Pourquoi il est là" in response.content.decode()


def test_pages_never_or_long_ago_reviewed_are_listed_and_a_recent_review_leaves(
    client, superuser, home_page, taxonomy
):
    index = trade_factories.trade_index(home_page)
    trade_factories.trade(index, taxonomy, title="Jamais relu", slug="jamais")
    trade_factories.trade(
        index,
        taxonomy,
        title="Relu il y a deux ans",
        slug="vieux",
        last_reviewed=TODAY() - datetime.timedelta(days=730),
    )
    trade_factories.trade(
        index, taxonomy, title="Relu hier", slug="recent", last_reviewed=TODAY() - datetime.timedelta(days=1)
    )
    know_how(know_how_index(home_page), title="Savoir-faire jamais relu", slug="sf")
    client.force_login(superuser)
    panels = desk_panels(client)
    heading, _count, rows, _link = panels["trades-review"]
    assert heading == "Fiches métiers à relire"
    assert rows[0] == "Jamais relu page jamais relue"
    assert rows[1].startswith("Relu il y a deux ans")
    assert "relue le" in rows[1]
    assert not any(row.startswith("Relu hier") for row in rows)
    assert panels["know-how-review"][2][0].startswith("Savoir-faire jamais relu")


def test_replays_without_transcript_or_chapters(client, superuser, home_page, locales):
    index = replay_index(home_page)
    day = meeting_day(locales["fr"])
    replay(index, day, title="Complet", slug="complet")
    replay(index, day, title="Sans transcription", slug="sans-transcription", transcript="")
    replay(index, day, title="Sans chapitres", slug="sans-chapitres", related=0)
    client.force_login(superuser)
    _heading, count, rows, _link = desk_panels(client)["replays-to-complete"]
    assert count == "2 éléments"
    assert "Sans transcription pas de transcription" in rows
    assert "Sans chapitres pas de chapitres" in rows


def minutes():
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    return get_document_model().objects.create(
        title="Compte rendu", file=ContentFile(b"Compte rendu", name="compte-rendu.txt")
    )


def test_past_events_without_replay_or_documents_and_registrations_closing(
    client, superuser, home_page, locales
):
    agenda = EventIndexPageFactory(parent=home_page)
    past = timezone.now() - datetime.timedelta(days=20)
    EventPageFactory(parent=agenda, title="Passée sans rien", start=past)
    day = meeting_day(locales["fr"])
    replay(replay_index(home_page), day, slug="replay-du-jour")
    EventPageFactory(parent=agenda, title="Passée avec replay", start=past, meeting_day=day)
    EventPageFactory(
        parent=agenda,
        title="Passée avec compte rendu",
        start=past,
        documents=[("document", {"title": "Compte rendu", "document": minutes()})],
    )
    EventPageFactory(parent=agenda, title="Bientôt", start=timezone.now() + datetime.timedelta(days=3))
    EventPageFactory(parent=agenda, title="Plus tard", start=timezone.now() + datetime.timedelta(days=30))
    client.force_login(superuser)
    panels = desk_panels(client)
    past_rows = panels["past-events-without-record"][2]
    assert [row.split(" tenu")[0] for row in past_rows] == ["Passée sans rien"]
    closing_rows = panels["event-registrations-closing"][2]
    assert [row.split(" inscriptions")[0] for row in closing_rows] == ["Bientôt"]


def test_actors_to_check_say_why(client, superuser, home_page, taxonomy):
    places = communes()
    department = taxonomy["Department"]["maine-et-loire"]
    annuaire = directory(home_page)
    actor(
        annuaire,
        places["Saumur"],
        department,
        title="Au centre",
        slug="centre",
        approximate_location=True,
        contact_may_be_published=True,
    )
    actor(
        annuaire,
        places["Saumur"],
        department,
        title="Complet",
        slug="complet",
        contact_may_be_published=True,
        latitude=Decimal("47.26"),
        longitude=Decimal("-0.08"),
        revision=True,
    )
    actor(annuaire, places["Saumur"], department, title="Sans accord", slug="sans-accord")
    client.force_login(superuser)
    rows = desk_panels(client)["actors-to-check"][2]
    texts = " | ".join(rows)
    assert "Au centre" in texts
    assert "au centre de la commune" in texts
    assert "Sans accord" in texts
    assert "pas d'accord pour publier un contact" in texts
    assert "Complet" not in texts


def test_questions_late_or_awaiting_review_and_waiting_registrations(client, superuser, home_page):
    QuestionFactory(text="En retard", due_on=TODAY() - datetime.timedelta(days=2))
    QuestionFactory(text="À relire", status="answered", due_on=TODAY() + datetime.timedelta(days=2))
    QuestionFactory(text="Dans les temps", due_on=TODAY() + datetime.timedelta(days=2))
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page), title="Assemblée")
    RegistrationFactory(event=event, name="Paule Attente", status=Registration.Status.WAITING)
    RegistrationFactory(event=event, name="Jean Confirmé")
    client.force_login(superuser)
    panels = desk_panels(client)
    questions = " | ".join(panels["questions-to-follow"][2])
    assert "En retard" in questions
    assert "en retard depuis" in questions
    assert "À relire" in questions
    assert "réponse à relire" in questions
    assert "Dans les temps" not in questions
    _heading, _count, rows, link = panels["registrations-waiting"]
    assert rows == [rows[0]]
    assert rows[0].startswith("Paule Attente — Assemblée")
    assert link.endswith("?status=waiting")
    listing = client.get(link).content.decode()
    assert "Paule Attente" in listing
    assert "Jean Confirmé" not in listing


def test_calls_closing_soon_link_to_their_programme(client, superuser, home_page):
    trajet = programme(
        programme_index(home_page),
        title="TRAJET",
        calls=[call(-10, 3, title="Promotion 2027"), call(-10, 40, title="Promotion 2028")],
    )
    client.force_login(superuser)
    panels = desk_panels(client)
    rows = panels["calls-closing"][2]
    assert len(rows) == 1
    assert rows[0].startswith("TRAJET — Promotion 2027")
    page = BeautifulSoup(client.get("/admin/").content, "html.parser")
    assert page.select_one("#desk-calls-closing-section tbody a")["href"] == f"/admin/pages/{trajet.pk}/edit/"


def test_an_editor_sees_only_the_panels_of_what_they_may_edit(client, django_user_model, home_page, taxonomy):
    agenda = EventIndexPageFactory(parent=home_page)
    EventPageFactory(parent=agenda, title="Bientôt", start=timezone.now() + datetime.timedelta(days=2))
    offers = trade_factories.opportunity_index(home_page)
    trade_factories.opportunity(offers, taxonomy, title="Ferme demain", days_left=1)
    trade_factories.trade(trade_factories.trade_index(home_page), taxonomy, title="Jamais relu")
    events_editor = editor_of(django_user_model, "agenda", agenda)
    client.force_login(events_editor)
    panels = desk_panels(client)
    assert "event-registrations-closing" in panels
    assert "offers-closing" not in panels
    assert "trades-review" not in panels
    assert "registrations-waiting" not in panels  # no right on registrations
    assert "questions-to-follow" not in panels
    # Nor the full list, asked by its address.
    assert client.get("/admin/desk/offers-closing/").status_code == 403
    assert client.get("/admin/desk/event-registrations-closing/").status_code == 200


def test_an_editor_of_part_of_a_kind_sees_only_their_part(client, django_user_model, home_page, taxonomy):
    offers = trade_factories.opportunity_index(home_page)
    mine = trade_factories.opportunity(offers, taxonomy, title="La mienne", slug="mienne", days_left=2)
    trade_factories.opportunity(offers, taxonomy, title="Une autre", slug="autre", days_left=2)
    client.force_login(editor_of(django_user_model, "offre", mine))
    _heading, count, rows, _link = desk_panels(client)["offers-closing"]
    assert count == "1 élément"
    assert rows[0].startswith("La mienne")


def test_registrations_and_questions_panels_follow_their_permissions(client, django_user_model, home_page):
    user = editor_of(django_user_model, "orga", permissions=["change_registration"])
    client.force_login(user)
    panels = desk_panels(client)
    assert "registrations-waiting" in panels
    assert "questions-to-follow" not in panels
    assert "offers-closing" not in panels


def test_an_unknown_panel_is_a_404(client, superuser):
    client.force_login(superuser)
    assert client.get("/admin/desk/no-such-panel/").status_code == 404


def fill(home_page, taxonomy, locales, count, batch):
    """``count`` items for every panel (``batch`` tells their slugs apart)."""
    offers = trade_factories.opportunity_index(home_page)
    trades = trade_factories.trade_index(home_page)
    agenda = EventIndexPageFactory(parent=home_page)
    replays = replay_index(home_page)
    day = meeting_day(locales["fr"])
    places = communes()
    annuaire = directory(home_page)
    department = taxonomy["Department"]["maine-et-loire"]
    index = programme_index(home_page)
    start = Registration.objects.count()
    for n in range(count):
        tag = f"{batch}-{n}"
        trade_factories.opportunity(offers, taxonomy, title=f"Offre {tag}", slug=f"offre-{tag}", days_left=2)
        trade_factories.trade(trades, taxonomy, title=f"Métier {tag}", slug=f"metier-{tag}")
        event = EventPageFactory(parent=agenda, start=timezone.now() + datetime.timedelta(days=2))
        EventPageFactory(parent=agenda, start=timezone.now() - datetime.timedelta(days=30))
        replay(replays, day, slug=f"replay-{tag}", transcript="")
        actor(annuaire, places["Saumur"], department, title=f"Acteur {tag}", slug=f"acteur-{tag}")
        QuestionFactory(text=f"Question {tag}", due_on=TODAY() - datetime.timedelta(days=1))
        RegistrationFactory(event=event, name=f"Personne {start + n}", status=Registration.Status.WAITING)
        programme(
            index,
            title=f"Programme {tag}",
            slug=f"programme-{tag}",
            calls=[call(-3, 2, title=f"Appel {tag}")],
        )


def queries_for_desk(client):
    assert client.get("/admin/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/").status_code == 200
    return len(queries)


@pytest.mark.parametrize("as_editor", [False, True])
def test_the_desk_costs_the_same_with_a_few_and_with_many_items(
    client, django_user_model, superuser, home_page, taxonomy, locales, as_editor
):
    user = superuser
    if as_editor:
        user = editor_of(
            django_user_model, "large", home_page, permissions=["change_registration", "change_question"]
        )
    client.force_login(user)
    # More than a panel shows (its count is then asked), and then many more.
    fill(home_page, taxonomy, locales, SHOWN_ON_DESK + 1, "a")
    panels = desk_panels(client)
    assert all(
        len(panels[key][2]) == SHOWN_ON_DESK
        for key in panels
        # Reviews have their own test; so have the forum's topics and the translations (none here).
        if key not in {"know-how-review", "labels-review", "forum-topics-waiting", "translations-behind"}
    )
    with_a_few = queries_for_desk(client)
    fill(home_page, taxonomy, locales, 6, "b")
    panels = desk_panels(client)
    assert panels["offers-closing"][1] == "12 éléments"
    assert queries_for_desk(client) == with_a_few
