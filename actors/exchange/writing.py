"""Writing checked rows: everything in one transaction, a row identical to its actor left alone."""

from collections.abc import Callable, Iterable

from django.db import transaction

from core.exchange.files import ImportResult

from ..models import ActorDirectoryPage, ActorPage
from .checking import RELATED_MODELS
from .columns import RELATION_COLUMNS, SCALAR_FIELDS
from .matching import ActorRow


def actor_relations(actor: ActorPage) -> dict[str, list[int]]:
    return {
        field_name: sorted(item.pk for item in getattr(actor, field_name).all())
        for _column, field_name in RELATION_COLUMNS
    }


def is_unchanged(actor: ActorPage, row: ActorRow) -> bool:
    return (
        all(getattr(actor, name) == row.values[name] for name in SCALAR_FIELDS)
        and actor_relations(actor) == row.relations
    )


def apply_row(actor: ActorPage, row: ActorRow) -> None:
    for name in SCALAR_FIELDS:
        setattr(actor, name, row.values[name])
    for field_name, ids in row.relations.items():
        getattr(actor, field_name).set(list(RELATED_MODELS[field_name].objects.filter(pk__in=ids)))


def write_rows(
    valid_rows: list[ActorRow],
    directory: ActorDirectoryPage,
    user=None,
    progress: Callable[[Iterable], Iterable] = iter,
) -> ImportResult:
    """Writes rows from check_rows (each matched there to its stored actor, or given a new slug)."""
    result = ImportResult()
    with transaction.atomic():
        for row in progress(valid_rows):
            actor = row.actor
            if actor is not None and is_unchanged(actor, row):
                result.unchanged += 1
                continue
            if actor is None:
                actor = ActorPage(locale=directory.locale, slug=row.slug)
                apply_row(actor, row)
                directory.add_child(instance=actor)
                result.created += 1
            else:
                apply_row(actor, row)
                result.updated += 1
            # The import permission is a right to publish actors (give it to moderators only): the
            # revisions are logged under the importing user, without a page-by-page check.
            actor.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)
    return result
