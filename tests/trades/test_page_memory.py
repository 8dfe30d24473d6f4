"""A trade page keeps what it shows of other pages in the process's memory (core.page_memory):
a change shows on the next render all the same, and an offer leaves it at its closing by time
alone."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from core.generation import current_generation
from core.page_memory import page_remembered
from tests.factories import actors as actor_factories
from tests.factories import knowledge as knowledge_factories
from tests.factories import trades as trade_factories
from tests.helpers import queries_to_render


@pytest.fixture
def stone_cutter(trade_index, taxonomy):
    return trade_factories.trade(trade_index, taxonomy)


def render(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_trade_page_comes_from_the_memory(client, stone_cutter):
    assert settings.PAGE_MEMORY_ENABLED
    # The generation token alone: the page, its lists and their HTML are remembered.
    assert queries_to_render(client, stone_cutter.url) == 1


@pytest.mark.django_db
def test_a_related_page_published_or_unpublished_shows_on_the_next_render(
    client, home_page, taxonomy, stone_cutter
):
    know_how = knowledge_factories.know_how(
        knowledge_factories.know_how_index(home_page), title="Ciselure du tuffeau"
    )
    stone_cutter.related_know_how.set([know_how])
    stone_cutter.save_revision().publish()
    assert "Ciselure du tuffeau" in render(client, stone_cutter)
    assert "Ciselure du tuffeau" in render(client, stone_cutter)  # from the memory

    know_how.unpublish()
    assert "Ciselure du tuffeau" not in render(client, stone_cutter)

    know_how.title = "Ciselure fine du tuffeau"
    know_how.save_revision().publish()
    assert "Ciselure fine du tuffeau" in render(client, stone_cutter)


@pytest.mark.django_db
def test_an_actor_published_or_unpublished_shows_on_the_next_render(
    client, home_page, taxonomy, stone_cutter
):
    communes = actor_factories.communes()
    directory = actor_factories.directory(home_page)
    workshop = actor_factories.actor(
        directory,
        communes["Saumur"],
        taxonomy["Department"]["maine-et-loire"],
        title="Atelier du tuffeau",
        trades_practised=[stone_cutter],
    )
    assert "Atelier du tuffeau" in render(client, stone_cutter)
    workshop.unpublish()
    assert "Atelier du tuffeau" not in render(client, stone_cutter)
    workshop.save_revision().publish()
    assert "Atelier du tuffeau" in render(client, stone_cutter)


@pytest.mark.django_db
def test_an_offer_past_its_closing_date_leaves_the_trade_page_without_a_publish(
    client, taxonomy, stone_cutter, opportunity_index
):
    trade_factories.opportunity(
        opportunity_index, taxonomy, title="Offre du jour", days_left=0, related_trades=[stone_cutter]
    )
    trade_factories.opportunity(
        opportunity_index, taxonomy, title="Offre de demain", days_left=1, related_trades=[stone_cutter]
    )
    html = render(client, stone_cutter)
    assert "Offre du jour" in html
    assert "Offre de demain" in html
    token = current_generation()

    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    with time_machine.travel(tomorrow, tick=False):
        html = render(client, stone_cutter)
    assert current_generation() == token  # nothing was published
    assert "Offre du jour" not in html
    assert "Offre de demain" in html


@pytest.mark.django_db
def test_a_preview_is_computed_each_time(rf, stone_cutter):
    """The memory holds published content: a preview's links are the editor's unsaved ones."""
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    request = rf.get(stone_cutter.url)
    assert page_remembered(request, stone_cutter, "test", compute) == 1
    assert page_remembered(request, stone_cutter, "test", compute) == 1
    request.is_preview = True
    assert page_remembered(request, stone_cutter, "test", compute) == 2
    assert page_remembered(request, stone_cutter, "test", compute) == 3


@pytest.mark.django_db
def test_a_publish_lets_go_of_what_the_older_generation_remembered(client, trade_index, taxonomy):
    """A worker keeps one generation's pages, lists and HTML: after a publish, nothing of the
    older one stays (it would never be asked again, and filled the memory until its limit)."""
    from core.chrome import _remembered
    from core.page_memory import _html
    from core.routing import _pages

    first = trade_factories.trade(trade_index, taxonomy, title="Tailleur de pierre", slug="tailleur")
    second = trade_factories.trade(trade_index, taxonomy, title="Charpentier", slug="charpentier")
    render(client, first)
    render(client, second)
    remembered_pages, remembered_values = len(_pages), len(_remembered)
    assert remembered_pages >= 2
    second.title = "Charpentière, charpentier"
    second.save_revision().publish()
    assert "Charpentière" in render(client, second)
    assert len(_pages) == 1  # the page rendered since, not the two before
    assert len(_remembered) < remembered_values
    assert first.pk not in {key[1] for key in _html._entries}
