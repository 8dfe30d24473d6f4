"""What the tests read from a response: its JSON-LD, what the browser would fetch, its SQL queries."""

import json
import re
from html.parser import HTMLParser

from django.db import connection
from django.test.utils import CaptureQueriesContext

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld_blocks(html: str) -> list[dict]:
    return [json.loads(block) for block in JSON_LD.findall(html)]


def json_ld_of(html: str) -> dict:
    """The page's one JSON-LD block, parsed (fails if there is not exactly one)."""
    (block,) = json_ld_blocks(html)
    return block


def queries_to_render(client, url: str) -> int:
    """SQL queries for one request, after a first request has warmed the caches."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


class ResourceCollector(HTMLParser):
    """Collects every address the browser would fetch by itself while loading the page."""

    FETCHING_LINK_RELS = {"stylesheet", "preload", "modulepreload", "icon", "prefetch", "manifest"}

    def __init__(self):
        super().__init__()
        self.fetched = []
        self.tags = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append(tag)
        if tag in {"script", "img", "iframe", "audio", "video", "source", "embed", "track", "input"}:
            for name in ("src", "srcset", "poster"):
                if attributes.get(name):
                    self.fetched.append(attributes[name])
        if tag == "object" and attributes.get("data"):
            self.fetched.append(attributes["data"])
        if tag == "link" and set((attributes.get("rel") or "").split()) & self.FETCHING_LINK_RELS:
            self.fetched.append(attributes.get("href", ""))
        if attributes.get("style") and "url(" in attributes["style"]:
            self.fetched.append(attributes["style"])


def fetched_resources(html: str) -> ResourceCollector:
    collector = ResourceCollector()
    collector.feed(html)
    return collector
