"""The actors as a CSV file, in the import's columns: what the public export at /annuaire/export/ writes.

Every cell goes through ``core.spreadsheet.safe_cell`` (no formula reaches a spreadsheet), and the
link columns name only the pages a visitor may see (``core.visibility.visible``).
"""

import csv
from collections.abc import Iterable

from django.db.models import Prefetch
from wagtail.models import Page

from core.spreadsheet import safe_cell
from core.visibility import visible

from ..models import ActorPage
from .checking import RELATED_MODELS
from .columns import COLUMNS, KIND_CODES, LIST_SEPARATOR, RELATION_COLUMNS, yes_no

# Links to pages (trades, labels, know-how) may name a draft or a restricted page: filtered.
PAGE_RELATIONS = [
    field_name for _column, field_name in RELATION_COLUMNS if issubclass(RELATED_MODELS[field_name], Page)
]


def with_export_links(actors, locale):
    """``actors`` with what a row needs: commune, department, and the links a visitor may see."""
    prefetches = [
        Prefetch(field_name, queryset=visible(RELATED_MODELS[field_name].objects.all(), locale))
        if field_name in PAGE_RELATIONS
        else field_name
        for _column, field_name in RELATION_COLUMNS
    ]
    return actors.select_related("commune", "department").prefetch_related(*prefetches)


def actor_to_row(actor: ActorPage) -> dict[str, str]:
    """One actor as a row of the import file (links as prefetched by ``with_export_links``)."""

    def slugs(field_name):
        return f" {LIST_SEPARATOR} ".join(sorted(item.slug for item in getattr(actor, field_name).all()))

    return {
        "siret": actor.siret,
        "nom": actor.title,
        "type": KIND_CODES[actor.kind],
        "membre": yes_no(actor.is_member),
        "adresse": actor.address,
        "code_postal": actor.postcode,
        "commune": actor.commune.name,
        "code_insee": actor.commune.insee_code,
        "departement": actor.department.code,
        "latitude": "" if actor.latitude is None else str(actor.latitude),
        "longitude": "" if actor.longitude is None else str(actor.longitude),
        "position_approximative": yes_no(actor.approximate_location),
        "site_web": actor.website,
        "contact_publiable": yes_no(actor.contact_may_be_published),
        # The export is public: a contact goes out only with the actor's consent.
        "email_contact": actor.contact_email if actor.contact_may_be_published else "",
        "telephone_contact": actor.contact_phone if actor.contact_may_be_published else "",
        "resume": actor.summary,
        "description": actor.description,
        **{column: slugs(field_name) for column, field_name in RELATION_COLUMNS},
    }


def write_csv(actors: Iterable[ActorPage], output) -> None:
    writer = csv.DictWriter(output, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for actor in actors:
        writer.writerow({column: safe_cell(value) for column, value in actor_to_row(actor).items()})
