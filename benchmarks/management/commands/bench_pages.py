"""Serves the demo under gunicorn with production settings and loads it with wrk: every page type,
the search with two facets and a static file, with the page cache on and off, in one run; or,
with ``--load``, a 5-minute mixed load while an editor publishes. Writes docs/benchmarks.md.

Everything talks to 127.0.0.1 only. wrk comes from Debian's package, installed here with apt-get
when it is missing and the command runs as root.

With ``--database-url`` the demo lives in that PostgreSQL database (created, migrated and filled
with ``load_demo`` the first time, kept between runs); the measuring runs in a child process
connected to it, as ``bench_search`` does.
"""

import os
import random
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlencode

import redis
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page

from actors.models import ActorDirectoryPage, ActorPage
from benchmarks.report import machine_description, write_section
from core.visibility import visible
from home.models import HomePage, StandardPage
from knowledge.models import (
    KnowHowIndexPage,
    KnowHowPage,
    LabelIndexPage,
    LabelPage,
    ReplayIndexPage,
    ReplayPage,
)
from trades.models import OpportunityIndexPage, OpportunityPage, TradeIndexPage, TradeProfilePage

from .bench_search import _create_database

HOST = "127.0.0.1"
STATIC_PATH = "/static/dist/css/site.css"
STATIC_LABEL = "static CSS file (WhiteNoise)"
SEARCH_TWO_FACETS = "/recherche/?q=pierre&kind=trade&material=pierre"
PAGE_TYPES = [
    ("home page", HomePage, {}),
    ("standard page", StandardPage, {}),
    ("directory of actors", ActorDirectoryPage, {}),
    ("actor", ActorPage, {}),
    ("trade index", TradeIndexPage, {}),
    ("trade page (tailleur de pierre)", TradeProfilePage, {"slug__startswith": "tailleur-de-pierre"}),
    ("opportunity index", OpportunityIndexPage, {}),
    ("opportunity page", OpportunityPage, {}),
    ("know-how index", KnowHowIndexPage, {}),
    ("know-how page", KnowHowPage, {}),
    ("label index", LabelIndexPage, {}),
    ("label page", LabelPage, {}),
    ("replay index", ReplayIndexPage, {}),
    ("replay page", ReplayPage, {}),
]
FORWARDED = (
    "output",
    "duration",
    "connections",
    "workers",
    "load_duration",
    "load_connections",
    "publish_every",
    "redis_url",
)
LATENCY_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


