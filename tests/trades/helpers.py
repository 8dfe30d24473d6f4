import json
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld_of(html: str) -> dict:
    """The page's one JSON-LD block, parsed (fails if there is not exactly one)."""
    (block,) = JSON_LD.findall(html)
    return json.loads(block)


def queries_to_render(client, url: str) -> int:
    """SQL queries for one request, after a first request has warmed the caches."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)
