"""What visitors see on trade and opportunity pages, and what it costs in SQL queries."""

import datetime

import pytest
from django.utils import timezone

from core.listings import LISTING_PAGE_SIZE
from knowledge.models import ReplayChapter
from tests.factories import knowledge as knowledge_factories
from tests.factories import trades as trade_factories
from tests.helpers import json_ld_of, queries_to_render
from tests.query_budget import QUERY_BUDGET

MANY = 30


@pytest.fixture
def stone_cutter(trade_index, taxonomy):
    return trade_factories.trade(trade_index, taxonomy)


def add_know_how(home_page, count, start=0):
    index = knowledge_factories.know_how_index(home_page)
    return [
        knowledge_factories.know_how(index, title=f"Savoir-faire {n}") for n in range(start, start + count)
    ]


def add_labels(home_page, count, start=0):
    index = knowledge_factories.label_index(home_page)
    return [knowledge_factories.label(index, title=f"Label {n}") for n in range(start, start + count)]


def add_opportunities(opportunity_index, taxonomy, count, start=0, **fields):
    """Offers closing one a day from tomorrow, listed soonest first."""
    return [
        trade_factories.opportunity(
            opportunity_index, taxonomy, title=f"Offre {n}", days_left=n + 1, **fields
        )
        for n in range(start, start + count)
    ]


# Trade profile -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_trade_profile_shows_its_references_paths_links_and_open_offers(
    client, home_page, taxonomy, stone_cutter, opportunity_index
):
    stone_cutter.training_paths.add(
        trade_factories.TrainingPathFactory.build(level=taxonomy["TrainingLevel"]["niveau-3"])
    )
    stone_cutter.related_know_how.set(add_know_how(home_page, 1))
    stone_cutter.related_labels.set(add_labels(home_page, 1))
    stone_cutter.save_revision().publish()
    trade_factories.opportunity(opportunity_index, taxonomy, related_trades=[stone_cutter])

    html = client.get(stone_cutter.url).content.decode()
    for text in [
        "Tailleuse de pierre",
        "Appareilleur",
        "Donner forme à la pierre des monuments.",
        "Les chantiers de tuffeau manquent de bras.",
        "Il taille les blocs qui réparent les façades.",
        "F1612",
        "Architecture et jardins",
        "CAP tailleur de pierre 0",
        "RNCP38310",
        "École 0",
        "Savoir-faire 0",
        "Label 0",
        "Apprenti tailleur de pierre",
    ]:
        assert text in html, text
    # The status is written out, not only coloured.
    assert '<span class="badge badge--recruiting">Dans la région : Recrute</span>' in html


@pytest.mark.django_db
def test_trade_profile_lists_the_replays_whose_chapters_link_to_it(client, home_page, taxonomy, stone_cutter):
    knowledge_factories.ReplayPageFactory(
        parent=knowledge_factories.replay_index(home_page),
        title="La pierre en Anjou",
        slug="la-pierre-en-anjou",
        related=0,
        chapters=[ReplayChapter(time_code="1:00", title="Le métier", linked_page=stone_cutter)],
    )
    html = client.get(stone_cutter.url).content.decode()
    assert "La pierre en Anjou" in html


@pytest.mark.django_db
def test_trade_profile_query_count_does_not_grow_with_related_items(
    client, home_page, taxonomy, stone_cutter, opportunity_index
):
    level = taxonomy["TrainingLevel"]["niveau-3"]

    def grow_to(count, start):
        added = count - start
        for number in range(start, count):
            stone_cutter.training_paths.add(
                trade_factories.TrainingPathFactory.build(level=level, number=number)
            )
        stone_cutter.related_know_how.add(*add_know_how(home_page, added, start))
        stone_cutter.related_labels.add(*add_labels(home_page, added, start))
        stone_cutter.save_revision().publish()
        add_opportunities(opportunity_index, taxonomy, added, start, related_trades=[stone_cutter])

    grow_to(1, 0)
    with_one = queries_to_render(client, stone_cutter.url)
    grow_to(MANY, 1)
    html = client.get(stone_cutter.url).content.decode()
    assert html.count('class="card opportunity-card"') == MANY
    assert f"Savoir-faire {MANY - 1}" in html
    assert f"CAP tailleur de pierre {MANY - 1}" in html
    assert queries_to_render(client, stone_cutter.url) == with_one <= QUERY_BUDGET


