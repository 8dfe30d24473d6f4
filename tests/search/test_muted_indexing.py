"""Muting the search upkeep: a page published inside `muted_indexing()` gets no facet rows
until the bulk rebuild, and one published outside gets them at once."""

import io

import pytest
from django.core.management import call_command

from core.indexing import indexing_muted, muted_indexing
from home.models import StandardPage
from search.models import PageFacetValue


def publish_standard_page(home_page, slug):
    page = StandardPage(title=slug, slug=slug, locale=home_page.locale)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_a_page_published_while_muted_is_indexed_only_by_the_bulk_rebuild(home_page):
    with muted_indexing():
        assert indexing_muted()
        muted = publish_standard_page(home_page, "en-silence")
    assert not indexing_muted()
    assert not PageFacetValue.objects.filter(page_id=muted.pk).exists()

    call_command("update_index", verbosity=0, stdout=io.StringIO())

    assert PageFacetValue.objects.filter(page_id=muted.pk, facet="kind", value="page").exists()


@pytest.mark.django_db
def test_a_page_published_outside_gets_its_facets_at_once(home_page):
    page = publish_standard_page(home_page, "a-voix-haute")
    assert PageFacetValue.objects.filter(page_id=page.pk, facet="kind", value="page").exists()
