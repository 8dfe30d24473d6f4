"""HEAD works wherever GET does; TRACE and the other methods the public site does not use get 405."""

import pytest
from wagtail.models import PageViewRestriction

from home.models import StandardPage
from tests.factories import actors as actor_factories

SAFE_VIEWS = [
    "/",
    "/en/",
    "/recherche/?q=pierre",
    "/en/search/?q=pierre",
    "/api/search/?q=pierre",
    "/api/search/autocomplete/?q=pie",
    "/api/actors.geojson",
    "/recherche/rss/",
    "/sitemap.xml",
    "/robots.txt",
    "/annuaire/",
    "/annuaire/export/",
]
UNUSED_METHODS = ["trace", "put", "patch", "delete", "options"]


@pytest.fixture
def site(home_page, locales):
    actor_factories.directory(home_page)
    english_home = home_page.copy_for_translation(locales["en"])
    english_home.save_revision().publish()
    return home_page


@pytest.mark.django_db
def test_head_answers_like_get_without_a_body(client, site):
    answers = {}
    for url in SAFE_VIEWS:
        get, head = client.get(url), client.head(url)
        answers[url] = (get.status_code, head.status_code, head["Content-Type"] == get["Content-Type"])
        assert head.content == b""
    assert answers == dict.fromkeys(SAFE_VIEWS, (200, 200, True))


@pytest.mark.django_db
def test_unused_methods_are_not_allowed(client, site):
    answers = {(url, method): getattr(client, method)(url) for url in SAFE_VIEWS for method in UNUSED_METHODS}
    assert {key: response.status_code for key, response in answers.items()} == dict.fromkeys(answers, 405)
    for response in answers.values():
        assert response["Allow"] == "GET, HEAD, POST"


@pytest.mark.django_db
def test_the_page_password_form_keeps_post(client, home_page):
    protected = StandardPage(title="Réservé", slug="reserve", body=[])
    home_page.add_child(instance=protected)
    protected.save_revision().publish()
    restriction = PageViewRestriction.objects.create(
        page=protected, restriction_type=PageViewRestriction.PASSWORD, password="sesame"
    )
    assert client.get("/reserve/").status_code == 200
    assert "sesame" not in client.get("/reserve/").content.decode()
    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{protected.pk}/",
        {"password": "sesame", "return_url": "/reserve/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/reserve/"


@pytest.mark.django_db
def test_the_admin_keeps_its_forms(client, admin_client, home_page):
    assert admin_client.get("/admin/").status_code == 200
    response = client.post("/admin/login/", {"username": "nobody", "password": "wrong"})
    assert response.status_code == 200
    assert "ne correspondent à aucun" in response.content.decode()
