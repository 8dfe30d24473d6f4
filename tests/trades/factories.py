"""Small builders for trade pages, used by the tests of this app (and by others that need a trade)."""

import datetime

from django.utils import timezone

from trades.models import (
    OpportunityIndexPage,
    OpportunityPage,
    TradeIndexPage,
    TradeProfilePage,
    TrainingPath,
)


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def trade_index(home_page, **fields):
    fields = {"title": "Métiers", "slug": "metiers", **fields}
    return publish(home_page, TradeIndexPage(**fields))


def opportunity_index(home_page, **fields):
    fields = {"title": "Offres", "slug": "offres", **fields}
    return publish(home_page, OpportunityIndexPage(**fields))


def trade(index, taxonomy, title="Tailleur de pierre", slug=None, **fields):
    fields = {
        "name_feminine": "Tailleuse de pierre",
        "synonyms": "Appareilleur, Tailleur de pierre du patrimoine",
        "hook": "Donner forme à la pierre des monuments.",
        "what_the_work_is": [("paragraph", "<p>Il taille les blocs qui réparent les façades.</p>")],
        "rome_code": "F1612",
        "rome_label": "Tailleur / Tailleuse de pierre",
        "on_craft_list": True,
        "craft_list_domain": taxonomy["Domain"]["architecture-jardins"],
        "regional_status": TradeProfilePage.RegionalStatus.RECRUITING,
        "status_reason": "Les chantiers de tuffeau manquent de bras.",
        **fields,
    }
    page = TradeProfilePage(title=title, slug=slug or title.lower().replace(" ", "-"), **fields)
    page.domains.set([taxonomy["Domain"]["architecture-jardins"]])
    page.materials.set([taxonomy["Material"]["pierre"]])
    return publish(index, page)


def training_path(trade_page, level, number=0):
    return TrainingPath(
        diploma=f"CAP tailleur de pierre {number}",
        rncp_code="RNCP38310",
        level=level,
        duration="2 ans",
        apprenticeship=True,
        school_name=f"École {number}",
    )


def opportunity(index, taxonomy, title="Apprenti tailleur de pierre", slug=None, days_left=10, **fields):
    today = timezone.localdate()
    fields = {
        "kind": OpportunityPage.Kind.APPRENTICESHIP,
        "host_name": "Atelier de la pierre",
        "host_url": "https://example.org/atelier",
        "commune": "Saumur",
        "department": taxonomy["Department"]["maine-et-loire"],
        "contract_kind": taxonomy["ContractKind"]["contrat-dapprentissage"],
        "level": taxonomy["TrainingLevel"]["niveau-3"],
        "start_date": today + datetime.timedelta(days=60),
        "duration": "2 ans",
        "description": [("paragraph", "<p>Restaurer les façades en tuffeau.</p>")],
        "how_to_apply": "<p>Envoyer une lettre.</p>",
        "application_url": "https://example.org/postuler",
        "closing_date": today + datetime.timedelta(days=days_left),
        **fields,
    }
    related_trades = fields.pop("related_trades", [])
    page = OpportunityPage(title=title, slug=slug or title.lower().replace(" ", "-"), **fields)
    page.related_trades.set(related_trades)
    return publish(index, page)
