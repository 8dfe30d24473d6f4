"""Measures search at several corpus sizes and writes the table to docs/benchmarks.md.

For each size N, the corpus is completed to N generated pages (``generate_content``), the
planner statistics are refreshed, then each scenario runs through Django's test client (the
whole server side: middleware, search, template) several times: median and 95th percentile
of the time, and the number of SQL queries of one request.

With ``--database-url`` (what ``make bench`` does), each size has a PostgreSQL database of its
own, ``<name>_<size>``, kept between runs: a corpus is generated once, and a smaller one never
has to be made by deleting thousands of pages from a larger one. Each size is then measured by a
child process of this command connected to its database.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from benchmarks.corpus import GENERATED_SLUG_PREFIX, clear_generated
from benchmarks.report import machine_description, write_section
from home.models import HomePage

SCENARIOS = {
    "(a) query alone": [
        "/recherche/?q=pierre",
        "/recherche/?q=charpente",
        "/recherche/?q=tuffeau",
        "/recherche/?q=metier",
        "/recherche/?q=apprentissage",
    ],
    "(b) query + two facet filters": [
        "/recherche/?q=pierre&kind=trade&material=bois",
        "/recherche/?q=chantier&kind=know-how&domain=patrimoine-bati",
        "/recherche/?q=atelier&kind=opportunity&department=sarthe",
        "/recherche/?q=metier&audience=jeunes&material=pierre",
    ],
    "(c) facets alone": [
        "/recherche/",
        "/recherche/?kind=opportunity&department=sarthe",
        "/recherche/?material=bois&domain=patrimoine-bati",
    ],
    "(d) autocomplete": [
        "/api/search/autocomplete/?q=tai",
        "/api/search/autocomplete/?q=meti",
        "/api/search/autocomplete/?q=vitr",
        "/api/search/autocomplete/?q=charp",
    ],
}


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


class Command(BaseCommand):
    help = "Benchmarks search for corpus sizes (default 1,000 and 10,000) and writes docs/benchmarks.md."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
        parser.add_argument("--repeat", type=int, default=30, help="Timed requests per scenario.")
        parser.add_argument("--output", default="docs/benchmarks.md")
        parser.add_argument(
            "--database-url",
            help="PostgreSQL URL: each size is measured in its own database, <name>_<size>.",
        )
        parser.add_argument(
            "--json", dest="as_json", action="store_true", help="Print the machine and rows as JSON only."
        )

    def handle(self, *args, sizes, repeat, output, database_url, as_json, **options):
        if database_url:
            machine, rows = self.measure_in_own_databases(database_url, sizes, repeat)
        else:
            machine, rows = self.measure_here(sizes, repeat)
        if as_json:
            self.stdout.write(_json_line({"machine": machine, "rows": rows}))
            return
        table = self.table(sorted(rows, key=lambda row: row[0]))
        self.stdout.write(table)
        self.write_report(Path(settings.BASE_DIR) / output, machine, table, repeat)

    def measure_in_own_databases(self, database_url, sizes, repeat):
        machine, rows = None, []
        for size in sorted(sizes):
            parts = urlsplit(database_url)
            url = urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_{size}"))
            _create_database(url)
            environment = {**os.environ, "DATABASE_URL": url}
            manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
            subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=environment, check=True)  # noqa: S603
            self.stdout.write(f"Corpus of {size} in {parts.path.strip('/')}_{size}:")
            child = subprocess.run(  # noqa: S603
                [*manage, "bench_search", "--sizes", str(size), "--repeat", str(repeat), "--json"],
                env=environment,
                check=True,
                stdout=subprocess.PIPE,
                text=True,
            )
            result = _json_from(child.stdout)
            machine = machine or result["machine"]
            rows += [tuple(row) for row in result["rows"]]
        return machine, rows

    def measure_here(self, sizes, repeat):
        if connection.vendor != "postgresql":
            self.stderr.write("Warning: not PostgreSQL; the targets are for PostgreSQL.")
        # A fresh database holds only Wagtail's welcome page: the corpus needs the demo's site,
        # indexes and taxonomy.
        if not HomePage.objects.exists():
            call_command("load_demo", stdout=self.stderr)
        machine = machine_description()
        rows = []
        for size in sorted(sizes):
            self.prepare_corpus(size)
            rows += [(size, name, *self.measure(urls, repeat)) for name, urls in SCENARIOS.items()]
        return machine, rows

    def prepare_corpus(self, size):
        # Progress goes to stderr: with --json, stdout carries the result only.
        out = self.stderr
        existing = Page.objects.filter(slug__startswith=GENERATED_SLUG_PREFIX).count()
        if existing > size:
            clear_generated()
            existing = 0
        if existing < size:
            out.write(f"Generating {size - existing} pages (corpus of {size})...")
            call_command("generate_content", count=size - existing, seed=existing + 1, stdout=out)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")  # a settled database, as autovacuum keeps it

    @override_settings(PAGE_CACHE_ENABLED=False)  # the search as computed, not a kept answer
    def measure(self, urls, repeat):
        client = Client()
        for url in urls:  # warm up: connections, caches, first compilation of templates
            assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as context:
            client.get(urls[0])
        query_count = len(context.captured_queries)
        timings = []
        for number in range(repeat):
            url = urls[number % len(urls)]
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        return statistics.median(timings), percentile(timings, 0.95), query_count

    def table(self, rows):
        lines = [
            "| Items | Scenario | Median (ms) | p95 (ms) | SQL queries |",
            "| ---: | --- | ---: | ---: | ---: |",
        ]
        for size, name, median, p95, queries in rows:
            lines.append(f"| {size:,} | {name} | {median:.1f} | {p95:.1f} | {queries} |")
        return "\n".join(lines) + "\n"

    def write_report(self, path, machine, table, repeat):
        machine_lines = "\n".join(f"- {key}: {value}" for key, value in machine.items())
        when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        write_section(
            path,
            "results",
            f"## Last run: {when}\n\n{machine_lines}\n- Requests per scenario: "
            f"{repeat} (after a warm-up), through Django's test client: whole server time, no network.\n\n"
            f"{table}",
            default_intro="# Search benchmarks\n\n",
        )
        self.stdout.write(self.style.SUCCESS(f"Written to {path}"))


def _json_line(data) -> str:
    return "BENCH " + json.dumps(data, default=str)


def _json_from(output: str):
    (line,) = [line for line in output.splitlines() if line.startswith("BENCH ")]
    return json.loads(line.removeprefix("BENCH "))


def _create_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.strip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')  # a name from our own settings, quoted
