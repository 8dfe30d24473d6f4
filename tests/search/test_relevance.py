"""The relevance set (search/relevance.toml) on the demo, on SQLite and on PostgreSQL.

Each database gets a copy of this run's demo, and ``manage.py search_relevance`` runs on it in
a process of its own (a Django process holds one database engine): the report printed is the
one `make relevance` prints. SQLite always runs; PostgreSQL when DATABASE_URL names it (CI).
"""

import os
import subprocess
import sys

import pytest

from search.relevance import load_cases
from tests.demo_database import BASE_DIR, DEMO_GROUP, DemoDatabase, is_postgres

pytestmark = pytest.mark.xdist_group(DEMO_GROUP)

MINIMUM_SHARE = 95.0


def relevance_report(database_url):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.test", DATABASE_URL=database_url)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "search_relevance", "--minimum", str(MINIMUM_SHARE)],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def demo_of(request, demo_database):
    """demo_of("sqlite" | "postgresql"): the URL of a fresh copy of the demo on that database."""
    copies = []

    def copy(vendor):
        if vendor == "postgresql":
            if not is_postgres(demo_database.database_url):
                pytest.skip("needs PostgreSQL: set DATABASE_URL (CI does)")
            demo = demo_database
        elif is_postgres(demo_database.database_url):
            # A PostgreSQL run builds the SQLite demo too (what `make demo` serves).
            demo = DemoDatabase(demo_database.run_id, database_url="", log=demo_database.log).ensure_built()
            request.addfinalizer(demo.drop)
        else:
            demo = demo_database
        url = demo.copy(f"test_relevance_{vendor}_{os.getpid()}")
        copies.append((demo, url))
        return url

    yield copy
    for demo, url in copies:
        demo.drop_copy(url)


def test_the_relevance_set_has_forty_queries_or_more_each_with_its_page():
    cases = load_cases()
    assert len(cases) >= 40
    assert len({case.query for case in cases}) == len(cases)  # no query twice
    assert all(case.expected for case in cases)


@pytest.mark.parametrize("vendor", ["sqlite", "postgresql"])
def test_the_relevance_set_finds_its_pages_on_the_demo(demo_of, vendor):
    result = relevance_report(demo_of(vendor))
    print(result.stdout)  # the share and the misses, in pytest's output
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Relevance: " in result.stdout
