"""Pages a visitor may not see are named nowhere: not in the directory's filters, an actor's
links, the search page's facets and chips, its feed and API, nor its « did you mean ».

The scenario: a public actor linked to a public trade and label (which must show everywhere, so
that these tests can fail), to a password-protected trade, a group-restricted label, a draft
trade never published and a trade published then unpublished.
"""

import json
import re

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from tests.factories import actors as actor_factories
from tests.factories import knowledge as knowledge_factories
from tests.factories import trades as trade_factories
from trades.models import TradeProfilePage

# Each hidden page's slug, also the first word of its title (so one search finds either).
HIDDEN = ["zzpassleak", "zzgrouplabel", "zzdraft", "zzunpub"]
VISIBLE_TRADE, VISIBLE_LABEL = "zzpublic", "zzopenlabel"
UNKNOWN = "zznosuchlabel"


def restrict(page, restriction_type, **fields):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=restriction_type, **fields)
    if restriction_type == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.create(name="Membres du réseau")])
    return restriction


@pytest.fixture
def hidden_links(home_page, taxonomy):
    communes = actor_factories.communes()
    departments = {term.code: term for term in taxonomy["Department"].values()}
    index = trade_factories.trade_index(home_page)
    make_trade = trade_factories.trade
    public_trade = make_trade(index, taxonomy, title="Zzpublic tailleur", slug=VISIBLE_TRADE)
    protected_trade = make_trade(index, taxonomy, title="Zzpassleak tailleur", slug="zzpassleak")
    restrict(protected_trade, PageViewRestriction.PASSWORD, password="secret")
    unpublished_trade = make_trade(index, taxonomy, title="Zzunpub tailleur", slug="zzunpub")
    unpublished_trade.unpublish()
    draft_trade = TradeProfilePage(
        title="Zzdraft tailleur", slug="zzdraft", live=False, hook="Brouillon.", what_the_work_is=[]
    )
    index.add_child(instance=draft_trade)
    draft_trade.save_revision()

    open_label = knowledge_factories.label(
        knowledge_factories.label_index(home_page), slug=VISIBLE_LABEL, title="Zzopenlabel label"
    )
    group_label = knowledge_factories.label(
        knowledge_factories.label_index(home_page), slug="zzgrouplabel", title="Zzgrouplabel label"
    )
    restrict(group_label, PageViewRestriction.GROUPS)
    # The public trade names both labels: search's label facet sees both through it.
    public_trade.related_labels.set([open_label, group_label])
    public_trade.save_revision().publish()

    directory = actor_factories.directory(home_page)
    actor = actor_factories.actor(
        directory,
        communes["Saumur"],
        departments["49"],
        "Atelier Zzactor",
        trades_practised=[public_trade, protected_trade, draft_trade, unpublished_trade],
        trades_taught=[protected_trade, unpublished_trade],
        labels=[open_label, group_label],
    )
    return {"directory": directory, "actor": actor}


def named_hidden(text):
    text = text.lower()
    return [slug for slug in HIDDEN if slug in text]


def same_as_an_unknown_value(client, path, hidden_slug):
    """A filter naming a hidden page answers like one naming nothing (the slug typed by the
    visitor may be echoed back, as any unknown value is, but nothing more)."""
    hidden = client.get(path.format(hidden_slug))
    unknown = client.get(path.format(UNKNOWN))
    assert hidden.status_code == unknown.status_code == 200
    hidden_text, unknown_text = hidden.content.decode(), unknown.content.decode()
    assert hidden_text.lower().count(hidden_slug) == unknown_text.lower().count(UNKNOWN)
    return hidden_text


def test_directory_filters_offer_only_visible_trades_and_labels(client, hidden_links):
    html = client.get("/annuaire/?more=trade&more=label").content.decode()
    assert "Zzpublic tailleur" in html
    assert "Zzopenlabel label" in html
    assert named_hidden(html) == []


@pytest.mark.parametrize(
    ("facet", "slug"), [("trade", "zzpassleak"), ("trade", "zzdraft"), ("label", "zzgrouplabel")]
)
def test_directory_filter_naming_a_hidden_page_is_ignored_as_unknown(client, hidden_links, facet, slug):
    html = same_as_an_unknown_value(client, f"/annuaire/?{facet}={{}}", slug)
    assert "Atelier Zzactor" in html  # the filter did not apply
    assert "Zzpassleak" not in html
    assert "Zzgrouplabel" not in html


def test_actor_page_links_only_to_visible_pages(client, hidden_links):
    html = client.get(hidden_links["actor"].url).content.decode()
    assert "Zzpublic tailleur" in html
    assert "Zzopenlabel label" in html
    assert named_hidden(html) == []


def test_search_label_facet_offers_only_visible_labels(client, hidden_links):
    html = client.get("/recherche/?more=label").content.decode()
    assert "Zzopenlabel label" in html
    assert named_hidden(html) == []


def test_search_label_filter_naming_a_hidden_label_shows_no_chip(client, hidden_links):
    html = same_as_an_unknown_value(client, "/recherche/?label={}", "zzgrouplabel")
    assert "Zzgrouplabel" not in html
    visible = client.get(f"/recherche/?label={VISIBLE_LABEL}").content.decode()
    assert re.search(r"class=\"chip[^>]*>.*Zzopenlabel label", visible, re.S)


def _feed_title(client, query):
    response = client.get(f"/recherche/rss/?{query}")
    assert response.status_code == 200
    return re.search(r"<channel><title>(.*?)</title>", response.content.decode()).group(1)


def test_search_feed_title_names_only_visible_labels(client, hidden_links):
    assert "Zzopenlabel label" in _feed_title(client, f"label={VISIBLE_LABEL}")
    assert named_hidden(_feed_title(client, "label=zzgrouplabel")) == []


def test_search_api_names_only_visible_labels(client, hidden_links):
    response = client.get("/api/search/?label=zzgrouplabel")
    assert response.status_code == 200
    data = response.json()
    assert data["ignored"] == [{"facet": "label", "value": "zzgrouplabel"}]  # as any unknown value
    del data["ignored"]
    assert named_hidden(json.dumps(data)) == []
    labels = client.get("/api/search/").json()["facets"]["label"]
    assert {"value": VISIBLE_LABEL, "label": "Zzopenlabel label"}.items() <= labels[0].items()


@pytest.mark.parametrize("misspelt", ["zzgrouplabe", "zzpassleek", "zzdrafft", "zzunpib"])
def test_did_you_mean_suggests_only_visible_words(client, hidden_links, misspelt):
    html = client.get(f"/recherche/?q={misspelt}").content.decode()
    assert named_hidden(html) == []
    visible = client.get("/recherche/?q=zzopenlebel").content.decode()
    assert "zzopenlabel</a>" in visible
