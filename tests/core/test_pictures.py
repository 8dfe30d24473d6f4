"""Card and header pictures (core/pictures.py, core/images.py, templates/components/picture.html):
responsive renditions with their credit, the alternative text rule, link previews, the admin's
check, what they cost, and the demo's drawings."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.loader import get_template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from actors.models import ActorPage
from agenda.models import EventPage, WorkingGroupPage
from core.demo_pictures import CREDIT, ensure_picture
from core.generation import content_changed
from core.images import PROJECT_LICENCE
from core.pictures import PictureMixin
from knowledge.models import KnowHowPage, LabelPage, ReplayPage
from news.models import NewsItemPage, ProgrammePage
from tests.factories import actors as actor_factories
from tests.factories import knowledge as knowledge_factories
from tests.factories import trades as trade_factories
from tests.helpers import queries_to_render
from tests.query_budget import QUERY_BUDGET
from trades.models import TradeProfilePage

pytestmark = pytest.mark.django_db

BROWSED_TYPES = [
    TradeProfilePage,
    KnowHowPage,
    LabelPage,
    ReplayPage,
    EventPage,
    WorkingGroupPage,
    ProgrammePage,
    NewsItemPage,
    ActorPage,
]


def picture(title="Taille d'un bloc", **fields):
    fields = {
        "description": "Un tailleur de pierre taille un bloc de tuffeau",
        "credit": "Photo : Jeanne Martin",
        "licence": "CC BY-SA 4.0",
        "licence_url": "https://creativecommons.org/licenses/by-sa/4.0/deed.fr",
        **fields,
    }
    return get_image_model().objects.create(title=title, file=get_test_image_file(size=(1600, 900)), **fields)


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def widths(srcset: str) -> list[str]:
    return [candidate.split()[-1] for candidate in srcset.split(",")]


def test_every_browsed_type_has_a_picture_shown_in_its_header():
    for model in BROWSED_TYPES:
        assert issubclass(model, PictureMixin), model
        source = get_template(model.template).template.source
        assert "{% header_picture page %}" in source, model


def test_a_page_shows_its_picture_above_the_fold_with_credit_and_licence(client, trade_index, taxonomy):
    page = trade_factories.trade(trade_index, taxonomy, image=picture())
    figure = soup_of(client, page.url).select_one("figure.picture--header")
    img = figure.select_one("picture img")
    assert img["alt"] == "Un tailleur de pierre taille un bloc de tuffeau"
    assert widths(img["srcset"]) == ["640w", "960w", "1440w"]
    assert img["src"].endswith(".jpg")
    assert (img["width"], img["height"]) == ("640", "320")
    assert img.get("loading") is None  # the header is loaded at once
    assert img["fetchpriority"] == "high"
    webp = figure.select_one('picture source[type="image/webp"]')
    assert widths(webp["srcset"]) == ["640w", "960w", "1440w"]
    credit = figure.select_one("figcaption.picture__credit")
    assert credit.get_text(" ", strip=True) == "Photo : Jeanne Martin — CC BY-SA 4.0"
    assert (
        credit.select_one('a[rel="license"]')["href"]
        == "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"
    )


def test_cards_show_their_picture_lazily_and_a_card_without_one_shows_none(client, trade_index, taxonomy):
    trade_factories.trade(trade_index, taxonomy, title="Avec image", slug="avec", image=picture())
    trade_factories.trade(trade_index, taxonomy, title="Sans image", slug="sans")
    cards = {
        card.select_one(".card__title").get_text(strip=True): card
        for card in soup_of(client, trade_index.url).select("article.card")
    }
    img = cards["Avec image"].select_one("figure.picture--card picture img")
    assert img["loading"] == "lazy"
    assert img["alt"] == "Un tailleur de pierre taille un bloc de tuffeau"
    assert widths(img["srcset"]) == ["400w", "800w"]
    assert (img["width"], img["height"]) == ("400", "250")
    assert (
        cards["Avec image"]
        .select_one(".picture__credit")
        .get_text(" ", strip=True)
        .startswith("Photo : Jeanne Martin")
    )
    assert cards["Sans image"].select_one("figure, img") is None


def test_a_decorative_picture_has_an_empty_alternative_text(client, trade_index, taxonomy):
    ornament = picture("Frise", description="", is_decorative=True)
    page = trade_factories.trade(trade_index, taxonomy, image=ornament)
    html = soup_of(client, page.url)
    img = html.select_one(".picture--header img")
    assert html.select_one(".picture--header").name == "div"  # no figure for an ornament
    credit = html.select_one(".picture--header p.picture__credit")
    assert credit.get_text(" ", strip=True).startswith("Photo :")
    assert img.has_attr("alt")
    assert img["alt"] == ""
    assert html.select_one('meta[property="og:image"]') is not None
    assert html.select_one('meta[property="og:image:alt"]') is None


def test_link_previews_carry_the_picture_and_a_page_without_one_still_reads(client, trade_index, taxonomy):
    pictured = trade_factories.trade(trade_index, taxonomy, title="Avec", slug="avec", image=picture())
    plain = trade_factories.trade(trade_index, taxonomy, title="Sans", slug="sans")
    html = soup_of(client, pictured.url)
    assert html.select_one('meta[property="og:image"]')["content"].startswith(
        "http://localhost/media/images/"
    )
    assert (
        html.select_one('meta[property="og:image:alt"]')["content"]
        == "Un tailleur de pierre taille un bloc de tuffeau"
    )
    html = soup_of(client, plain.url)
    assert html.select_one('meta[property="og:image"]') is None
    assert html.select_one("figure.picture") is None
    assert html.select_one("h1").get_text(strip=True) == "Sans"


def test_the_last_review_date_is_shown_on_the_page(client, trade_index, taxonomy):
    page = trade_factories.trade(trade_index, taxonomy, last_reviewed=datetime.date(2026, 3, 2))
    line = soup_of(client, page.url).select_one(".last-reviewed")
    assert line.get_text(" ", strip=True) == "Relu le 2 mars 2026"
    assert line.select_one("time")["datetime"] == "2026-03-02"
    unreviewed = trade_factories.trade(trade_index, taxonomy, title="Autre", slug="autre")
    assert soup_of(client, unreviewed.url).select_one(".last-reviewed") is None


def test_pictures_cost_the_same_for_one_card_and_for_a_full_page_of_them(client, trade_index, taxonomy):
    trade_factories.trade(trade_index, taxonomy, title="Métier 0", slug="metier-0", image=picture("Image 0"))
    with_one = queries_to_render(client, trade_index.url)
    for number in range(1, 12):
        trade_factories.trade(
            trade_index,
            taxonomy,
            title=f"Métier {number}",
            slug=f"metier-{number}",
            image=picture(f"Image {number}"),
        )
    html = client.get(trade_index.url).content.decode()
    assert html.count('class="picture picture--card"') == 12
    assert queries_to_render(client, trade_index.url) == with_one <= QUERY_BUDGET


def test_a_pictured_page_stays_within_the_query_budget(client, trade_index, taxonomy):
    page = trade_factories.trade(trade_index, taxonomy, image=picture())
    assert queries_to_render(client, page.url) <= QUERY_BUDGET


# --- The admin: the alternative text is required unless the picture is decorative -------------


def upload(client, **fields):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Chantier",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("chantier.png", get_test_image_file().file.getvalue()),
            **fields,
        },
    )


@pytest.fixture
def editor(django_user_model, locales):
    return django_user_model.objects.create_superuser("iconographe", "icono@example.org", "pass")


def test_a_picture_without_alternative_text_is_refused_with_a_clear_french_error(client, editor):
    client.force_login(editor)
    response = upload(client, credit="Photo : Jeanne Martin")
    assert response.status_code == 200
    errors = response.context["form"].errors["description"]
    assert errors == [
        "Écrivez le texte alternatif : ce que montre l'image, pour les personnes qui ne la voient pas. "
        "Si elle ne montre rien dont un visiteur a besoin, cochez « décorative »."
    ]
    html = response.content.decode()
    assert "Texte alternatif" in html
    assert "Crédit" in html
    assert "Licence" in html
    assert not get_image_model().objects.exists()


def test_a_described_or_decorative_picture_is_accepted(client, editor):
    client.force_login(editor)
    upload(
        client,
        description="Un échafaudage devant une façade",
        credit="Photo : J. Martin",
        licence="CC BY 4.0",
    )
    upload(client, title="Frise", is_decorative="on")
    described, decorative = get_image_model().objects.order_by("pk")
    assert (described.alt, described.credit_line) == (
        "Un échafaudage devant une façade",
        "Photo : J. Martin — CC BY 4.0",
    )
    assert decorative.is_decorative
    assert decorative.alt == ""


# --- The demo's drawings --------------------------------------------------------------------------


def test_the_demo_drawings_are_credited_to_the_project_and_made_once(locales):
    stone = ensure_picture("stone")
    assert ensure_picture("stone").pk == stone.pk
    assert (stone.credit, stone.licence) == (CREDIT, PROJECT_LICENCE)
    assert stone.alt.startswith("Dessin d'un bloc de pierre")
    assert (stone.width, stone.height) == (1600, 900)
    frieze = ensure_picture("frieze")
    assert frieze.is_decorative
    assert frieze.alt == ""


def queries_after_a_publish(client, url: str) -> int:
    """SQL queries of the first request after content changed, when each process computes its
    pages afresh (a first request has made the renditions)."""
    assert client.get(url).status_code == 200
    content_changed()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_cards_of_a_page_computed_afresh_read_their_pictures_with_their_list(
    client, home_page, trade_index, taxonomy
):
    """Right after a publish a page computes its lists again: its know-how's and its actors'
    cards read their pictures with them, not one query a card."""
    trade = trade_factories.trade(trade_index, taxonomy, image=picture())
    know_how_index = knowledge_factories.know_how_index(home_page)
    directory = actor_factories.directory(home_page)
    saumur = actor_factories.communes()["Saumur"]
    maine_et_loire = taxonomy["Department"]["maine-et-loire"]

    def link(number):
        know_how = knowledge_factories.know_how(
            know_how_index, title=f"Savoir-faire {number}", image=picture(f"Geste {number}")
        )
        school = actor_factories.actor(
            directory,
            saumur,
            maine_et_loire,
            title=f"École {number}",
            slug=f"ecole-{number}",
            image=picture(f"Atelier {number}"),
        )
        school.trades_taught.add(trade)
        school.save_revision().publish()
        trade.related_know_how.add(know_how)
        trade.save_revision().publish()

    link(0)
    with_one = queries_after_a_publish(client, trade.url)
    for number in range(1, 6):
        link(number)
    html = client.get(trade.url).content.decode()
    assert "Savoir-faire 5" in html
    assert "École 5" in html
    assert html.count('class="picture picture--card"') >= 12
    assert queries_after_a_publish(client, trade.url) == with_one
