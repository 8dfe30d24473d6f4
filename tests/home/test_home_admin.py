"""Editors make the home page and plain pages in the admin; the home page lists what is new."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import HomePageFeaturedTrade, StandardPage
from tests.factories import knowledge as knowledge_factories
from tests.factories import trades as trade_factories
from tests.helpers import queries_to_render
from tests.query_budget import QUERY_BUDGET


@pytest.mark.django_db
def test_editor_creates_a_standard_page_in_the_admin_and_it_renders(admin_client, home_page):
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", home_page.pk])
    data = nested_form_data(
        {
            "title": "Nous rejoindre",
            "slug": "nous-rejoindre",
            "summary": "Comment devenir membre du réseau.",
            "body": streamfield(
                [
                    ("heading", {"text": "Adhérer", "level": "h2"}),
                    ("paragraph", rich_text("<p>L'adhésion est ouverte à tout acteur du patrimoine.</p>")),
                ]
            ),
            "comments": inline_formset([]),
        }
    )
    response = admin_client.post(url, {**data, "action-publish": "action-publish"})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = StandardPage.objects.get(slug="nous-rejoindre")
    assert page.live
    html = admin_client.get(page.url).content.decode()
    assert "<h2" in html
    assert "Adhérer" in html
    assert "ouverte à tout acteur du patrimoine" in html


@pytest.mark.django_db
def test_a_standard_page_without_title_is_refused_with_a_message(admin_client, home_page):
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", home_page.pk])
    data = nested_form_data(
        {"title": "", "slug": "", "body": streamfield([]), "comments": inline_formset([])}
    )
    response = admin_client.post(url, {**data, "action-publish": "action-publish"})
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert not StandardPage.objects.exists()


@pytest.mark.django_db
def test_editor_edits_the_home_page_hero_and_featured_trades_in_the_admin(admin_client, home_page, taxonomy):
    trade = trade_factories.trade(trade_factories.trade_index(home_page), taxonomy, title="Vitrailliste")
    url = reverse("wagtailadmin_pages:edit", args=[home_page.pk])
    data = nested_form_data(
        {
            "title": home_page.title,
            "slug": home_page.slug,
            "summary": "",
            "hero_title": "Des métiers pour demain",
            "hero_text": "Trouvez votre voie dans le patrimoine.",
            "featured_trades": inline_formset([{"page": trade.pk}]),
            "body": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    response = admin_client.post(url, {**data, "action-publish": "action-publish"})
    assert response.status_code == 302
    html = admin_client.get("/").content.decode()
    assert "Des métiers pour demain" in html
    assert "Trouvez votre voie dans le patrimoine." in html
    assert 'id="featured-trades-title"' in html
    assert "Vitrailliste" in html


class HomeContent:
    """The indexes the home page lists from, and a way to add featured trades, offers and replays."""

    def __init__(self, home_page, taxonomy):
        self.home_page, self.taxonomy = home_page, taxonomy
        self.trades = trade_factories.trade_index(home_page)
        self.offers = trade_factories.opportunity_index(home_page)
        self.replays = knowledge_factories.replay_index(home_page)
        self.day = knowledge_factories.meeting_day(home_page.locale)
        self.added = 0

    def add(self, count):
        for number in range(self.added, self.added + count):
            trade = trade_factories.trade(
                self.trades, self.taxonomy, title=f"Métier {number}", slug=f"metier-{number}"
            )
            HomePageFeaturedTrade.objects.create(home_page=self.home_page, page=trade, sort_order=number)
            trade_factories.opportunity(
                self.offers, self.taxonomy, title=f"Offre {number}", slug=f"offre-{number}"
            )
            knowledge_factories.replay(self.replays, self.day, slug=f"replay-{number}")
        self.added += count


@pytest.mark.django_db
def test_home_page_shows_featured_trades_open_offers_and_latest_replays(client, home_page, taxonomy):
    HomeContent(home_page, taxonomy).add(2)
    html = client.get("/").content.decode()
    assert "Métier 0" in html
    assert "Métier 1" in html
    assert "Offre 0" in html
    assert 'id="latest-replays-title"' in html
    assert "Transmettre les savoir-faire" in html


@pytest.mark.django_db
def test_home_page_query_count_does_not_grow_with_content(client, home_page, taxonomy):
    content = HomeContent(home_page, taxonomy)
    content.add(1)
    with_one = queries_to_render(client, "/")
    content.add(29)
    assert queries_to_render(client, "/") == with_one <= QUERY_BUDGET
