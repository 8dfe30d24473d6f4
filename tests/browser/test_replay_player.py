"""The replay player in a real browser: nothing from the provider before the click, then its player.

The provider cannot be reached from these machines: the test looks at what the page asks for (the
iframe address, the requests), not at the video itself.
"""

from urllib.parse import urlsplit

import pytest


@pytest.fixture
def replay_path(live_site):
    path = live_site.sample_pages.get("knowledge.ReplayPage")
    assert path, "the demo has no replay"
    return path


def third_party(requests, live_site):
    own = urlsplit(live_site.url).netloc
    return [url for url in requests if urlsplit(url).netloc not in {own, ""} and not url.startswith("data:")]


def test_player_loads_only_on_click_at_the_chapter_time(desktop, live_site, replay_path):
    requests = []
    desktop.on("request", lambda request: requests.append(request.url))
    desktop.goto(replay_path)
    desktop.wait_for_load_state("networkidle")

    assert third_party(requests, live_site) == []
    assert desktop.locator("iframe").count() == 0
    play = desktop.locator("[data-replay-play]")
    assert "Lire la vidéo" in play.inner_text()

    chapter = desktop.locator("a[data-replay-start]").nth(1)
    start = chapter.get_attribute("data-replay-start")
    assert int(start) > 0
    chapter.click()

    frame = desktop.locator("iframe.player__frame")
    assert frame.count() == 1
    assert start in frame.get_attribute("src")
    assert frame.get_attribute("title")
    assert desktop.evaluate("document.activeElement.tagName") == "IFRAME"
    assert desktop.locator("[data-replay-status]").inner_text() != ""
    assert third_party(requests, live_site), "the click should have asked the provider for its player"


def test_the_transcript_can_be_read(desktop, replay_path):
    desktop.goto(replay_path)
    transcript = desktop.locator("details.transcript")
    assert transcript.count() == 1, "this replay has no transcript"
    text = transcript.locator(".rich-text")
    assert not text.is_visible()  # folded: the page stays short
    transcript.locator("summary").click()
    assert text.is_visible()
    assert len(text.inner_text()) > 200


def test_play_button_replaces_the_facade_with_the_player(desktop, live_site, replay_path):
    desktop.goto(replay_path)
    desktop.locator("[data-replay-play]").click()

    assert desktop.locator(".player__facade").count() == 0
    assert "autoplay=1" in desktop.locator("iframe.player__frame").get_attribute("src")
