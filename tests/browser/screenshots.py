"""`make screenshots`: PNG screenshots of the key pages, on a phone and on a desktop screen.

Usage: python -m tests.browser.screenshots OUTPUT_DIRECTORY
Starts the same live server as the browser tests (fresh database, demo content), so the pictures
show what a newcomer gets with `make demo`. A page the demo does not have yet is left out.
"""

import os
import sys
import urllib.error
import urllib.request
from pathlib import Path

# (file name, page model label or path)
KEY_PAGES = [
    ("home", "home.HomePage"),
    ("trades", "trades.TradeIndexPage"),
    ("trade", "/metiers/tailleur-de-pierre/"),
    ("opportunity", "trades.OpportunityPage"),
    ("know-how", "knowledge.KnowHowPage"),
    ("label", "knowledge.LabelPage"),
    ("replay", "knowledge.ReplayPage"),
    ("search", "/recherche/?q=pierre"),
    ("directory", "/annuaire/"),
]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url):  # noqa: S310 (the loopback server)
            return True
    except urllib.error.URLError:
        return False


def main(output: Path) -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, open_context
    from tests.browser.live_site import LiveSite

    output.mkdir(parents=True, exist_ok=True)
    site = LiveSite(log=print, running_at=os.environ.get("BROWSER_TESTS_SITE")).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for screen, viewport, options in (
                ("phone", PHONE, {"is_mobile": True, "has_touch": True, "device_scale_factor": 1}),
                ("desktop", DESKTOP, {}),
            ):
                context = open_context(browser, site, viewport, **options)
                page = context.new_page()
                for name, target in KEY_PAGES:
                    path = site.sample_pages.get(target) if "." in target and "/" not in target else target
                    if not path or not answers(site.url + path):
                        print(f"skipped {name}: {target} is not in the demo")
                        continue
                    page.goto(path)
                    page.wait_for_load_state("networkidle")
                    file = output / f"{name}-{screen}.png"
                    page.screenshot(path=str(file))
                    print(f"saved {file}")
                context.close()
            browser.close()
    finally:
        site.stop()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
