"""A real server on a loopback port, with its own fresh database holding the demo content.

Used by the browser tests (one per test session) and by `make screenshots`. The database is a
temporary SQLite file, or, when DATABASE_URL points to PostgreSQL, a database of its own next to
the one the other tests use (created fresh, dropped at the end). Given the test run's demo
(tests/demo_database.py), it starts from a copy of it instead of building the demo again.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SETTINGS = "config.settings.browser"

# The people of the journeys: created by `create_journey_users` in the server's database.
ADMIN = ("admin", "admin")  # made by load_demo
EDITOR = ("edith.redactrice", "mot-de-passe-edith")
MODERATOR = ("marc.moderateur", "mot-de-passe-marc")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveSite:
    """Prepares the database, starts gunicorn on 127.0.0.1, and stops both on `stop()`."""

    def __init__(self, log=None, running_at: str | None = None, demo=None):
        """`running_at`: the address of a server already running on DATABASE_URL's database (to
        work on a journey without waiting for a fresh site each time); nothing is prepared then.
        `demo`: a built `DemoDatabase` to copy; without it, the demo is built here."""
        self.demo = demo
        self.directory = Path(tempfile.mkdtemp(prefix="hrc-browser-"))
        self.port = free_port()
        self.url = running_at or f"http://127.0.0.1:{self.port}"
        self.running_at = running_at
        self.log = log or (lambda message: None)
        self.postgres_url = None
        self.process = None
        self.sample_pages: dict[str, str] = {}  # page model label -> path of one live page
        self.sample_page_ids: dict[str, int] = {}  # page model label -> id of that page
        self.open_offers_by_trade: dict[str, list[str]] = {}  # trade path -> its open offers' paths
        self.view_paths: dict[str, str] = {}  # views that are not pages (signed links) -> path
        self.environment = self._environment()

    def _environment(self) -> dict[str, str]:
        environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        if self.running_at:
            return {**environment, "DJANGO_SETTINGS_MODULE": SETTINGS}
        environment.update(
            DJANGO_SETTINGS_MODULE=SETTINGS,
            MEDIA_ROOT=str(self.directory / "media"),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            PYTHONUNBUFFERED="1",
        )
        database_url = os.environ.get("DATABASE_URL", "")
        if database_url.startswith(("postgres://", "postgresql://")):
            parts = urlsplit(database_url)
            name = f"{parts.path.lstrip('/') or 'heritage'}_browser_{os.getpid()}"
            self.postgres_url = urlunsplit(parts._replace(path=f"/{name}"))
            environment["DATABASE_URL"] = self.postgres_url
        else:
            environment["DATABASE_URL"] = f"sqlite:///{self.directory / 'site.sqlite3'}"
        return environment

    def manage(self, *arguments: str) -> str:
        started = time.monotonic()
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *arguments],
            cwd=BASE_DIR,
            env=self.environment,
            check=True,
            capture_output=True,
            text=True,
        )
        self.log(f"manage.py {arguments[0]}: {time.monotonic() - started:.1f}s")
        return result.stdout

    def _database_name(self) -> str:
        return urlsplit(self.postgres_url).path.lstrip("/") if self.postgres_url else "site"

    def _postgres(self, statement: str) -> None:
        import psycopg

        parts = urlsplit(self.postgres_url)
        name = parts.path.lstrip("/")
        admin_url = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(statement.format(name=name))

    def start(self) -> "LiveSite":
        try:
            if self.running_at:
                pass
            elif self.demo is not None:
                self.demo.copy(self._database_name(), sqlite_file=self.directory / "site.sqlite3")
                shutil.copytree(self.demo.media_root, self.directory / "media", dirs_exist_ok=True)
            else:
                if self.postgres_url:
                    self._postgres('DROP DATABASE IF EXISTS "{name}"')
                    self._postgres('CREATE DATABASE "{name}"')
                self.manage("migrate", "--noinput")
                self.manage("load_demo")
            self.manage("shell", "-c", "from tests.browser.live_site import create_journey_users as c; c()")
            listing = self.manage(
                "shell", "-c", "from tests.browser.live_site import print_sample_pages as p; p()"
            )
            listed = json.loads(listing.strip().splitlines()[-1])
            samples = listed["samples"]
            self.open_offers_by_trade = listed["open_offers_by_trade"]
            self.view_paths = listed["views"]
            self.sample_pages = {label: sample["url"] for label, sample in samples.items()}
            self.sample_page_ids = {label: sample["id"] for label, sample in samples.items()}
            if not self.running_at:
                self._serve()
        except subprocess.CalledProcessError as error:
            self.stop()
            raise RuntimeError(f"preparing the site failed:\n{error.stdout}\n{error.stderr}") from error
        except BaseException:
            self.stop()
            raise
        return self

    def _serve(self) -> None:
        self.server_log = open(self.directory / "server.log", "w+")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable, "-m", "gunicorn", "config.wsgi",
                "--bind", f"127.0.0.1:{self.port}",
                "--workers", "1", "--threads", "8",
                "--timeout", "120",
            ],
            cwd=BASE_DIR,
            env=self.environment,
            stdout=self.server_log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped:\n{self.server_output()}")
            try:
                with urllib.request.urlopen(f"{self.url}/robots.txt", timeout=5):  # noqa: S310
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise RuntimeError(f"the server did not answer within a minute:\n{self.server_output()}")

    def server_output(self) -> str:
        self.server_log.flush()
        return (self.directory / "server.log").read_text()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if self.postgres_url and not self.running_at:
            try:
                self._postgres('DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            except Exception as error:
                self.log(f"could not drop the browser tests' database: {error}")
        shutil.rmtree(self.directory, ignore_errors=True)


def create_journey_users() -> None:
    """Runs inside the server's database (`manage.py shell`): an editor and a moderator.

    Wagtail's migrations create the "Editors" and "Moderators" groups with page permissions on
    the whole tree; editors may add and change pages but not publish, moderators may publish.
    Both may also choose the taxonomy terms a page links to.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    from knowledge.taxonomy import TAXONOMY_MODELS

    view_taxonomy = Permission.objects.filter(
        codename__in=[f"view_{model._meta.model_name}" for model in TAXONOMY_MODELS]
    )
    users = get_user_model()
    for (username, password), group_name in ((EDITOR, "Editors"), (MODERATOR, "Moderators")):
        group = Group.objects.get(name=group_name)
        group.permissions.add(*view_taxonomy)
        user, _ = users.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org", "is_staff": False}
        )
        user.first_name = username.split(".")[0].capitalize()
        user.set_password(password)
        user.save()
        user.groups.set([group])


