"""The "who does it" lists of other pages, read from the same links the directory's map shows.

Each list costs one query whatever its length (commune and department are joined).
"""

from django.utils.translation import gettext_lazy as _

from core.visibility import visible

from .models import ActorPage


def _actors(locale, **lookups):
    return list(
        visible(ActorPage.objects, locale)
        .filter(**lookups)
        .select_related("commune", "department")
        .order_by("title")
        .distinct()
    )


def linked_actor_sections(page) -> list[dict]:
    """[{"title", "actors", "id"}] for a trade, label, know-how or opportunity page; [] otherwise."""
    model = page.specific_class.__name__ if hasattr(page, "specific_class") else type(page).__name__
    if model == "TradeProfilePage":
        return [
            {
                "id": "trade-schools",
                "title": _("Where to train for it in the region"),
                "actors": _actors(page.locale, trades_taught=page),
            },
            {
                "id": "trade-practitioners",
                "title": _("Who practises it in the region"),
                "actors": _actors(page.locale, trades_practised=page),
            },
        ]
    if model == "LabelPage":
        return [
            {
                "id": "label-holders",
                "title": _("Holders in the region"),
                "actors": _actors(page.locale, labels=page),
            }
        ]
    if model == "KnowHowPage":
        return [
            {
                "id": "know-how-practitioners",
                "title": _("Who practises it"),
                "actors": _actors(page.locale, know_how=page),
            }
        ]
    if model == "OpportunityPage":
        host = getattr(page, "host_actor", None)
        actors = _actors(page.locale, pk=host.pk) if host is not None else []
        return [{"id": "opportunity-host", "title": _("The host"), "actors": actors}]
    return []