@pytest.mark.django_db
def test_trade_profile_json_ld_is_an_occupation(client, taxonomy, stone_cutter):
    stone_cutter.training_paths.add(
        trade_factories.TrainingPathFactory.build(level=taxonomy["TrainingLevel"]["niveau-3"])
    )
    stone_cutter.save_revision().publish()
    data = json_ld_of(client.get(stone_cutter.url).content.decode())
    assert data == {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": "Tailleur de pierre",
        "alternateName": ["Tailleuse de pierre", "Appareilleur", "Tailleur de pierre du patrimoine"],
        "description": "Donner forme à la pierre des monuments.",
        "url": "http://localhost/metiers/tailleur-de-pierre/",
        "inLanguage": "fr",
        "occupationLocation": {"@type": "AdministrativeArea", "name": "Pays de la Loire"},
        "occupationalCategory": {
            "@type": "CategoryCode",
            "codeValue": "F1612",
            "name": "Tailleur / Tailleuse de pierre",
            "inCodeSet": {"@type": "CategoryCodeSet", "name": "ROME 4.0 (France Travail)"},
        },
        "educationRequirements": [
            {
                "@type": "EducationalOccupationalCredential",
                "name": "CAP tailleur de pierre 0",
                "credentialCategory": "diploma",
                "educationalLevel": "Niveau 3 (CAP)",
                "recognizedBy": {"@type": "EducationalOrganization", "name": "École 0"},
                "identifier": {"@type": "PropertyValue", "propertyID": "RNCP", "value": "RNCP38310"},
            }
        ],
    }


# Trade index ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_trade_index_lists_live_trades_of_its_locale_with_domain_and_status(
    client, taxonomy, trade_index, stone_cutter
):
    draft = trade_factories.trade(trade_index, taxonomy, title="Brouillon")
    draft.unpublish()
    html = client.get(trade_index.url).content.decode()
    assert "Tailleur de pierre" in html
    assert "Architecture et jardins" in html
    assert "Dans la région : Recrute" in html
    assert "Brouillon" not in html
    listed = json_ld_of(html)["mainEntity"]["itemListElement"]
    assert [item["name"] for item in listed] == ["Tailleur de pierre"]


@pytest.mark.django_db
def test_trade_index_query_count_does_not_grow_with_trades(client, taxonomy, trade_index):
    domain = taxonomy["Domain"]["architecture-jardins"]

    def add_trades(start, count):
        for number in range(start, start + count):
            trade_factories.TradeProfilePageFactory(
                parent=trade_index, title=f"Métier {number:02d}", slug=f"metier-{number}", domains=[domain]
            )

    add_trades(0, 1)
    with_one = queries_to_render(client, trade_index.url)
    add_trades(1, MANY - 1)
    assert client.get(trade_index.url).content.decode().count('class="card trade-card"') == LISTING_PAGE_SIZE
    assert queries_to_render(client, trade_index.url) == with_one <= QUERY_BUDGET


