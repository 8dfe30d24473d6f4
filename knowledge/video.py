"""Recognises a video address on the supported platforms, without calling the network.

The player is built from the parsed address only: no oEmbed request at save or render time.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlparse

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Video:
    provider: str
    video_id: str
    host: str = ""

    def embed_url(self, start_seconds: int = 0, autoplay: bool = False) -> str:
        params: dict[str, str | int] = {}
        if self.provider == "youtube":
            base = f"https://www.youtube-nocookie.com/embed/{self.video_id}"
            if start_seconds:
                params["start"] = start_seconds
            params["enablejsapi"] = 1
        elif self.provider == "vimeo":
            base = f"https://player.vimeo.com/video/{self.video_id}"
            params["dnt"] = 1
        elif self.provider == "dailymotion":
            base = f"https://geo.dailymotion.com/player.html?video={self.video_id}"
            if start_seconds:
                base += f"&startTime={start_seconds}"
        else:  # PeerTube
            base = f"https://{self.host}/videos/embed/{self.video_id}"
            if start_seconds:
                params["start"] = f"{start_seconds}s"
        if autoplay:
            params["autoplay"] = 1
        if self.provider == "vimeo" and start_seconds:
            # Vimeo takes the start time in the fragment.
            return f"{base}?{urlencode(params)}#t={start_seconds}s"
        if not params:
            return base
        separator = "&" if "?" in base else "?"
        return f"{base}{separator}{urlencode(params)}"

    def watch_url(self, start_seconds: int = 0) -> str:
        """The video's own page on the provider, at a given time: chapter links work without JavaScript."""
        if self.provider == "youtube":
            url = f"https://www.youtube.com/watch?v={self.video_id}"
            return f"{url}&t={start_seconds}s" if start_seconds else url
        if self.provider == "vimeo":
            url = f"https://vimeo.com/{self.video_id}"
            return f"{url}#t={start_seconds}s" if start_seconds else url
        if self.provider == "dailymotion":
            url = f"https://www.dailymotion.com/video/{self.video_id}"
            return f"{url}?start={start_seconds}" if start_seconds else url
        url = f"https://{self.host}/w/{self.video_id}"
        return f"{url}?start={start_seconds}s" if start_seconds else url

    @property
    def frame_origin(self) -> str:
        """The origin the player's iframe is loaded from (for the frame-src of the CSP)."""
        parsed = urlparse(self.embed_url())
        return f"{parsed.scheme}://{parsed.netloc}"

    @property
    def provider_label(self) -> str:
        return {"youtube": "YouTube", "vimeo": "Vimeo", "dailymotion": "Dailymotion"}.get(
            self.provider, f"PeerTube, {self.host}"
        )


YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
# A plain DNS name: the host ends up in an iframe address and in the CSP header.
HOSTNAME = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
PEERTUBE_PATH = re.compile(r"^/(?:w|videos/watch|videos/embed)/([A-Za-z0-9-]{6,40})/?$")

UNSUPPORTED_VIDEO = _("Give the address of a video on YouTube, Vimeo, Dailymotion or a PeerTube instance.")


def parse_video_url(url: str) -> Video | None:
    """Returns the video an address points to, or None if it is not a supported video address."""
    try:
        parsed = urlparse(url.strip())
    except ValueError:
        return None
    if parsed.scheme not in {"http", "https"} or not parsed.hostname:
        return None
    host = parsed.hostname.lower()
    path = parsed.path

    if host in {
        "youtube.com",
        "www.youtube.com",
        "m.youtube.com",
        "youtube-nocookie.com",
        "www.youtube-nocookie.com",
    }:
        candidate = parse_qs(parsed.query).get("v", [""])[0]
        if not candidate:
            match = re.match(r"^/(?:embed|shorts|live)/([^/]+)", path)
            candidate = match.group(1) if match else ""
        return Video("youtube", candidate) if YOUTUBE_ID.match(candidate) else None
    if host == "youtu.be":
        candidate = path.strip("/")
        return Video("youtube", candidate) if YOUTUBE_ID.match(candidate) else None
    if host in {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}:
        match = re.match(r"^/(?:video/)?([0-9]{5,12})/?$", path)
        return Video("vimeo", match.group(1)) if match else None
    if host in {"dailymotion.com", "www.dailymotion.com", "dai.ly"}:
        match = re.match(r"^/(?:video/)?([A-Za-z0-9]{5,12})", path)
        return Video("dailymotion", match.group(1)) if match else None
    match = PEERTUBE_PATH.match(path)
    if match and HOSTNAME.match(host):
        return Video("peertube", match.group(1), host)
    return None
