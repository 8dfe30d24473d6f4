import pytest

from actors.models import ActorPage
from tests.factories import actors as actor_factories
from tests.factories import knowledge as knowledge_factories
from tests.factories import trades as trade_factories
from tests.helpers import queries_to_render
from tests.query_budget import QUERY_BUDGET


@pytest.fixture
def linked_pages(directory, communes, departments, taxonomy, home_page, trade_index):
    stone = trade_factories.trade(trade_index, taxonomy)
    master = knowledge_factories.label(knowledge_factories.label_index(home_page), title="Maître d'art")
    lime = knowledge_factories.know_how(knowledge_factories.know_how_index(home_page))
    school = actor_factories.actor(
        directory,
        communes["Angers"],
        departments["49"],
        "CFA d'Angers",
        kind=ActorPage.Kind.SCHOOL,
        trades_taught=[stone],
    )
    workshop = actor_factories.actor(
        directory,
        communes["Saumur"],
        departments["49"],
        "Atelier du tuffeau",
        trades_practised=[stone],
        labels=[master],
        know_how=[lime],
    )
    actor_factories.actor(
        directory,
        communes["Nantes"],
        departments["44"],
        "Brouillon",
        trades_practised=[stone],
        labels=[master],
        know_how=[lime],
        live=False,
    )
    # A contact without consent cannot be saved (clean refuses it); one left by older data is not shown.
    ActorPage.objects.filter(pk=workshop.pk).update(contact_email="jean.dupont@example.org")
    return {"trade": stone, "label": master, "know_how": lime, "school": school, "workshop": workshop}


def section(html, section_id):
    start = html.index(f'id="{section_id}"')
    return html[start : html.index("</section>", start)]


@pytest.mark.django_db
def test_trade_page_lists_its_schools_and_practitioners(client, linked_pages):
    html = client.get(linked_pages["trade"].url).content.decode()
    assert "CFA d&#x27;Angers" in section(html, "trade-schools")
    assert "Atelier du tuffeau" in section(html, "trade-practitioners")
    assert "Brouillon" not in html


@pytest.mark.django_db
def test_label_and_know_how_pages_list_their_holders_and_practitioners(client, linked_pages):
    label_html = client.get(linked_pages["label"].url).content.decode()
    assert "Atelier du tuffeau" in section(label_html, "label-holders")
    know_how_html = client.get(linked_pages["know_how"].url).content.decode()
    assert "Atelier du tuffeau" in section(know_how_html, "know-how-practitioners")
    assert "Brouillon" not in label_html + know_how_html


@pytest.mark.django_db
def test_actor_page_links_back_to_what_it_does(client, linked_pages):
    html = client.get(linked_pages["workshop"].url).content.decode()
    for page in ("trade", "label", "know_how"):
        assert f'href="{linked_pages[page].url}"' in html
    assert "Atelier du tuffeau" in html
    assert '"@type": "Organization"' in html
    assert "jean.dupont" not in html  # neither on the page nor in its JSON-LD


@pytest.mark.django_db
def test_opportunity_links_to_its_host_and_the_host_to_its_offers(
    client, linked_pages, taxonomy, opportunity_index
):
    offer = trade_factories.opportunity(
        opportunity_index, taxonomy, host_name="Atelier du tuffeau", host_actor=linked_pages["workshop"]
    )
    offer_html = client.get(offer.url).content.decode()
    assert f'href="{linked_pages["workshop"].url}"' in offer_html
    assert "Atelier du tuffeau" in section(offer_html, "opportunity-host")
    actor_html = client.get(linked_pages["workshop"].url).content.decode()
    assert offer.title in actor_html


@pytest.mark.django_db
def test_trade_page_queries_do_not_grow_with_its_actors(client, linked_pages, communes, departments):
    directory = linked_pages["school"].get_parent()
    trade = linked_pages["trade"]
    before = queries_to_render(client, trade.url)
    actor_factories.bulk_actors(directory, 30, communes["Laval"], departments["53"], trades=[trade])
    assert queries_to_render(client, trade.url) == before


@pytest.mark.django_db
def test_actor_page_queries_stay_within_the_budget_with_1_and_30_links(
    client, home_page, taxonomy, directory, communes, departments
):
    trade_index = trade_factories.trade_index(home_page)
    offers = trade_factories.opportunity_index(home_page)
    actor = actor_factories.actor(directory, communes["Saumur"], departments["49"], "Atelier du tuffeau")

    label_index = knowledge_factories.label_index(home_page)
    know_how_index = knowledge_factories.know_how_index(home_page)

    def link(start, count):
        trades = [
            trade_factories.trade(trade_index, taxonomy, title=f"Métier {n}", slug=f"metier-{n}")
            for n in range(start, start + count)
        ]
        labels = [
            knowledge_factories.label(label_index, slug=f"label-{n}", title=f"Label {n}")
            for n in range(start, start + count)
        ]
        know_how = [
            knowledge_factories.know_how(know_how_index, slug=f"savoir-{n}", title=f"Savoir {n}")
            for n in range(start, start + count)
        ]
        for n in range(start, start + count):
            trade_factories.opportunity(
                offers, taxonomy, title=f"Offre {n}", slug=f"offre-{n}", host_actor=actor
            )
        actor.trades_practised.add(*trades)
        actor.trades_taught.add(*trades)
        actor.labels.add(*labels)
        actor.know_how.add(*know_how)
        actor.domains.add(*list(taxonomy["Domain"].values())[start : start + count])
        actor.save_revision().publish()

    link(0, 1)
    with_one = queries_to_render(client, actor.url)
    link(1, 29)
    html = client.get(actor.url).content.decode()
    assert html.count('class="card opportunity-card"') == 30
    for last in ("Savoir 29", "Label 29", "Métier 29"):
        assert last in html
    assert queries_to_render(client, actor.url) == with_one <= QUERY_BUDGET
