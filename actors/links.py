"""The "who does it" lists of other pages, read from the same links the directory's map shows.

Each list costs one query whatever its length (commune and department are joined).
"""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.pictures import with_pictures
from core.visibility import visible

from .models import ActorPage


def _actors(locale, *conditions, flags=None, **lookups):
    """Visible actors matching ``conditions`` and ``lookups`` (each a link to one page: no
    duplicates), with the ``flags`` annotated (``Exists`` conditions, usable in ``conditions``)."""
    return list(
        with_pictures(visible(ActorPage.objects, locale))
        .annotate(**(flags or {}))
        .filter(*conditions, **lookups)
        .select_related("commune", "department")
        .order_by("title")
    )


def linked_actor_sections(page) -> list[dict]:
    """[{"title", "actors", "id"}] for a trade, label, know-how or opportunity page; [] otherwise."""
    model = page.specific_class.__name__ if hasattr(page, "specific_class") else type(page).__name__
    if model == "TradeProfilePage":
        # Schools and practitioners in one query, each actor marked with what it does (two
        # EXISTS, not two joins: joining both links and keeping distinct rows cost 10 ms).
        through = {"actorpage_id": OuterRef("pk"), "tradeprofilepage_id": page.pk}
        both = _actors(
            page.locale_id,
            Q(teaches=True) | Q(practises=True),
            flags={
                "teaches": Exists(ActorPage.trades_taught.through.objects.filter(**through)),
                "practises": Exists(ActorPage.trades_practised.through.objects.filter(**through)),
            },
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
