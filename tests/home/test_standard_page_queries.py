"""A standard page costs the same few queries with 1 and with 30 links, images and documents."""

import pytest
import wagtail_factories

from home.models import StandardPage
from tests.helpers import queries_to_render
from tests.query_budget import QUERY_BUDGET

pytestmark = pytest.mark.django_db


def body_of(pages, images, documents):
    blocks = []
    for number, (page, image, document) in enumerate(zip(pages, images, documents, strict=True)):
        blocks += [
            ("heading", {"text": f"Partie {number}", "level": "h2"}),
            ("link", {"text": f"Lien {number}", "page": page, "url": ""}),
            ("image", {"image": image, "decorative": False, "alt_text": f"Image {number}", "caption": ""}),
            ("document", {"document": document, "title": f"Document {number}"}),
        ]
    return blocks


def test_standard_page_queries_stay_within_the_budget_with_1_and_30_blocks(client, home_page):
    linked = []
    for number in range(30):
        page = StandardPage(title=f"Cible {number}", slug=f"cible-{number}", body=[])
        home_page.add_child(instance=page)
        page.save_revision().publish()
        linked.append(page)
    images = [wagtail_factories.ImageFactory(title=f"Image {number}") for number in range(30)]
    documents = [wagtail_factories.DocumentFactory(title=f"Document {number}") for number in range(30)]
    standard = StandardPage(
        title="À propos", slug="a-propos", body=body_of(linked[:1], images[:1], documents[:1])
    )
    home_page.add_child(instance=standard)
    standard.save_revision().publish()

    with_one = queries_to_render(client, standard.url)
    standard.body = body_of(linked, images, documents)
    standard.save_revision().publish()
    html = client.get(standard.url).content.decode()
    assert html.count('class="figure"') == 30
    assert html.count('class="document-link"') == 30
    assert f'href="{linked[29].url}"' in html
    assert queries_to_render(client, standard.url) == with_one <= QUERY_BUDGET
