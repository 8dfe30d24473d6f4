import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from knowledge.models import KnowHowIndexPage, LabelIndexPage, ReplayIndexPage
from tests.factories.knowledge import (
    know_how,
    know_how_index,
    label,
    label_index,
    meeting_day,
    replay,
    replay_index,
)
from tests.helpers import json_ld_blocks
from tests.query_budget import QUERY_BUDGET

pytestmark = pytest.mark.django_db

INDEXES = {
    "knowhowindexpage": (KnowHowIndexPage, know_how_index, "savoir-faire"),
    "labelindexpage": (LabelIndexPage, label_index, "labels"),
    "replayindexpage": (ReplayIndexPage, replay_index, "replays"),
}


@pytest.mark.parametrize("model_name", INDEXES)
def test_editor_creates_an_index_page(admin_client, home_page, model_name):
    model, _build, slug = INDEXES[model_name]
    data = nested_form_data(
        {
            "title": "Index",
            "slug": slug,
            "summary": "Tout ce que le réseau sait.",
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )

    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=("knowledge", model_name, home_page.pk)), data
    )

    assert response.status_code == 302
    page = model.objects.get(slug=slug)
    html = admin_client.get(page.url).content.decode()
    assert "Tout ce que le réseau sait." in html
    (data,) = json_ld_blocks(html)
    assert data["@type"] == "CollectionPage"
    assert data["mainEntity"]["itemListElement"] == []


def fill(kind, index, count, locale):
    day = meeting_day(locale) if kind == "replays" else None
    for n in range(count):
        if kind == "know-how":
            know_how(index, slug=f"savoir-{n}", title=f"Savoir {n}")
        elif kind == "labels":
            label(index, slug=f"label-{n}", title=f"Label {n}")
        else:
            replay(index, day, slug=f"replay-{n}")


@pytest.mark.parametrize(
    ("kind", "build"), [("know-how", know_how_index), ("labels", label_index), ("replays", replay_index)]
)
def test_index_lists_live_children_in_constant_queries(client, home_page, locales, kind, build):
    index = build(home_page)
    fill(kind, index, 1, locales["fr"])
    client.get(index.url)  # warm the caches (site root paths, menu)
    with CaptureQueriesContext(connection) as with_one:
        one = client.get(index.url).content.decode()

    index.get_children().delete()
    fill(kind, index, 30, locales["fr"])
    draft = index.get_children().first().specific
    draft.unpublish()
    client.get(index.url)  # the content changed: warm the caches again
    with CaptureQueriesContext(connection) as with_thirty:
        thirty = client.get(index.url).content.decode()

    assert one.count('class="card"') == 1
    assert thirty.count('class="card"') == 24  # 29 live children, a page of 24
    assert 'rel="next"' in thirty
    assert f'href="{draft.url}"' not in thirty
    (data,) = json_ld_blocks(thirty)
    assert len(data["mainEntity"]["itemListElement"]) == 24
    assert len(with_one) == len(with_thirty), [q["sql"] for q in with_thirty.captured_queries]
    assert len(with_thirty) <= QUERY_BUDGET, [q["sql"] for q in with_thirty.captured_queries]
    second_page = client.get(f"{index.url}?page=2").content.decode()
    assert second_page.count('class="card"') == 5
    assert client.get(f"{index.url}?page=abc").status_code == 200
