"""Fixtures every app's tests share: locales, a French home page as the site root, taxonomy."""

import pytest
from django.db import connection
from wagtail.models import Locale, Page, Site

from home.models import HomePage


def pytest_report_header(config):
    return f"database: {connection.vendor} ({connection.settings_dict['NAME']})"


@pytest.fixture
def locales(db):
    french, _ = Locale.objects.get_or_create(language_code="fr")
    english, _ = Locale.objects.get_or_create(language_code="en")
    return {"fr": french, "en": english}


@pytest.fixture
def home_page(locales):
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    home = HomePage(title="Accueil", slug="accueil", locale=locales["fr"], hero_title="Le patrimoine")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Test")
    return home


@pytest.fixture
def taxonomy(locales):
    """A few terms of every taxonomy, built the way the demo builds them."""
    from knowledge.demo import build_taxonomy
    from knowledge.taxonomy import TAXONOMY_MODELS

    build_taxonomy()
    return {model.__name__: {term.slug: term for term in model.objects.all()} for model in TAXONOMY_MODELS}


def skip_unless_postgres():
    return pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL: set DATABASE_URL (CI does)"
    )
