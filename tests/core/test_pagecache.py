"""The page cache for anonymous visitors (core/pagecache.py): what it keeps, for how long, and
what it never keeps."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.factories import trades as factories

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    caches[settings.PAGE_CACHE_ALIAS].clear()
    yield
    caches[settings.PAGE_CACHE_ALIAS].clear()


@pytest.fixture
def offers(home_page, taxonomy):
    index = factories.opportunity_index(home_page)
    factories.opportunity(index, taxonomy, title="Apprenti tailleur de pierre", days_left=10)
    return index


def cache_state(response) -> str | None:
    return response.headers.get("X-Page-Cache")


def test_a_second_visit_is_served_from_the_cache_with_one_query(client, offers):
    first = client.get(offers.url)
    assert cache_state(first) == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(offers.url)
    assert cache_state(second) == "hit"
    assert second.content == first.content
    assert "Apprenti tailleur de pierre" in second.content.decode()
    assert len(queries) == 1  # the generation token


def test_an_anonymous_visitor_sees_a_publish_at_once(client, offers, taxonomy):
    client.get(offers.url)
    assert cache_state(client.get(offers.url)) == "hit"
    factories.opportunity(offers, taxonomy, title="Stage de charpente", days_left=20)
    response = client.get(offers.url)
    assert cache_state(response) == "miss"
    assert "Stage de charpente" in response.content.decode()


def test_an_unpublished_page_leaves_the_cached_pages_at_once(client, offers):
    offer = offers.get_children().first()
    assert "Apprenti tailleur de pierre" in client.get("/").content.decode()
    client.get(offer.url)
    assert cache_state(client.get(offer.url)) == "hit"
    offer.specific.unpublish()
    assert client.get(offer.url).status_code == 404
    assert "Apprenti tailleur de pierre" not in client.get("/").content.decode()
    assert "Apprenti tailleur de pierre" not in client.get(offers.url).content.decode()


@pytest.mark.parametrize("where", ["index", "home", "search", "offer"])
def test_an_offer_leaves_a_cached_page_at_its_closing_time_without_any_publish(
    client, home_page, taxonomy, where, settings
):
    settings.PAGE_CACHE_SECONDS = 7 * 24 * 3600  # the closing moment ends the entry, not the timeout
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, 0, tzinfo=PARIS), tick=False) as traveller:
        index = factories.opportunity_index(home_page)
        offer = factories.opportunity(index, taxonomy, title="Apprenti tailleur de pierre", days_left=2)
        factories.opportunity(index, taxonomy, title="Stage de charpente", days_left=30)
        url = {"index": index.url, "home": "/", "search": "/recherche/", "offer": offer.url}[where]
        shown = "Apprenti tailleur de pierre" if where != "offer" else "badge--open"

        assert shown in client.get(url).content.decode()
        traveller.move_to(datetime.datetime(2026, 3, 12, 23, 59, 59, tzinfo=PARIS))  # the closing day
        still = client.get(url)
        assert cache_state(still) == "hit"
        assert shown in still.content.decode()
        assert int(still.headers["Cache-Control"].split("s-maxage=")[1].split(",")[0]) <= 1

        traveller.move_to(datetime.datetime(2026, 3, 13, 0, 0, 1, tzinfo=PARIS))  # the day after
        after = client.get(url)
        assert cache_state(after) == "miss"
        assert shown not in after.content.decode()
        if where != "offer":
            assert "Stage de charpente" in after.content.decode()


def test_an_editor_is_never_served_or_stored(client, offers):
    editor = User.objects.create_superuser("editor", "editor@example.org", "password")
    client.get(offers.url)  # an anonymous visit fills the cache
    client.force_login(editor)
    for _ in range(2):
        response = client.get(offers.url)
        assert response.status_code == 200
        assert cache_state(response) is None
        assert "private" in response.headers["Cache-Control"]
    client.logout()
    client.cookies.clear()
    assert cache_state(client.get(offers.url)) == "hit"


def test_the_admin_and_previews_are_never_cached(client, offers):
    editor = User.objects.create_superuser("editor", "editor@example.org", "password")
    client.force_login(editor)
    preview = client.get(f"/admin/pages/{offers.pk}/edit/preview/")
    assert cache_state(preview) is None
    assert cache_state(client.get("/admin/")) is None


def test_a_page_with_a_form_is_never_cached(client, small_site):
    protected = small_site["protected"]
    first = client.get(protected.url)
    assert first.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in first.content.decode()
    assert cache_state(first) is None
    assert cache_state(client.get(protected.url)) is None


def public_urls(site):
    from wagtail.models import Page

    from core.visibility import visible

    pages = visible(Page.objects.exclude(depth=1)).exclude(pk=site["protected"].pk).specific()
    urls = [page.url for page in pages]
    return [
        *urls,
        "/recherche/",
        "/recherche/?q=pierre&kind=trade",
        "/recherche/rss/?q=pierre",
        "/api/search/?q=pierre",
        "/api/search/autocomplete/?q=pie",
        "/api/actors.geojson",
        "/sitemap.xml",
        "/robots.txt",
    ]


def test_public_pages_set_no_cookie_and_are_cached(client, small_site):
    urls = public_urls(small_site)
    assert len(urls) > 15
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, url
        assert "Set-Cookie" not in response.headers, url
        assert cache_state(response) == "miss", url
        assert cache_state(client.get(url)) == "hit", url
    assert not client.cookies


def test_a_matching_etag_gets_a_304(client, offers):
    first = client.get(offers.url)
    etag = first.headers["ETag"]
    for _ in range(2):  # once while it is stored, once served from the cache
        response = client.get(offers.url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304
        assert response.content == b""
    assert client.get(offers.url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_a_publish_changes_the_etag(client, offers, taxonomy):
    etag = client.get(offers.url).headers["ETag"]
    factories.opportunity(offers, taxonomy, title="Stage de charpente", days_left=20)
    response = client.get(offers.url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response.headers["ETag"] != etag


def test_a_cdn_may_keep_a_page_a_short_while(client, offers, settings):
    response = client.get(offers.url)
    control = {part.strip() for part in response.headers["Cache-Control"].split(",")}
    assert {"public", "max-age=0", f"s-maxage={settings.PAGE_CACHE_CDN_SECONDS}"} <= control


def test_parameters_in_another_order_share_an_entry_and_other_values_do_not(client, offers):
    client.get("/recherche/?q=pierre&kind=trade")
    assert cache_state(client.get("/recherche/?kind=trade&q=pierre")) == "hit"
    assert cache_state(client.get("/recherche/?kind=opportunity&q=pierre")) == "miss"


def test_head_is_served_from_the_cache_and_post_never(client, offers):
    client.get(offers.url)
    assert cache_state(client.head(offers.url)) == "hit"
    assert cache_state(client.post(offers.url)) is None


def test_not_found_is_not_cached(client, offers):
    assert client.get("/nulle-part/").status_code == 404
    assert cache_state(client.get("/nulle-part/")) is None


@override_settings(PAGE_CACHE_ENABLED=False)
def test_the_setting_turns_the_cache_off(client, offers):
    client.get(offers.url)
    response = client.get(offers.url)
    assert cache_state(response) is None
    assert "ETag" not in response.headers


def test_a_publish_empties_the_pages_a_worker_keeps_itself(client, offers, taxonomy, settings):
    """Without Redis each worker keeps its pages in its own memory: the entries of an older
    generation can never be served again, and a publish lets go of them at once (the workers'
    memory stays that of one generation, whatever the number of publishes)."""
    kept = caches[settings.PAGE_CACHE_ALIAS]
    client.get(offers.url)
    client.get("/")
    assert len(kept._cache) == 2
    factories.opportunity(offers, taxonomy, title="Stage de charpente", days_left=20)
    assert "Stage de charpente" in client.get(offers.url).content.decode()
    assert len(kept._cache) == 1
