"""Demo: the directory page and the actors of fixtures/demo/actors.csv (the working groups and
their members are the agenda's: agenda/demo.py).

The actors go through the same importer as editors' files. Organisations named in public sources
sit at their commune's centre; the craft companies are fictional, and the page says it is demo
data. Links to trades, labels and know-how are by slug: a slug the demo content of the other apps
does not (yet) have is left out, and reported, rather than failing the whole demo.
"""

import csv
import io

from core.demo_tools import DEMO_DIR, ensure_page, site_home_page
from trades.models import OpportunityPage

from .exchange import COLUMNS, LIST_SEPARATOR, RELATION_COLUMNS, import_actors, known_slugs
from .models import ActorDirectoryPage

DIRECTORY_INTRO = (
    "<p>Qui fait quoi, et où : écoles, entreprises, associations, collectivités, services de l'État, "
    "musées et sites du patrimoine en Pays de la Loire. Filtrez la liste ; la carte montre les mêmes "
    "acteurs.</p><p><b>Données de démonstration.</b> Les entreprises artisanales de cet annuaire sont "
    "fictives. Les organisations réelles, citées d'après des sources publiques, sont placées au centre "
    "de leur commune et leurs informations sont simplifiées.</p>"
)
# Demo offers whose host name differs from the host actor's name.
OPPORTUNITY_HOSTS = {
    "Service patrimoine d'une Ville d'art et d'histoire": "Ville de Fontenay-le-Comte",
    "Organisme de formation du bâtiment": "Organisme de formation du bâtiment du Vignoble",
}


def demo_csv_without_unknown_links(directory) -> tuple[bytes, list[str]]:
    known = known_slugs(directory)
    dropped = []
    with (DEMO_DIR / "actors.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        for column, field_name in RELATION_COLUMNS:
            slugs = [slug.strip() for slug in row[column].split(LIST_SEPARATOR) if slug.strip()]
            dropped += [f"{column}:{slug}" for slug in slugs if slug not in known[field_name]]
            row[column] = f" {LIST_SEPARATOR} ".join(slug for slug in slugs if slug in known[field_name])
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return output.getvalue().encode("utf-8"), sorted(set(dropped))


def link_opportunity_hosts(directory) -> None:
    if not hasattr(OpportunityPage, "host_actor"):
        return
    actors = {actor.title: actor for actor in directory.get_children().specific()}
    for opportunity in OpportunityPage.objects.filter(locale=directory.locale, host_actor__isnull=True):
        actor = actors.get(OPPORTUNITY_HOSTS.get(opportunity.host_name, opportunity.host_name))
        if actor is not None:
            opportunity.host_actor = actor
            opportunity.save_revision().publish()


def build() -> int:
    created = 0
    directory, was_created = ensure_page(
        site_home_page(),
        ActorDirectoryPage,
        "annuaire",
        title="Annuaire des acteurs",
        show_in_menus=True,
        summary="Les acteurs du patrimoine en Pays de la Loire, sur une liste et sur une carte.",
        intro=DIRECTORY_INTRO,
    )
    created += was_created
    content, dropped = demo_csv_without_unknown_links(directory)
    if dropped:
        print(f"actors.demo: links to missing demo content left out: {', '.join(dropped)}")
    result = import_actors(content, directory=directory)
    if result.errors:
        raise RuntimeError("fixtures/demo/actors.csv: " + "; ".join(str(error) for error in result.errors))
    link_opportunity_hosts(directory)
    return created + result.created
