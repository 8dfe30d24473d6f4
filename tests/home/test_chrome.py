"""The site, its settings and home page are remembered by each process until content changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from home.models import HomePage, SiteSettings

pytestmark = pytest.mark.django_db


def test_a_second_request_asks_the_database_only_for_the_generation(client, home_page):
    client.get("/recherche/")
    with CaptureQueriesContext(connection) as context:
        response = client.get("/recherche/")
    assert response.status_code == 200
    queries = [query["sql"] for query in context.captured_queries]
    assert [sql for sql in queries if "searchgeneration" not in sql] == []


def test_site_settings_edited_show_on_the_next_request(client, home_page):
    client.get("/")
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.footer_text = "Le réseau du patrimoine, à Nantes."
    site_settings.save()
    assert "Le réseau du patrimoine, à Nantes." in client.get("/").content.decode()


def test_a_site_given_another_home_page_serves_it_on_the_next_request(client, home_page, locales):
    assert "Le patrimoine" in client.get("/").content.decode()
    other = HomePage(title="Autre accueil", slug="autre", locale=locales["fr"], hero_title="Un autre réseau")
    home_page.get_parent().add_child(instance=other)
    other.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    site.root_page = other
    site.save()
    html = client.get("/").content.decode()
    assert "Un autre réseau" in html
    assert "Le patrimoine" not in html


def test_each_host_gets_its_own_site(client, home_page, locales, settings):
    settings.ALLOWED_HOSTS = ["localhost", "autre.example"]
    other = HomePage(title="Autre accueil", slug="autre", locale=locales["fr"], hero_title="Un autre réseau")
    home_page.get_parent().add_child(instance=other)
    other.save_revision().publish()
    Site.objects.create(hostname="autre.example", port=80, root_page=other, site_name="Autre")
    assert "Un autre réseau" in client.get("/", HTTP_HOST="autre.example").content.decode()
    assert "Le patrimoine" in client.get("/", HTTP_HOST="localhost").content.decode()