# Opportunities -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_closed_offer_leaves_every_listing_and_says_it_is_closed(
    client, home_page, taxonomy, stone_cutter, opportunity_index
):
    open_offer = trade_factories.opportunity(
        opportunity_index, taxonomy, title="Offre ouverte", days_left=0, related_trades=[stone_cutter]
    )
    closed_offer = trade_factories.opportunity(
        opportunity_index, taxonomy, title="Offre fermée", days_left=-1, related_trades=[stone_cutter]
    )
    for url in [opportunity_index.url, stone_cutter.url, home_page.url]:
        html = client.get(url).content.decode()
        assert "Offre ouverte" in html, url
        assert "Offre fermée" not in html, url

    response = client.get(closed_offer.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cette offre est close." in html
    assert html.index("Cette offre est close.") < html.index('id="description-title"')
    assert "Candidater en ligne" not in html
    assert "https://example.org/postuler" not in html

    html = client.get(open_offer.url).content.decode()
    assert "Cette offre est close." not in html
    assert "Candidater en ligne" in html


@pytest.mark.django_db
def test_opportunity_index_lists_open_offers_soonest_closing_first(client, taxonomy, opportunity_index):
    later = trade_factories.opportunity(opportunity_index, taxonomy, title="Ferme tard", days_left=40)
    sooner = trade_factories.opportunity(opportunity_index, taxonomy, title="Ferme bientot", days_left=2)
    html = client.get(opportunity_index.url).content.decode()
    assert html.index(sooner.title) < html.index(later.title)
    listed = json_ld_of(html)["mainEntity"]["itemListElement"]
    assert [item["name"] for item in listed] == [sooner.title, later.title]


@pytest.mark.django_db
def test_opportunity_index_query_count_does_not_grow_with_offers(client, taxonomy, opportunity_index):
    add_opportunities(opportunity_index, taxonomy, 1)
    with_one = queries_to_render(client, opportunity_index.url)
    add_opportunities(opportunity_index, taxonomy, MANY - 1, start=1)
    assert (
        client.get(opportunity_index.url).content.decode().count('class="card opportunity-card"')
        == LISTING_PAGE_SIZE
    )
    assert queries_to_render(client, opportunity_index.url) == with_one <= QUERY_BUDGET


@pytest.mark.django_db
def test_opportunity_page_query_count_does_not_grow_with_related_trades(
    client, taxonomy, trade_index, opportunity_index
):
    trades = [
        trade_factories.TradeProfilePageFactory(parent=trade_index, title=f"M {n}") for n in range(MANY)
    ]
    offer = trade_factories.opportunity(opportunity_index, taxonomy, related_trades=trades[:1])
    with_one = queries_to_render(client, offer.url)
    offer.related_trades.set(trades)
    offer.save_revision().publish()
    assert client.get(offer.url).content.decode().count('href="/metiers/m-') == MANY
    assert queries_to_render(client, offer.url) == with_one <= QUERY_BUDGET


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "contract", "expected"),
    [
        ("apprenticeship", "contrat-dapprentissage", "OTHER"),
        ("internship", "convention-de-stage", "INTERN"),
        ("job", "cdi", "FULL_TIME"),
        ("job", "cdd", "TEMPORARY"),
        ("civic-service", "contrat-dengagement-de-service-civique", "VOLUNTEER"),
        ("volunteering", "benevolat", "VOLUNTEER"),
        ("training", None, "OTHER"),
    ],
)
def test_opportunity_json_ld_is_a_job_posting(client, taxonomy, opportunity_index, kind, contract, expected):
    offer = trade_factories.opportunity(
        opportunity_index,
        taxonomy,
        kind=kind,
        contract_kind=taxonomy["ContractKind"][contract] if contract else None,
        days_left=3,
        revision=True,  # datePosted is the first publication's date
    )
    data = json_ld_of(client.get(offer.url).content.decode())
    assert data["@type"] == "JobPosting"
    assert data["employmentType"] == expected
    assert data["title"] == "Apprenti tailleur de pierre"
    assert data["description"] == "Restaurer les façades en tuffeau."
    assert data["datePosted"] == timezone.localdate().isoformat()
    valid_through = datetime.datetime.fromisoformat(data["validThrough"])
    assert valid_through.date() == timezone.localdate() + datetime.timedelta(days=3)
    assert (valid_through.hour, valid_through.minute) == (23, 59)
    assert valid_through.utcoffset() in {datetime.timedelta(hours=1), datetime.timedelta(hours=2)}
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Atelier de la pierre",
        "sameAs": "https://example.org/atelier",
    }
    assert data["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Saumur",
        "addressRegion": "Pays de la Loire",
        "addressCountry": "FR",
    }
    assert data["jobLocation"]["containedInPlace"]["name"] == "Maine-et-Loire"


# Translations --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_translated_pages_show_translated_terms_and_offers(
    client, locales, taxonomy, trade_index, stone_cutter, opportunity_index
):
    """wagtail-localize copies many-to-many links as they are: pages follow them to translations."""
    english = locales["en"]
    domain = taxonomy["Domain"]["architecture-jardins"]
    english_domain = domain.copy_for_translation(english)
    english_domain.name = "Architecture and gardens"
    english_domain.save()
    offer = trade_factories.opportunity(opportunity_index, taxonomy, related_trades=[stone_cutter])
    english_trade = stone_cutter.copy_for_translation(english, copy_parents=True)
    english_trade.save_revision().publish()
    english_offer = offer.copy_for_translation(english, copy_parents=True)
    english_offer.title = "Stone cutter apprentice"
    english_offer.save_revision().publish()
    english_offer.refresh_from_db()
    assert list(english_offer.related_trades.all()) == [stone_cutter]  # still the French trade

    html = client.get(english_trade.url).content.decode()
    assert "Architecture and gardens" in html
    assert "Stone cutter apprentice" in html
    assert "Apprenti tailleur de pierre" not in html
    html = client.get(english_trade.get_parent().url).content.decode()
    assert "Architecture and gardens" in html
    html = client.get(english_offer.url).content.decode()
    assert f'href="{english_trade.url}"' in html
