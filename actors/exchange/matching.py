"""Which stored actor a row updates, and which rows of one file describe the same actor.

A row is matched to a stored actor by its SIRET, else by its name and commune:

- a row whose SIRET no actor has yet matches the actor stored without a SIRET under the same name
  and commune, which then gains the SIRET;
- a row without a SIRET matches the actor of that name and commune, with or without a SIRET. An
  empty SIRET cell means "unknown": the stored SIRET is kept (an old file without SIRETs updates
  the actors that have gained one since, and creates no duplicate). When several stored actors
  fit, the row is refused and says which SIRET to give.

Two rows of one file that reach the same actor are refused, naming both lines.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.text import fold

from ..models import ActorDirectoryPage, ActorPage
from .columns import RELATION_COLUMNS


def name_slug(text: str) -> str:
    """A name as a slug: folded first, so that « Bœuf » and « Boeuf » give the same one."""
    return slugify(fold(text))


def name_key(name: str, commune_id: int) -> tuple[str, int]:
    """How an actor is recognised without its SIRET: its name and its commune (the commune itself,
    not its name: eight names belong to two communes)."""
    return name_slug(name), commune_id


@dataclass
class ActorRow:
    """A row in the model's terms, and the stored actor it updates (None: a new actor).

    values["siret"] is the row's own SIRET, empty when the cell is; once the row is matched, an
    empty SIRET is replaced by the stored actor's, so that an empty cell keeps it.
    """

    line: int
    values: dict
    relations: dict[str, list[int]]
    actor: ActorPage | None = None
    slug: str = ""  # the new actor's slug (a stored actor keeps its own)

    @property
    def name_key(self) -> tuple[str, int]:
        return name_key(self.values["title"], self.values["commune_id"])


class MatchError(Exception):
    """The row cannot be matched: (column, message)."""


class StoredActors:
    """The directory's actors, found the way a row names them."""

    def __init__(self, directory: ActorDirectoryPage):
        actors = (
            ActorPage.objects.child_of(directory)
            .select_related("commune")
            .prefetch_related(*(field_name for _column, field_name in RELATION_COLUMNS))
            .order_by("pk")
        )
        self.by_siret, self.by_name = {}, defaultdict(list)
        for actor in actors:
            if actor.siret:
                self.by_siret[actor.siret] = actor
            self.by_name[name_key(actor.title, actor.commune_id)].append(actor)

    def match(self, row: ActorRow) -> ActorPage | None:
        """The stored actor the row updates, None for a new actor; MatchError when several fit."""
        siret = row.values["siret"]
        if siret:
            if siret in self.by_siret:
                return self.by_siret[siret]
            # An actor first imported without its SIRET gains it, rather than getting a second
            # record; an actor stored with another SIRET is another establishment.
            candidates = [actor for actor in self.by_name.get(row.name_key, []) if not actor.siret]
        else:
            # An empty SIRET cell is "unknown": the actor of that name and commune, SIRET or not.
            candidates = self.by_name.get(row.name_key, [])
        if len(candidates) > 1:
            actor = candidates[0]
            place = f"{actor.commune.name} ({actor.commune.insee_code})"
            if siret:
                raise MatchError(
                    "nom",
                    _(
                        "%(count)s actors without SIRET are stored as « %(name)s » in %(commune)s: "
                        "remove the duplicate in the admin before giving one of them a SIRET."
                    )
                    % {"count": len(candidates), "name": actor.title, "commune": place},
                )
            sirets = ", ".join(candidate.siret or _("no SIRET") for candidate in candidates)
            raise MatchError(
                "siret",
                _(
                    "%(count)s actors are stored as « %(name)s » in %(commune)s (SIRET: %(sirets)s): "
                    "give the SIRET of the one this line describes."
                )
                % {"count": len(candidates), "name": actor.title, "commune": place, "sirets": sirets},
            )
        return candidates[0] if candidates else None


class FileMatcher:
    """Matches the rows of one file in turn, refusing a row that is the same actor as an earlier one."""

    def __init__(self, directory: ActorDirectoryPage):
        self.stored_actors = StoredActors(directory)
        # Lines already read: by SIRET, by name and commune (with whether they give a SIRET), and
        # by the stored actor they update.
        self.lines_by_siret, self.lines_by_name, self.lines_by_actor = {}, defaultdict(list), {}

    def match(self, row: ActorRow) -> None:
        """Sets row.actor (and the kept SIRET), or raises MatchError."""
        row.actor = self.stored_actors.match(row)
        siret = row.values["siret"]
        column = "siret" if siret else "nom"
        # Rows that differ can match the same stored actor: its SIRET in one, its name and commune
        # in another.
        if row.actor is not None and row.actor.pk in self.lines_by_actor:
            raise MatchError(
                column,
                _(
                    "same actor as line %(other)s: both match « %(title)s » (by SIRET, or by name "
                    "and commune)."
                )
                % {"other": self.lines_by_actor[row.actor.pk], "title": row.actor.title},
            )
        # Between the rows themselves, as the next import would match them (it would find the
        # actors this one creates): a row without SIRET is the same actor as any other row of the
        # same name and commune; two rows with two SIRETs are two actors.
        other = self.lines_by_siret.get(siret) if siret else None
        if other is None:
            other = next(
                (
                    other_line
                    for other_line, other_has_siret in self.lines_by_name.get(row.name_key, [])
                    if not (siret and other_has_siret)
                ),
                None,
            )
        if other is not None:
            raise MatchError(
                column,
                _("same actor as line %(other)s (same SIRET, or same name and commune).") % {"other": other},
            )
        if siret:
            self.lines_by_siret[siret] = row.line
        self.lines_by_name[row.name_key].append((row.line, bool(siret)))
        if row.actor is not None:
            self.lines_by_actor[row.actor.pk] = row.line
            if not siret:
                # An empty SIRET cell keeps the stored SIRET (and so changes nothing by itself).
                row.values["siret"] = row.actor.siret
