"""Browser tests: one live server and one Chromium for the whole session, a fresh context per test.

Playwright for Python drives Debian's Chromium (/usr/bin/chromium: Playwright's own browser
download cannot work on these machines). Without Chromium or Playwright every test here is
skipped with the reason shown; `.ci/run` installs Chromium.
"""

import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.browser.live_site import LiveSite
from tests.demo_database import DEMO_GROUP
from tests.mail_server import MailServer

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FRONTEND = Path(__file__).resolve().parent.parent.parent / "site" / "frontend"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def missing_browser() -> str | None:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[test]')"
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    return None


def pytest_collection_modifyitems(config, items):
    reason = missing_browser()
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            # One worker runs them all (with `--dist loadgroup`): one live server, one Chromium.
            item.add_marker(pytest.mark.xdist_group(DEMO_GROUP))
            if reason:
                item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {reason}"))


@pytest.fixture(scope="session")
def live_site(request):
    # BROWSER_TESTS_SITE=http://127.0.0.1:8001 uses a server you already run (with DATABASE_URL
    # pointing to its database) instead of preparing a fresh one: quicker while writing a journey.
    running_at = os.environ.get("BROWSER_TESTS_SITE")
    site = LiveSite(
        log=lambda message: print(f"[live site] {message}", file=sys.stderr),
        running_at=running_at,
        demo=None if running_at else request.getfixturevalue("demo_database"),
    )
    # The site's mail goes to a real SMTP server of the tests (the journeys read it).
    site.environment["EMAIL_URL"] = f"smtp://127.0.0.1:{request.getfixturevalue('live_mail_server').port}"
    site.start()
    yield site
    site.stop()


@pytest.fixture(scope="session")
def live_mail_server():
    """The SMTP server (aiosmtpd) the live site sends its mail to, for the whole session."""
    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageProblems:
    """What went wrong in the page while a test drove it: script errors, blocked content."""

    def __init__(self, page):
        self.messages: list[str] = []
        page.on("pageerror", lambda error: self.messages.append(f"script error: {error}"))
        page.on("console", self._console)

    def _console(self, message):
        text = message.text
        if message.type == "error" and ("Content Security Policy" in text or "Refused to" in text):
            self.messages.append(f"blocked by the Content-Security-Policy: {text}")


def open_context(chromium, live_site, viewport, **options):
    context = chromium.new_context(
        base_url=live_site.url, viewport=viewport, locale="fr-FR", timezone_id="Europe/Paris", **options
    )
    context.set_default_timeout(15_000)
    # Nothing leaves the machine: a request to any other host (a video player after the click,
    # map tiles) gets an empty answer here. Pages still make the request, so a test can see it.
    own_origin = live_site.url.rstrip("/")

    def answer_third_parties(route):
        if route.request.url.startswith(own_origin + "/") or route.request.url.startswith("data:"):
            route.continue_()
        else:
            route.fulfill(status=204, body="")

    context.route("**/*", answer_third_parties)
    return context


@pytest.fixture
def new_page(chromium, live_site):
    """Opens pages in fresh browser contexts (one person each); fails the test on a script error
    or a Content-Security-Policy violation in any of them."""
    opened = []

    def open_page(viewport=DESKTOP, **options):
        context = open_context(chromium, live_site, viewport, **options)
        page = context.new_page()
        opened.append((context, PageProblems(page)))
        return page

    yield open_page
    problems = []
    for context, page_problems in opened:
        context.close()
        problems += page_problems.messages
    assert not problems, "\n".join(problems)


@pytest.fixture
def desktop(new_page):
    """A page on a desktop screen."""
    return new_page(DESKTOP)


@pytest.fixture
def phone(new_page):
    """A page on a 390 x 844 touch screen (a recent phone)."""
    return new_page(PHONE, has_touch=True, is_mobile=True, device_scale_factor=2)
