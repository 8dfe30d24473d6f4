import pytest

from tests.factories import actors as actor_factories


@pytest.fixture
def communes(db):
    return actor_factories.communes()


@pytest.fixture
def directory(home_page):
    return actor_factories.directory(home_page)


@pytest.fixture
def departments(taxonomy):
    return {term.code: term for term in taxonomy["Department"].values()}
