"""The demo site, built once per test run and copied for each test that needs it.

`load_demo` takes a minute or two (wagtail-localize translates the whole tree into English), so
one run builds it once: into a template database on PostgreSQL, copied with
``CREATE DATABASE copy TEMPLATE demo``, or into a file on SQLite, copied as a file. The build and
the copies hold a file lock, so pytest-xdist workers share one build; a marker file holding the
test run's id tells a worker that the template is this run's (not a stale one from an earlier run).
"""

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
# The pytest-xdist group of the tests that use the demo: one worker builds it while the others run
# the rest (`--dist loadgroup`).
DEMO_GROUP = "demo"
# The browser tests' server settings: the demo is built the way that server will read it.
SETTINGS = "config.settings.browser"


def is_postgres(database_url: str) -> bool:
    return database_url.startswith(("postgres://", "postgresql://"))


def postgres(database_url: str, statement: str) -> None:
    """Runs one statement on the server of ``database_url``, from its maintenance database."""
    import psycopg

    admin_url = urlunsplit(urlsplit(database_url)._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(statement)


def database_name(database_url: str) -> str:
    return urlsplit(database_url).path.lstrip("/")


def with_database_name(database_url: str, name: str) -> str:
    return urlunsplit(urlsplit(database_url)._replace(path=f"/{name}"))


def name_in_settings(database_url: str) -> str:
    """What DATABASES["default"]["NAME"] holds for this URL: a database name, or a file path."""
    return (
        database_name(database_url) if is_postgres(database_url) else database_url.removeprefix("sqlite:///")
    )


class DemoDatabase:
    """The demo of one test run (``run_id``), on the server DATABASE_URL names (or SQLite)."""

    def __init__(self, run_id: str, database_url: str | None = None, log=None):
        self.run_id = run_id
        self.database_url = database_url if database_url is not None else os.environ.get("DATABASE_URL", "")
        self.log = log or (lambda message: None)
        # One template per database and checkout: worktrees and CI runs do not meet.
        base = database_name(self.database_url) if is_postgres(self.database_url) else "sqlite"
        checkout = hashlib.sha1(str(BASE_DIR).encode()).hexdigest()[:8]  # noqa: S324 (a name, not a secret)
        self.key = f"{base}-{checkout}"
        scratch = Path(tempfile.gettempdir())
        self.lock_path = scratch / f"hrc-demo-{self.key}.lock"
        self.marker_path = scratch / f"hrc-demo-{self.key}.built"
        # The demo's pictures: kept beside the database, since its copies show them.
        self.media_root = scratch / f"hrc-demo-{self.key}-media"
        if is_postgres(self.database_url):
            self.template_name = f"test_{base}_demo"
            self.template_url = with_database_name(self.database_url, self.template_name)
        else:
            self.template_file = scratch / f"hrc-demo-{self.key}.sqlite3"
            self.template_url = f"sqlite:///{self.template_file}"

    @contextmanager
    def _locked(self):
        with open(self.lock_path, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _manage(self, database_url: str, *arguments: str) -> None:
        started = time.monotonic()
        environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        environment.update(
            DJANGO_SETTINGS_MODULE=SETTINGS, DATABASE_URL=database_url, MEDIA_ROOT=str(self.media_root)
        )
        try:
            subprocess.run(  # noqa: S603
                [sys.executable, "manage.py", *arguments],
                cwd=BASE_DIR,
                env=environment,
                check=True,
                capture_output=True,
                text=True,
            )
        except subprocess.CalledProcessError as error:
            raise RuntimeError(f"manage.py {arguments[0]} failed:\n{error.stdout}\n{error.stderr}") from error
        self.log(f"demo: manage.py {arguments[0]}: {time.monotonic() - started:.1f}s")

    def ensure_built(self) -> "DemoDatabase":
        """Builds the demo unless this run already did (in this process or another worker)."""
        with self._locked():
            if self.marker_path.exists() and self.marker_path.read_text() == self.run_id:
                return self
            self.marker_path.unlink(missing_ok=True)
            self._drop_template()
            shutil.rmtree(self.media_root, ignore_errors=True)
            if is_postgres(self.database_url):
                postgres(self.database_url, f'CREATE DATABASE "{self.template_name}"')
            self._manage(self.template_url, "migrate", "--noinput")
            self._manage(self.template_url, "load_demo")
            self.marker_path.write_text(self.run_id)
        return self

    def copy(self, name: str, sqlite_file: Path | None = None) -> str:
        """A fresh copy of the demo: a database called ``name`` (PostgreSQL) or ``sqlite_file``.
        Returns its DATABASE_URL."""
        with self._locked():
            if is_postgres(self.database_url):
                postgres(self.database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                postgres(self.database_url, f'CREATE DATABASE "{name}" TEMPLATE "{self.template_name}"')
                return with_database_name(self.database_url, name)
            target = sqlite_file or Path(tempfile.gettempdir()) / f"{name}.sqlite3"
            shutil.copyfile(self.template_file, target)
            return f"sqlite:///{target}"

    def drop_copy(self, copy_url: str) -> None:
        if is_postgres(copy_url):
            postgres(copy_url, f'DROP DATABASE IF EXISTS "{database_name(copy_url)}" WITH (FORCE)')
        else:
            Path(name_in_settings(copy_url)).unlink(missing_ok=True)

    def _drop_template(self) -> None:
        if is_postgres(self.database_url):
            postgres(self.database_url, f'DROP DATABASE IF EXISTS "{self.template_name}" WITH (FORCE)')
        else:
            self.template_file.unlink(missing_ok=True)

    def drop(self) -> None:
        """Removes the template at the end of the run (from the controller, after the workers)."""
        with self._locked():
            self._drop_template()
            self.marker_path.unlink(missing_ok=True)
