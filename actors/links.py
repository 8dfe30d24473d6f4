"""The "who does it" lists of other pages, read from the same links the directory's map shows.

Each list costs one query whatever its length (commune and department are joined).
"""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.visibility import visible

from .models import ActorPage


def _actors(locale, *conditions, **lookups):
    """Visible actors matching ``conditions`` and ``lookups``; Exists() lookups become flags."""
    flags = {name: value for name, value in lookups.items() if isinstance(value, Exists)}
    lookups = {name: value for name, value in lookups.items() if name not in flags}
    return list(
        visible(ActorPage.objects, locale)
        .filter(*conditions, **lookups)
        .annotate(**flags)
        .select_related("commune", "department")
        .order_by("title")
        .distinct()
    )


def linked_actor_sections(page) -> list[dict]:
    """[{"title", "actors", "id"}] for a trade, label, know-how or opportunity page; [] otherwise."""
    model = page.specific_class.__name__ if hasattr(page, "specific_class") else type(page).__name__
    if model == "TradeProfilePage":
        # Schools and practitioners in one query, each actor marked with what it does.
        through = {"actorpage_id": OuterRef("pk"), "tradeprofilepage_id": page.pk}
        both = _actors(
            page.locale_id,
            Q(trades_taught=page) | Q(trades_practised=page),
            teaches=Exists(ActorPage.trades_taught.through.objects.filter(**through)),
            practises=Exists(ActorPage.trades_practised.through.objects.filter(**through)),
        )
        return [
            {
                "id": "trade-schools",
                "title": _("Where to train for it in the region"),
                "actors": [actor for actor in both if actor.teaches],
            },
            {
                "id": "trade-practitioners",
                "title": _("Who practises it in the region"),
                "actors": [actor for actor in both if actor.practises],
            },
        ]
    if model == "LabelPage":
        return [
            {
                "id": "label-holders",
                "title": _("Holders in the region"),
                "actors": _actors(page.locale_id, labels=page),
            }
        ]
    if model == "KnowHowPage":
        return [
            {
                "id": "know-how-practitioners",
                "title": _("Who practises it"),
                "actors": _actors(page.locale_id, know_how=page),
            }
        ]
    if model == "OpportunityPage":
        host_id = getattr(page, "host_actor_id", None)
        actors = _actors(page.locale_id, pk=host_id) if host_id is not None else []
        return [{"id": "opportunity-host", "title": _("The host"), "actors": actors}]
    return []
