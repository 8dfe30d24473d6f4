"""Trade profiles, opportunities and their indexes."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from trades.models import (
    OpportunityIndexPage,
    OpportunityPage,
    TradeIndexPage,
    TradeProfilePage,
    TrainingPath,
)

from . import IndexPageFactory, PageFactory, stream


class TradeIndexPageFactory(IndexPageFactory):
    title = "Métiers"
    slug = "metiers"

    class Meta:
        model = TradeIndexPage


class OpportunityIndexPageFactory(IndexPageFactory):
    title = "Offres"
    slug = "offres"

    class Meta:
        model = OpportunityIndexPage


class TradeProfilePageFactory(PageFactory):
    title = "Tailleur de pierre"
    name_feminine = "Tailleuse de pierre"
    synonyms = "Appareilleur, Tailleur de pierre du patrimoine"
    hook = "Donner forme à la pierre des monuments."
    what_the_work_is = stream(("paragraph", "<p>Il taille les blocs qui réparent les façades.</p>"))
    rome_code = "F1612"
    rome_label = "Tailleur / Tailleuse de pierre"
    regional_status = TradeProfilePage.RegionalStatus.RECRUITING
    status_reason = "Les chantiers de tuffeau manquent de bras."

    class Meta:
        model = TradeProfilePage


class TrainingPathFactory(DjangoModelFactory):
    """Built, not saved: the test adds it to a trade's `training_paths`; `number` tells them apart."""

    diploma = factory.LazyAttribute(lambda path: f"CAP tailleur de pierre {path.number}")
    rncp_code = "RNCP38310"
    duration = "2 ans"
    apprenticeship = True
    school_name = factory.LazyAttribute(lambda path: f"École {path.number}")

    class Meta:
        model = TrainingPath

    class Params:
        number = 0


class OpportunityPageFactory(PageFactory):
    """An apprenticeship in Saumur that opens in two months and closes in `days_left` days."""

    title = "Apprenti tailleur de pierre"
    kind = OpportunityPage.Kind.APPRENTICESHIP
    host_name = "Atelier de la pierre"
    host_url = "https://example.org/atelier"
    commune = "Saumur"
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    duration = "2 ans"
    description = stream(("paragraph", "<p>Restaurer les façades en tuffeau.</p>"))
    how_to_apply = "<p>Envoyer une lettre.</p>"
    application_url = "https://example.org/postuler"
    closing_date = factory.LazyAttribute(
        lambda page: timezone.localdate() + datetime.timedelta(days=page.days_left)
    )

    class Meta:
        model = OpportunityPage

    class Params:
        days_left = 10


def trade_index(home_page, **fields):
    return TradeIndexPageFactory(parent=home_page, **fields)


def opportunity_index(home_page, **fields):
    return OpportunityIndexPageFactory(parent=home_page, **fields)


def trade(index, taxonomy, **fields):
    """A trade on the official craft list, in architecture and gardens, working stone."""
    domain = taxonomy["Domain"]["architecture-jardins"]
    fields = {
        "on_craft_list": True,
        "craft_list_domain": domain,
        "domains": [domain],
        "materials": [taxonomy["Material"]["pierre"]],
        **fields,
    }
    return TradeProfilePageFactory(parent=index, **fields)


def trades_linked_to(home_page, count, know_how_page=None, label_page=None, prefix="metier"):
    """`count` trade profiles naming the given know-how and/or label among their related content."""
    return [
        TradeProfilePageFactory(
            parent=trade_index(home_page),
            title=f"Métier {prefix} {number}",
            slug=f"{prefix}-{number}",
            related_know_how=[know_how_page] if know_how_page else [],
            related_labels=[label_page] if label_page else [],
        )
        for number in range(count)
    ]


def opportunity(index, taxonomy, **fields):
    """An offer hosted in Maine-et-Loire, an apprenticeship contract at level 3 (CAP)."""
    fields = {
        "department": taxonomy["Department"]["maine-et-loire"],
        "contract_kind": taxonomy["ContractKind"]["contrat-dapprentissage"],
        "level": taxonomy["TrainingLevel"]["niveau-3"],
        **fields,
    }
    return OpportunityPageFactory(parent=index, **fields)
