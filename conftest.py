"""Fixtures every app's tests share: locales, a French home page as the site root, taxonomy, and
the demo site (built once per run, see tests/demo_database.py)."""

import sys
import uuid

import pytest
from django.core.cache import cache
from django.db import connection
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from tests.demo_database import DemoDatabase

RUN_ID = pytest.StashKey[str]()


def pytest_report_header(config):
    return f"database: {connection.vendor} ({connection.settings_dict['NAME']})"


def pytest_configure(config):
    # One id per test run, the same in every pytest-xdist worker: the demo is built once per run.
    workerinput = getattr(config, "workerinput", None)
    config.stash[RUN_ID] = workerinput["testrunuid"] if workerinput else uuid.uuid4().hex


def pytest_sessionfinish(session):
    if not hasattr(session.config, "workerinput"):  # the controller, or a run without xdist
        demo = DemoDatabase(session.config.stash[RUN_ID])
        if demo.marker_path.exists():
            demo.drop()


@pytest.fixture(scope="session")
def demo_database(request) -> DemoDatabase:
    """The demo site of this run (built by the first test that asks), to copy with `.copy()`."""
    demo = DemoDatabase(request.config.stash[RUN_ID], log=lambda message: print(message, file=sys.stderr))
    return demo.ensure_built()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty Django cache: what an earlier test left there (or the
    local-memory cache culling it when full) must not change what a test sees or counts."""
    cache.clear()


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