class Command(BaseCommand):
    help = "Page benchmark under gunicorn and wrk (cached and uncached), or the load run (--load)."

    def add_arguments(self, parser):
        parser.add_argument("--database-url", help="PostgreSQL URL of the demo's own database.")
        parser.add_argument("--output", default="docs/benchmarks.md")
        parser.add_argument("--duration", type=int, default=10, help="Seconds of wrk per address.")
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers.")
        parser.add_argument("--load", action="store_true", help="The load run instead of the table.")
        parser.add_argument("--load-duration", type=int, default=300)
        parser.add_argument("--load-connections", type=int, default=50)
        parser.add_argument("--publish-every", type=int, default=10, help="Seconds between publishes.")
        parser.add_argument(
            "--redis-url",
            default="",
            help="The load run's page cache, shared by the workers as in production (a Redis database "
            "of its own: it is emptied first); empty: each worker's local memory.",
        )

    def handle(self, *args, database_url, **options):
        if database_url:
            self.run_in_database(database_url, options)
            return
        if connection.vendor != "postgresql":
            raise CommandError("The page benchmark runs on PostgreSQL: give --database-url.")
        wrk = ensure_wrk()
        if not HomePage.objects.exists():
            call_command("load_demo", stdout=self.stderr)
        with connection.cursor() as cursor:
            # A settled database, as autovacuum keeps it. Without statistics (a PostgreSQL with
            # autovacuum off, as this machine's, never has them), the planner guessed one page
            # where there were 210 and checked the view restrictions once per page: a trade
            # page's list of actors took 11 ms instead of 0.4.
            cursor.execute("VACUUM ANALYZE")
        self.options = options
        targets = self.targets()
        output = Path(settings.BASE_DIR) / options["output"]
        machine = machine_description()
        with collected_static() as static_root:
            if options["load"]:
                result = self.load_run(wrk, static_root, targets)
                write_section(output, "load", self.load_report(machine, result))
            else:
                queries = {label: count_queries(url) for label, url in targets}
                rows = self.page_table(wrk, static_root, targets)
                write_section(output, "pages", self.page_report(machine, rows, queries))
        self.stdout.write(self.style.SUCCESS(f"Written to {output}"))

    def run_in_database(self, database_url, options):
        _create_database(database_url)
        environment = {**os.environ, "DATABASE_URL": database_url}
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=environment, check=True)  # noqa: S603
        arguments = [f"--{name.replace('_', '-')}={options[name]}" for name in FORWARDED] + (
            ["--load"] if options["load"] else []
        )
        subprocess.run([*manage, "bench_pages", *arguments], env=environment, check=True)  # noqa: S603

    # Addresses --------------------------------------------------------------------------------

    def targets(self) -> list[tuple[str, str]]:
        french = Locale.objects.get(language_code="fr")
        targets = []
        for label, model, lookups in PAGE_TYPES:
            pages = visible(model.objects.filter(**lookups), french)
            if model is OpportunityPage:
                pages = pages.open()
            page = pages.order_by("path").first()
            if page is None:
                raise CommandError(f"The demo has no visible {label}.")
            targets.append((label, page.get_url()))
        targets.append(("search, words and two facets", SEARCH_TWO_FACETS))
        return targets

    # The table --------------------------------------------------------------------------------

    def page_table(self, wrk, static_root, targets):
        # The static file is measured just before each address (half as long): on a shared machine
        # the load of the moment moves both alike, and the ratio keeps the comparison.
        rows = {}
        for cached in (False, True):
            with gunicorn(static_root, cached, self.options["workers"]) as base:
                statics = []
                for label, url in targets:
                    static = self.wrk(wrk, base + STATIC_PATH, self.options["duration"] // 2 or 1)
                    statics.append(static)
                    result = self.wrk(wrk, base + url)
                    rows.setdefault(label, {"url": url})[cached] = (result, static)
                mean = {
                    "rps": sum(static["rps"] for static in statics) / len(statics),
                    "errors": sum(static["errors"] for static in statics),
                }
                rows.setdefault(STATIC_LABEL, {"url": STATIC_PATH})[cached] = (mean, mean)
        return rows

    def wrk(self, wrk, url, duration=None):
        for _ in range(4):  # warm up: each worker's first request, the cache's first entry
            with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (127.0.0.1)
                if response.status != 200:
                    raise CommandError(f"{url} answered {response.status}")
        duration, connections = duration or self.options["duration"], self.options["connections"]
        arguments = ["-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "--latency", url]
        result = run_wrk(wrk, arguments)
        self.stderr.write(f"{url}: {result['rps']:.0f} requests/s, {result['errors']} errors")
        return result

    def page_report(self, machine, rows, queries):
        lines = [
            "## Page benchmark",
            "",
            f"Last run: {datetime.now(UTC):%Y-%m-%d %H:%M UTC}, `make bench` (`manage.py bench_pages`).",
            "",
            *(f"- {key}: {value}" for key, value in machine.items()),
            f"- gunicorn {self.options['workers']} sync workers, production settings "
            "(`config.settings.production`, HTTP on 127.0.0.1), the demo on PostgreSQL, the page cache "
            "in each worker's local memory (no `REDIS_URL`)",
            f"- wrk 2 threads, {self.options['connections']} connections, {self.options['duration']} s per "
            "address after a warm-up, the static file measured just before each address (half as long) "
            "and each ratio taken to that measure; the static row gives their mean",
            "",
            "| Address | SQL queries (uncached) | Uncached requests/s | Ratio to static | "
            "Cached requests/s | Ratio to static | Errors |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for label, row in rows.items():
            cells = [f"{label} (`{row['url']}`)", str(queries.get(label, "none"))]
            for cached in (False, True):
                result, static = row[cached]
                cells += [f"{result['rps']:,.0f}", f"{result['rps'] / static['rps']:.3f}"]
            cells.append(str(row[False][0]["errors"] + row[True][0]["errors"]))
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines) + "\n"

    # The load run -----------------------------------------------------------------------------

    def load_run(self, wrk, static_root, targets):
        paths = self.load_paths(targets)
        script = Path(tempfile.mkdtemp(prefix="hrc-load-")) / "mix.lua"
        script.write_text(lua_script(paths))
        editor = Editor(self.options["publish_every"])
        redis_url = self.options["redis_url"]
        if redis_url:
            redis.Redis.from_url(redis_url).flushdb()  # no page of an earlier run
        with gunicorn(static_root, True, self.options["workers"], redis_url) as base:
            for _label, url in targets:  # warm up every worker
                for _ in range(4):
                    urllib.request.urlopen(base + url, timeout=30).close()  # noqa: S310 (127.0.0.1)
            memory_start = worker_memory(base)
            editor.start(base)
            try:
                result = run_wrk(
                    wrk,
                    [
                        "-t2",
                        f"-c{self.options['load_connections']}",
                        f"-d{self.options['load_duration']}s",
                        "--timeout",
                        "10s",
                        "--latency",
                        "-s",
                        str(script),
                        base,
                    ],
                )
            finally:
                editor.stop()
            memory_end = worker_memory(base)
        shutil.rmtree(script.parent, ignore_errors=True)
        return {
            "wrk": result,
            "memory_start": memory_start,
            "memory_end": memory_end,
            "publishes": editor.publishes,
            "publish_not_seen": editor.not_seen,
            "paths": len(paths),
        }

    def load_paths(self, targets) -> list[str]:
        """The mix: pages (half), searches with varied words and filters that mostly miss the
        cache (a third), the JSON APIs and the feeds."""
        rng = random.Random(11)
        french = Locale.objects.get(language_code="fr")
        pages = [page.get_url() for page in visible(Page.objects, french).filter(depth__gt=1)[:300]]
        english = Locale.objects.filter(language_code="en").first()
        if english is not None:
            pages += [page.get_url() for page in visible(Page.objects, english).filter(depth__gt=1)[:100]]
        pages += [url for _label, url in targets if "recherche" not in url]
        titles = visible(Page.objects, french).values_list("title", flat=True)
        words = sorted({word.lower() for title in titles for word in re.findall(r"\w{4,}", title)})
        facets = [
            {},
            {"kind": "trade"},
            {"kind": "opportunity"},
            {"kind": "know-how"},
            {"kind": "trade", "material": "pierre"},
            {"kind": "opportunity", "department": "sarthe"},
            {"domain": "patrimoine-bati"},
            {"kind": "know-how", "domain": "patrimoine-bati"},
        ]

        def search(path, **extra):
            return f"{path}?{urlencode({'q': rng.choice(words), **rng.choice(facets), **extra})}"

        paths = []
        for _ in range(3000):
            draw = rng.random()
            if draw < 0.5:
                paths.append(rng.choice(pages))
            elif draw < 0.8:
                paths.append(search("/recherche/"))
            elif draw < 0.88:
                paths.append(search("/api/search/"))
            elif draw < 0.93:
                word = rng.choice(words)
                paths.append("/api/search/autocomplete/?" + urlencode({"q": word[: rng.randint(2, 5)]}))
            elif draw < 0.96:
                paths.append(rng.choice(["/api/actors.geojson", "/api/actors.geojson?department=sarthe"]))
            else:
                paths.append(rng.choice([search("/recherche/rss/"), "/sitemap.xml"]))
        return paths

    def load_report(self, machine, result):
        wrk_result = result["wrk"]
        start, end = result["memory_start"], result["memory_end"]
        lines = [
            "## Load run",
            "",
            f"Last run: {datetime.now(UTC):%Y-%m-%d %H:%M UTC}, `make bench-load` "
            "(`manage.py bench_pages --load`).",
            "",
            *(f"- {key}: {value}" for key, value in machine.items()),
            f"- gunicorn {self.options['workers']} sync workers, production settings, the page cache on "
            + (
                "(Redis, shared by the workers, as in production)"
                if self.options["redis_url"]
                else "(each worker's local memory)"
            )
            + ", the demo on PostgreSQL",
            f"- wrk with a Lua script: {self.options['load_connections']} connections for "
            f"{self.options['load_duration']} s over {result['paths']:,} addresses drawn at random: pages "
            "(half), searches with varied words and filters (a third: most miss the cache), the search "
            "and autocomplete APIs, the actors' GeoJSON, the search feed and the sitemap",
            f"- an editor publishes a page every {self.options['publish_every']} s (a new generation "
            f"token: every cached page misses once): {result['publishes']} publishes, "
            f"{result['publish_not_seen']} not seen at once by the next visitor",
            "",
            "| Requests | Requests/s | Errors | p50 (ms) | p99 (ms) | Worker memory at the start (MiB) "
            "| at the end (MiB) |",
            "| ---: | ---: | ---: | ---: | ---: | --- | --- |",
            f"| {wrk_result['requests']:,} | {wrk_result['rps']:,.0f} | {wrk_result['errors']} | "
            f"{wrk_result['p50']:.1f} | {wrk_result['p99']:.1f} | {', '.join(f'{m:.0f}' for m in start)} | "
            f"{', '.join(f'{m:.0f}' for m in end)} |",
        ]
        return "\n".join(lines) + "\n"


# Helpers ------------------------------------------------------------------------------------------


def ensure_wrk() -> str:
    path = shutil.which("wrk")
    if path:
        return path
    if os.geteuid() != 0:
        raise CommandError("wrk is missing: install Debian's package (sudo apt-get install wrk).")
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False)  # noqa: S607
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "update", "-q"], check=True)  # noqa: S607
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True)  # noqa: S607
    return shutil.which("wrk")


