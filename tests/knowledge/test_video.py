"""Video addresses are parsed offline: each provider, its player, its page at a time, and junk."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.video import Video, parse_video_url

YOUTUBE = Video("youtube", "dQw4w9WgXcQ")


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
        "https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ",
        "https://www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=3",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
        "https://www.youtube.com/live/dQw4w9WgXcQ",
        "  https://www.youtube.com/watch?v=dQw4w9WgXcQ  ",
    ],
)
def test_youtube_addresses(url):
    assert parse_video_url(url) == YOUTUBE


def test_youtube_player_has_no_cookies_and_starts_at_the_time():
    assert YOUTUBE.embed_url() == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?enablejsapi=1"
    assert (
        YOUTUBE.embed_url(125, autoplay=True)
        == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=125&enablejsapi=1&autoplay=1"
    )
    assert YOUTUBE.watch_url(125) == "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=125s"
    assert YOUTUBE.watch_url() == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert YOUTUBE.frame_origin == "https://www.youtube-nocookie.com"
    assert YOUTUBE.provider_label == "YouTube"


@pytest.mark.parametrize(
    "url",
    [
        "https://vimeo.com/76979871",
        "https://player.vimeo.com/video/76979871",
        "https://www.vimeo.com/76979871/",
    ],
)
def test_vimeo_addresses(url):
    video = parse_video_url(url)
    assert video == Video("vimeo", "76979871")
    assert (
        video.embed_url(90, autoplay=True) == "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1#t=90s"
    )
    assert video.watch_url(90) == "https://vimeo.com/76979871#t=90s"
    assert video.frame_origin == "https://player.vimeo.com"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.dailymotion.com/video/x8abcde",
        "https://dai.ly/x8abcde",
        "https://dailymotion.com/x8abcde",
    ],
)
def test_dailymotion_addresses(url):
    video = parse_video_url(url)
    assert video == Video("dailymotion", "x8abcde")
    assert video.embed_url(30) == "https://geo.dailymotion.com/player.html?video=x8abcde&startTime=30"
    assert video.watch_url(30) == "https://www.dailymotion.com/video/x8abcde?start=30"
    assert video.frame_origin == "https://geo.dailymotion.com"


@pytest.mark.parametrize(
    "url",
    [
        "https://peertube.example.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d",
        "https://peertube.example.org/videos/watch/9c9de5e8-0a1e-484a-b099-e80766180a6d",
        "https://PeerTube.Example.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d/",
    ],
)
def test_peertube_addresses_keep_their_instance(url):
    video = parse_video_url(url)
    assert video == Video("peertube", "9c9de5e8-0a1e-484a-b099-e80766180a6d", "peertube.example.org")
    assert video.embed_url(61, autoplay=True) == (
        "https://peertube.example.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d?start=61s&autoplay=1"
    )
    assert (
        video.watch_url(61) == "https://peertube.example.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d?start=61s"
    )
    assert video.frame_origin == "https://peertube.example.org"
    assert video.provider_label == "PeerTube, peertube.example.org"


@pytest.mark.parametrize(
    "url",
    [
        "",
        "not a url",
        "ftp://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "javascript:alert(1)//www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ<script>",
        "https://www.youtube.com/channel/UC123",
        "https://youtu.be/",
        "https://vimeo.com/channels/staffpicks",
        "https://example.org/page",
        "https://example.org/w/x",
        # A PeerTube-like path on a host that could break out of the CSP header or the iframe address.
        "https://evil.example;script-src/w/9c9de5e8-0a1e-484a",
        "https://localhost/w/9c9de5e8-0a1e-484a",
        "http://[::1/w/abcdefgh",
    ],
)
def test_junk_is_not_a_video(url):
    assert parse_video_url(url) is None


@given(st.text(max_size=200))
def test_any_text_parses_or_is_refused_without_error(text):
    video = parse_video_url(text)
    if video is not None:
        assert video.embed_url().startswith("https://")
        assert video.watch_url().startswith("https://")
