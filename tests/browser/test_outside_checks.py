"""Checks by tools nobody here wrote, on the home page and one live page of every type.

- axe-core (from npm, injected into the page): no violation of the WCAG 2.1 A and AA rules.
- The W3C Nu HTML checker (npm package vnu-jar, run with Java): no error in the served HTML.

The pages: for every page model the site has, the first live French page of that type in the
demo content (so a new page type is checked as soon as the demo has one), plus the views that are
not Wagtail pages.
"""

import json
import shutil
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from wagtail.models import get_page_models

from tests.browser.conftest import DESKTOP, FRONTEND, open_context

AXE = FRONTEND / "node_modules" / "axe-core" / "axe.min.js"
VNU = FRONTEND / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Rules not applied, each with its reason. (None so far: fix the page rather than add one.)
AXE_EXCLUDED_RULES: dict[str, str] = {}

PAGE_TYPES = sorted(
    model._meta.label for model in get_page_models() if model._meta.label != "wagtailcore.Page"
)
OTHER_VIEWS = {
    "page not found (404)": "/cette-page-n-existe-pas/",
    "English home page": "/en/",
    "search with facets and chips": "/recherche/?q=pierre&kind=trade",
    "search with nothing found": "/recherche/?q=zzzzqqq",
    "directory map alone (embed)": "/annuaire/carte/",
    "past events with a filter": "/agenda/past/?kind=connexions",
    "agenda with a filter and its chip": "/agenda/?attendance=online",
    "news filtered, with chips": "/actualites/?kind=watch&scope=national",
    "newsletter subscription": "/newsletter/",
    "forum topic proposal form": "/forum/propose/",
    "workshop filtered by stage": "/chantiers-et-projets/?stage=call",
    "call for participation form": "/chantiers-et-projets/chantier-outils-de-mediation/participate/",
}
# Views whose path the server gives (tests/browser/live_site.py signed_views: signed links).
SERVER_VIEWS = [
    "question form",
    "question follow-up",
    "resource person's request",
    "resource person's availability",
]


def missing_node_tool(path: Path, what: str) -> str | None:
    if path.exists():
        return None
    if not shutil.which("node"):
        return f"Node.js is not installed: {what} comes from npm"
    return f"{what} is not installed: run `npm ci` in site/frontend (make test does)"


def path_for(live_site, target: str) -> str:
    if target in OTHER_VIEWS:
        return OTHER_VIEWS[target]
    if target in SERVER_VIEWS:
        assert target in live_site.view_paths, f"the demo content has nothing for {target}"
        return live_site.view_paths[target]
    # Every page type must be in the demo, so that it is checked here: a missing one is a failure.
    assert target in live_site.sample_pages, f"the demo content has no live page of type {target}"
    return live_site.sample_pages[target]


CHECKED = PAGE_TYPES + list(OTHER_VIEWS) + SERVER_VIEWS


@pytest.fixture(scope="module")
def axe_page(chromium, live_site):
    reason = missing_node_tool(AXE, "axe-core")
    if reason:
        pytest.skip(reason)
    # The strict Content-Security-Policy forbids the inline script that injects axe: this context
    # alone ignores it (the journeys run with it).
    context = open_context(chromium, live_site, DESKTOP, bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("target", CHECKED)
def test_axe_finds_no_wcag_21_a_or_aa_violation(axe_page, live_site, target):
    path = path_for(live_site, target)
    axe_page.goto(path)
    axe_page.add_script_tag(path=str(AXE))
    violations = axe_page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " :: " + n.failureSummary),
            }));
        }""",
        WCAG_21_A_AA,
    )
    violations = [v for v in violations if v["id"] not in AXE_EXCLUDED_RULES]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"]) for v in violations
    )
    assert not violations, f"axe-core on {path}:\n{report}"


@pytest.fixture(scope="module")
def nu_checker_messages(live_site, tmp_path_factory):
    """Runs the Nu HTML checker once over every page checked; returns its messages by path."""
    reason = missing_node_tool(VNU, "the Nu HTML checker (vnu-jar)")
    if reason:
        pytest.skip(reason)
    if not shutil.which("java"):
        pytest.skip(
            "Java is not installed: the Nu HTML checker needs it (apt-get install default-jre-headless)"
        )
    directory = tmp_path_factory.mktemp("html")
    files = {}
    for target in CHECKED:
        path = path_for(live_site, target)
        try:
            with urllib.request.urlopen(live_site.url + path) as response:  # noqa: S310 (loopback)
                html = response.read()
        except urllib.error.HTTPError as error:  # the 404 page is checked too
            html = error.read()
        file = directory / f"page{len(files)}.html"
        file.write_bytes(html)
        files[str(file.resolve())] = path
    result = subprocess.run(  # noqa: S603
        ["java", "-jar", str(VNU), "--format", "json", "--stdout", *files],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    messages: dict[str, list[dict]] = {path: [] for path in files.values()}
    for message in json.loads(result.stdout)["messages"]:
        # The checker names a file "file:/tmp/…" (one slash): matched by its path. A message about
        # no file in particular (the checker itself) counts for every page.
        file = urllib.parse.urlsplit(message.get("url", "")).path
        for path in [files[file]] if file in files else messages:
            messages[path].append(message)
    return messages


@pytest.mark.parametrize("target", CHECKED)
def test_nu_html_checker_finds_no_error(nu_checker_messages, live_site, target):
    path = path_for(live_site, target)
    errors = [m for m in nu_checker_messages[path] if m["type"] in {"error", "non-document-error"}]
    report = "\n".join(
        f"line {m.get('lastLine')}: {m['message']} :: {m.get('extract', '')!r}" for m in errors
    )
    assert not errors, f"Nu HTML checker on {path}:\n{report}"