def print_sample_pages() -> None:
    """Runs inside the server's database: prints, as JSON, one live French page of each type
    (the first in tree order, so the same one every run) and what the journeys start from."""
    import json

    from wagtail.models import Locale, Page

    from trades.models import TradeProfilePage

    french = Locale.objects.get(language_code="fr")
    samples = {}
    for page in Page.objects.live().public().filter(locale=french, depth__gt=1).specific().order_by("path"):
        label = page._meta.label
        if label not in samples:
            samples[label] = {"url": page.url, "id": page.pk}
    open_offers = {}
    for trade in TradeProfilePage.objects.live().public().filter(locale=french).order_by("path"):
        offers = [offer.url for offer in trade.get_open_opportunities()]
        if offers:
            open_offers[trade.url] = offers
    print(json.dumps({"samples": samples, "open_offers_by_trade": open_offers, "views": signed_views()}))


def signed_views() -> dict[str, str]:
    """Runs inside the server's database: paths of views reached by a signed link, signed with
    the server's key (the circle's follow-up page, a resource person's request)."""
    from django.urls import reverse

    from core.signed_links import make_token
    from questions.models import Assignment, Question, ResourcePerson
    from questions.notify import ASSIGNMENT_PURPOSE, AVAILABILITY_PURPOSE, FOLLOW_PURPOSE

    views = {"question form": reverse("questions:ask")}
    closed = Question.objects.filter(status=Question.Status.CLOSED).order_by("pk").first()
    if closed is not None:
        views["question follow-up"] = reverse(
            "questions:follow", args=[make_token(FOLLOW_PURPOSE, {"q": closed.pk})]
        )
    accepted = Assignment.objects.filter(status=Assignment.Status.ACCEPTED).order_by("pk").first()
    if accepted is not None:
        token = make_token(ASSIGNMENT_PURPOSE, {"a": accepted.pk})
        views["resource person's request"] = reverse("questions:assignment", args=[token])
    person = ResourcePerson.objects.filter(active=True).order_by("pk").first()
    if person is not None:
        token = make_token(AVAILABILITY_PURPOSE, {"p": person.pk})
        views["resource person's availability"] = reverse("questions:availability", args=[token])
    return views
