"""Editors steer search: their picks (Wagtail's search promotions) come first, marked; the
searches report counts queries per month, and those that found nothing, without who searched."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.models import SearchCount
from search.report import count_search

from .test_synonyms import make_trade

pytestmark = pytest.mark.django_db


@pytest.fixture
def trades(indexes, taxonomy):
    return {
        "couvreur": make_trade(indexes, "Couvreur", "couvreur", text="Il pose les ardoises des toits."),
        "ardoisier": make_trade(indexes, "Ardoisier", "ardoisier", text="Il taille les ardoises."),
        "charpentier": make_trade(indexes, "Charpentier", "charpentier", text="Il taille les poutres."),
    }


def pin(query, page):
    SearchPromotion.objects.create(query=Query.get(query), page=page, description="")


def test_a_pick_comes_first_marked_and_only_once(client, trades):
    pin("Ardoises", trades["couvreur"])
    response = client.get("/recherche/", {"q": "ardoises"})
    outcome = response.context["outcome"]
    assert [result.title for result in outcome.picks] == ["Couvreur"]
    assert [result.title for result in outcome.results] == ["Ardoisier"]  # not twice
    html = response.content.decode()
    assert html.index("Couvreur</a>") < html.index("Ardoisier</a>")
    assert "Editors' pick" in html or "Choix de la rédaction" in html


def test_a_pick_shows_for_its_query_folded_even_when_the_words_do_not_match_it(client, trades):
    pin("métier du toit", trades["charpentier"])
    outcome = client.get("/recherche/", {"q": "  Metier du TOIT "}).context["outcome"]
    assert [result.title for result in outcome.picks] == ["Charpentier"]
    data = client.get("/api/search/", {"q": "metier du toit"}).json()
    assert data["results"][0] == {
        "title": "Charpentier",
        "url": "/metiers/charpentier/",
        "kind": "trade",
        "summary": "Devenir charpentier.",
        "editors_pick": True,
    }


def test_a_pick_leaves_when_removed_or_unpublished(client, trades):
    pin("ardoises", trades["couvreur"])
    assert client.get("/recherche/", {"q": "ardoises"}).context["outcome"].picks
    trades["couvreur"].unpublish()
    assert client.get("/recherche/", {"q": "ardoises"}).context["outcome"].picks == []
    trades["couvreur"].save_revision().publish()
    SearchPromotion.objects.all().delete()
    assert client.get("/recherche/", {"q": "ardoises"}).context["outcome"].picks == []


def test_a_pick_must_pass_the_filters_chosen(client, trades, taxonomy):
    pin("ardoises", trades["couvreur"])
    outcome = client.get("/recherche/", {"q": "ardoises", "kind": "know-how"}).context["outcome"]
    assert outcome.picks == []


# The searches report ---------------------------------------------------------------------------


def test_searches_are_counted_per_month_with_those_finding_nothing(client, trades):
    client.get("/recherche/", {"q": "Ardoises"})
    client.get("/recherche/", {"q": "ardoises "})
    client.get("/recherche/", {"q": "ardoises", "page": "2"})  # the same search, another page
    client.get("/recherche/", {"q": "zzzz"})
    client.get("/recherche/", {"sort": "date"})  # no words: nothing to count
    client.get("/api/search/", {"q": "ardoises"})  # the API and the feed are not visitors typing
    month = datetime.date.today().replace(day=1)
    rows = {row.query: (row.searches, row.found_nothing) for row in SearchCount.objects.filter(month=month)}
    assert rows == {"ardoises": (2, 0), "zzzz": (1, 1)}
    # Nothing about who searched is kept: these are all the columns.
    assert {field.name for field in SearchCount._meta.get_fields()} == {
        "id", "month", "query", "searches", "found_nothing",
    }  # fmt: skip


def test_the_report_lists_a_months_most_frequent_searches_and_those_that_found_nothing(
    client, trades, django_user_model
):
    november, december = datetime.date(2026, 11, 5), datetime.date(2026, 12, 2)
    for _ in range(3):
        count_search("ardoises", found=True, today=december)
    count_search("vitrail ancien", found=False, today=december)
    count_search("enduit", found=True, today=november)
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    refused = client.get("/admin/reports/searches/")  # not given the report: back to the dashboard
    assert (refused.status_code, refused.url) == (302, "/admin/")
    editor.user_permissions.add(Permission.objects.get(codename="view_searchcount"))
    html = client.get("/admin/reports/searches/").content.decode()
    # The admin speaks the site's first language, French, to an editor who chose none.
    frequent, nothing = html.split("Recherches sans résultat")
    assert "<td>ardoises</td><td>3</td><td>0</td>" in frequent
    assert "enduit" not in html  # another month
    assert "Les comptes sont gardés 13 mois" in html
    assert "<td>vitrail ancien</td><td>1</td><td>1</td>" in nothing
    assert "ardoises" not in nothing
    november_html = client.get("/admin/reports/searches/", {"month": "2026-11"}).content.decode()
    assert "<td>enduit</td><td>1</td><td>0</td>" in november_html
    # An unknown month shows the newest one rather than an error.
    assert client.get("/admin/reports/searches/", {"month": "<script>"}).status_code == 200


def test_the_timer_deletes_search_counts_older_than_the_months_kept(settings):
    settings.SEARCH_COUNTS_KEEP_MONTHS = 13  # this month and the twelve before it
    for day in (datetime.date(2025, 11, 30), datetime.date(2025, 12, 1), datetime.date(2026, 12, 2)):
        count_search("ardoises", found=True, today=day)
    with time_machine.travel(datetime.datetime(2026, 12, 2, 9, tzinfo=datetime.UTC), tick=False):
        call_command("run_timers")  # the purge is one of the timer's commands
        call_command("run_timers")  # and running it again changes nothing
    kept = sorted(SearchCount.objects.values_list("month", flat=True))
    assert kept == [datetime.date(2025, 12, 1), datetime.date(2026, 12, 1)]


def test_the_purge_refuses_to_keep_no_month():
    with pytest.raises(CommandError, match="1 or more"):
        call_command("purge_search_counts", "--months", "0")