def count_queries(url: str) -> int:
    """SQL queries of one request as computed (the page cache off), after a warm-up."""
    client = Client()
    with override_settings(PAGE_CACHE_ENABLED=False):
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
    if response.status_code != 200:
        raise CommandError(f"{url} answered {response.status_code}")
    return len(context.captured_queries)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def server_environment(static_root: Path, cached: bool, redis_url: str = "") -> dict:
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "SENTRY_", "REDIS_", "ADMINS", "EMAIL_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(40),
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS=HOST,
        STATIC_ROOT=str(static_root),
        PAGE_CACHE="on" if cached else "off",
        LOG_LEVEL="ERROR",
    )
    if redis_url:
        environment["REDIS_URL"] = redis_url
    return environment


@contextmanager
def collected_static():
    static_root = Path(tempfile.mkdtemp(prefix="hrc-bench-static-"))
    try:
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=settings.BASE_DIR,
            env=server_environment(static_root, cached=False),
            check=True,
        )
        yield static_root
    finally:
        shutil.rmtree(static_root, ignore_errors=True)


@contextmanager
def gunicorn(static_root: Path, cached: bool, workers: int, redis_url: str = ""):
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            f"--workers={workers}",
            f"--bind={HOST}:{port}",
            "--log-level=warning",
        ],
        cwd=settings.BASE_DIR,
        env=server_environment(static_root, cached, redis_url),
    )
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(base + STATIC_PATH, timeout=5).close()  # noqa: S310 (127.0.0.1)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise CommandError("gunicorn did not start") from None
                time.sleep(0.5)
        server.base = base
        _servers[base] = server
        yield base
    finally:
        _servers.pop(base, None)
        server.terminate()
        server.wait(timeout=30)


