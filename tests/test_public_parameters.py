"""Junk in any public parameter of any public URL: a 4xx or ignored, never a 5xx.

The URLs come from the URL configuration itself (Wagtail's page serving expanded into one page of
every type, and their sub-pages), so a new view or page type is probed without touching this file.
"""

from urllib.parse import quote

import pytest
from django.db import transaction
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, get_page_models

from actors.directory import directory_facets
from actors.views import actors_geojson
from core import routing
from news.models import news_facets
from search.registry import facets as search_facets

# The admin and the documents are not the public site's parameters to probe.
SKIPPED_PREFIXES = ("admin/", "documents/")
# What the views read besides the facets' names.
READ_PARAMETERS = ("q", "page", "sort", "more", "lang", "format", "t", "password", "return_url", "next")
INVALID_ENCODINGS = ("%ZZ", "%C3%28", "%", "%0", "%E9", "%ED%A0%80", "%C0%80", "%FF%FE", "a%", "%%")
OVERLONG = 10_000


# The URL configuration, walked ---------------------------------------------------------------


def url_patterns(patterns=None, namespace=""):
    """Every URL pattern below the root, as (qualified name, pattern), the skipped ones left out."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern) in SKIPPED_PREFIXES:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}{entry.name}" if entry.name else None, entry)


def sample_pages():
    """One live page of every page type (the fixture must hold one: a new type is not forgotten)."""
    by_type = {}
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        by_type.setdefault(type(page), page)
    missing = {model.__name__ for model in get_page_models() if model is not Page} - {
        model.__name__ for model in by_type
    }
    assert not missing, f"add a page of these types to the small_site fixture: {sorted(missing)}"
    return by_type.values()


def page_urls(page):
    urls = [page.url]
    if isinstance(page, RoutablePageMixin):
        for route in page.get_subpage_urls():
            if route.name and not route.pattern.converters:
                urls.append(page.url + page.reverse_subpage(route.name))
    return urls


def public_urls(sample_arguments):
    urls = set()
    for name, pattern in url_patterns():
        if pattern.callback in (wagtail_views.serve, routing.serve):  # Wagtail's pages
            urls.update(url for page in sample_pages() for url in page_urls(page))
            continue
        assert name, f"name the URL pattern {pattern.pattern} so that this test can reverse it"
        arguments = {argument: sample_arguments[argument] for argument in pattern.pattern.converters}
        for language in ("fr", "en"):
            with translation.override(language):
                urls.add(reverse(name, kwargs=arguments))
    return sorted(urls)


# Junk, already percent-encoded as it travels in a query string or a form body ------------------

junk_text = st.text(max_size=6)
with_nul = st.builds(lambda before, after: quote(before + "\x00" + after), junk_text, junk_text)
controls = st.builds(
    lambda text, code: quote(text + chr(code)), junk_text, st.sampled_from([*range(1, 32), 127])
)
bad_encodings = st.builds(lambda text, bad: quote(text) + bad, junk_text, st.sampled_from(INVALID_ENCODINGS))
overlong = st.builds(
    lambda character, extra: quote(character * (OVERLONG + extra)),
    st.characters(codec="utf-8"),
    st.integers(0, 100),
)
junk = st.one_of(with_nul, controls, bad_encodings, overlong, junk_text.map(quote))


def query_strings(names):
    pair = st.tuples(st.one_of(st.sampled_from(names), junk_text.map(quote), junk), junk)
    return st.lists(pair, min_size=1, max_size=4).map(
        lambda pairs: "&".join(f"{name}={value}" for name, value in pairs)
    )


def assert_no_server_error(client, method, url, query):
    # A savepoint per request: a database error would otherwise poison the rest of the test.
    with transaction.atomic():
        if method == "get":
            response = client.get(f"{url}?{query}")
        else:
            response = client.post(url, query, content_type="application/x-www-form-urlencoded")
    assert response.status_code < 500, f"{method.upper()} {url}?{query[:200]} → {response.status_code}"


# The tests -------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["lang=%00", "lang=a%00b", "q=%00", "department=%00", "%00=x"])
def test_nul_in_a_parameter_is_a_bad_request(client, small_site, query):
    response = client.get(f"/api/actors.geojson?{query}")
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


@pytest.mark.django_db
def test_nul_in_a_form_field_is_a_bad_request(client, small_site):
    restriction, protected = small_site["restriction"], small_site["protected"]
    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{protected.pk}/",
        {"password": "ses\x00ame", "return_url": "/reserve/"},
    )
    assert response.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["a\x00b", "de", "x" * OVERLONG])
def test_the_geojson_ignores_a_language_that_is_not_configured(small_site, lang):
    """Whatever the middleware lets through, the view itself only passes a known language on."""
    request = RequestFactory().get("/api/actors.geojson", {"lang": lang})
    with translation.override("fr"):
        response = actors_geojson(request)
    assert response.status_code == 200
    assert b"Atelier de la pierre" in response.content


def probe_with_junk_queries(client, url, names):
    """Hypothesis sends generated query strings (known names, junk values) to one URL."""

    @settings(
        max_examples=8,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(query=query_strings(names), method=st.sampled_from(["get", "get", "post"]))
    def probe(query, method):
        assert_no_server_error(client, method, url, query)

    probe()


@pytest.mark.django_db
def test_no_public_parameter_gives_a_server_error(client, small_site):
    sample_arguments = {
        "page_view_restriction_id": small_site["restriction"].pk,
        "page_id": small_site["protected"].pk,
        "token": small_site["question_token"],
        "call_id": small_site["call"].pk,
    }
    urls = public_urls(sample_arguments)
    assert "/api/actors.geojson" in urls
    assert "/en/search/" in urls
    assert "/annuaire/export/" in urls
    names = sorted(
        {
            *(facet.name for facet in search_facets()),
            *(facet.name for facet in directory_facets(small_site["directory"])),
            *(facet.name for facet in news_facets(small_site["news"].locale_id)),
            *READ_PARAMETERS,
            "email",
            "consent",
            "server",
            "url",
            "title",
        }
    )
    for url in urls:
        probe_with_junk_queries(client, url, names)
        # Every known name at once, with each kind of junk, and junk in the path itself.
        for value in ("%00", "%01", "%ZZ", "%C3%28", "%", quote("é" * OVERLONG)):
            assert_no_server_error(client, "get", url, "&".join(f"{name}={value}" for name in names))
            assert_no_server_error(client, "post", url, "&".join(f"{name}={value}" for name in names))
            assert_no_server_error(client, "get", f"{url}{value}/", "")
