import pytest

from . import factories


@pytest.fixture
def communes(db):
    return factories.communes()


@pytest.fixture
def directory(home_page):
    return factories.directory(home_page)


@pytest.fixture
def departments(taxonomy):
    return {term.code: term for term in taxonomy["Department"].values()}