_servers: dict[str, subprocess.Popen] = {}


def worker_memory(base: str) -> list[float]:
    """The resident memory of each gunicorn worker of the server at ``base``, in MiB."""
    master = _servers[base].pid
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sorted(sizes)


def run_wrk(wrk: str, arguments: list[str]) -> dict:
    output = subprocess.run([wrk, *arguments], check=True, capture_output=True, text=True).stdout  # noqa: S603
    if "-s" in arguments:  # the load run: its whole report, for the record
        sys.stderr.write(output)
    return parse_wrk(output)


def _latency(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * LATENCY_UNITS[unit]


def parse_wrk(output: str) -> dict:
    errors = sum(int(count) for count in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors += int(non_2xx.group(1)) if non_2xx else 0
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.M))
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "errors": errors,
        "p50": _latency(percentiles["50"]) if "50" in percentiles else float("nan"),
        "p99": _latency(percentiles["99"]) if "99" in percentiles else float("nan"),
    }


def lua_script(paths: list[str]) -> str:
    """A wrk script that asks for the ``paths`` in a random order, another in each thread."""
    quoted = ",\n".join(f'  "{quote(path, safe="/?=&%+")}"' for path in paths)
    return (
        f"local paths = {{\n{quoted}\n}}\n"
        "local counter = 0\n"
        "function setup(thread)\n  counter = counter + 1\n  thread:set('id', counter)\nend\n"
        "function init(args)\n  math.randomseed(os.time() * 7919 + (id or 0))\nend\n"
        "function request()\n  return wrk.format(nil, paths[math.random(#paths)])\nend\n"
    )


class Editor:
    """Publishes a new revision of a standard page every few seconds, then checks that the next
    anonymous request sees it (the generation token moved: no stale cached copy)."""

    def __init__(self, every: int):
        self.every = every
        self.publishes = 0
        self.not_seen = 0
        self._stop = threading.Event()
        self._thread = None

    def start(self, base):
        self._thread = threading.Thread(target=self._run, args=(base,), daemon=True)
        self._thread.start()

    def stop(self):
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=60)

    def _run(self, base):
        from django.db import connections

        try:
            page = visible(StandardPage.objects).order_by("path").first()
            while not self._stop.wait(self.every):
                page.summary = f"Mis à jour {self.publishes + 1} ({time.time():.0f})"
                page.save_revision().publish()
                self.publishes += 1
                with urllib.request.urlopen(base + page.get_url(), timeout=30) as response:  # noqa: S310
                    if page.summary not in response.read().decode():
                        self.not_seen += 1
        finally:
            connections.close_all()
