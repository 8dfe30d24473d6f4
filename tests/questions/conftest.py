"""The circle of the tests: five resource persons around the tuffeau, one away, one elsewhere."""

import re
from contextlib import contextmanager
from datetime import date

import pytest
from django.core.cache import cache

from tests.factories.questions import QuestionAnswerIndexPageFactory, ResourcePersonFactory

LINK = re.compile(r"https?://[^/\s]+(/\S+/)")


def links_in(text: str) -> list[str]:
    """The paths of the site's links in a mail's text."""
    return LINK.findall(text)


@pytest.fixture(autouse=True)
def empty_cache():
    """The form's rate limit counts in the cache: each test starts from zero."""
    cache.clear()


@pytest.fixture
def circle(home_page, taxonomy):
    materials, departments, domains = taxonomy["Material"], taxonomy["Department"], taxonomy["Domain"]
    return {
        "jeanne": ResourcePersonFactory(
            name="Jeanne Lapierre",
            email="jeanne@example.org",
            skills={
                "materials": [materials["tuffeau"], materials["chaux"]],
                "departments": [departments["maine-et-loire"]],
            },
        ),
        "lucie": ResourcePersonFactory(
            name="Lucie Morin",
            email="lucie@example.org",
            skills={"materials": [materials["tuffeau"]]},  # the whole region
        ),
        "paul": ResourcePersonFactory(
            name="Paul Charpentier", email="paul@example.org", skills={"materials": [materials["bois"]]}
        ),
        "anne": ResourcePersonFactory(
            name="Anne Absente",
            email="anne@example.org",
            away_until=date(2027, 1, 31),
            skills={"materials": [materials["tuffeau"]]},
        ),
        "marc": ResourcePersonFactory(
            name="Marc Vendéen",
            email="marc@example.org",
            skills={
                "materials": [materials["tuffeau"]],
                "domains": [domains["patrimoine-bati"]],
                "departments": [departments["vendee"]],
            },
        ),
    }


@pytest.fixture
def qa_index(home_page):
    return QuestionAnswerIndexPageFactory(parent=home_page)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs what the block's transactions leave for after their commit (the mails), as a real
    request would: the tests' own transaction never commits."""

    @contextmanager
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return run
