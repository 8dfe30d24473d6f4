"""Share links in a real browser: the page asks nothing of any network before a click."""

from urllib.parse import urlsplit

import pytest

PAGE_TYPES_WITH_SHARE_LINKS = ["news.NewsItemPage", "news.ProgrammePage", "home.HomePage"]


def third_party(requests, live_site):
    own = urlsplit(live_site.url).netloc
    return [url for url in requests if urlsplit(url).netloc not in {own, ""} and not url.startswith("data:")]


@pytest.mark.parametrize("page_type", PAGE_TYPES_WITH_SHARE_LINKS)
def test_a_page_with_share_links_makes_no_request_elsewhere(new_page, live_site, page_type):
    page = new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(live_site.sample_pages[page_type])
    page.wait_for_load_state("networkidle")

    assert third_party(requests, live_site) == []
    share = page.locator(".share")
    assert (
        share.locator("a", has_text="LinkedIn").get_attribute("href").startswith("https://www.linkedin.com/")
    )
    assert share.locator("a", has_text="Facebook").count() == 1
    assert share.get_by_label("Mastodon", exact=False).count() == 1
    assert page.locator('meta[property="og:title"]').count() == 1


def test_mastodon_sharing_asks_for_the_visitors_server(new_page, live_site):
    page = new_page()
    page.goto(live_site.sample_pages["news.NewsItemPage"])
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.locator(".share__mastodon input[name=server]").fill("piaille.fr")
    page.locator(".share__mastodon button").click()
    page.get_by_role("link", name="piaille.fr").click()  # the visitor sees where it goes, and goes
    page.wait_for_load_state("networkidle")
    assert any(url.startswith("https://piaille.fr/share?text=") for url in requests)
