"""Small builders for the directory's tests: pages one by one, or hundreds of actors in bulk."""

import uuid
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from actors.communes import load_communes
from actors.models import ActorDirectoryPage, ActorPage, Commune
from knowledge.models import KnowHowIndexPage, KnowHowPage, LabelIndexPage, LabelPage
from trades.models import OpportunityIndexPage, TradeIndexPage, TradeProfilePage


def publish(parent, page):
    """Adds a live page without a revision (as fast as possible; visitors see the same)."""
    page.live = True
    parent.add_child(instance=page)
    return page


def communes() -> dict[str, Commune]:
    load_communes(Commune)
    return {commune.name: commune for commune in Commune.objects.all()}


def directory(home_page, **fields) -> ActorDirectoryPage:
    fields = {"title": "Annuaire des acteurs", "slug": "annuaire", **fields}
    return publish(home_page, ActorDirectoryPage(**fields))


def actor(directory_page, commune, department, title="Atelier de la pierre", **fields) -> ActorPage:
    m2m = {name: fields.pop(name) for name in list(fields) if isinstance(fields[name], list)}
    live = fields.pop("live", True)
    page = ActorPage(
        title=title,
        live=live,
        slug=fields.pop("slug", None) or title.lower().replace(" ", "-").replace("'", ""),
        kind=fields.pop("kind", ActorPage.Kind.COMPANY),
        commune=commune,
        department=department,
        **fields,
    )
    for name, values in m2m.items():
        getattr(page, name).set(values)
    directory_page.add_child(instance=page)
    return page


def trade(home_page, taxonomy, slug="tailleur-de-pierre", title="Tailleur de pierre"):
    index = TradeIndexPage.objects.first() or publish(
        home_page, TradeIndexPage(title="Métiers", slug="metiers")
    )
    return publish(
        index,
        TradeProfilePage(
            title=title,
            slug=slug,
            hook="Donner forme à la pierre.",
            what_the_work_is=[("paragraph", "<p>Il taille la pierre.</p>")],
        ),
    )


def label(home_page, slug="maitre-dart", title="Maître d'art"):
    index = LabelIndexPage.objects.first() or publish(
        home_page, LabelIndexPage(title="Labels", slug="labels")
    )
    return publish(
        index,
        LabelPage(
            title=title,
            slug=slug,
            kind=LabelPage.Kind.LABEL,
            awarding_body="Ministère de la Culture",
            who_may_apply="<p>Les artisans d'art.</p>",
            requirements=[("item", "Un savoir-faire rare.")],
        ),
    )


def know_how(home_page, slug="enduit-a-la-chaux", title="Enduit à la chaux"):
    index = KnowHowIndexPage.objects.first() or publish(
        home_page, KnowHowIndexPage(title="Savoir-faire", slug="savoir-faire")
    )
    return publish(
        index,
        KnowHowPage(
            title=title,
            slug=slug,
            technique=[("paragraph", "<p>La chaux respire.</p>")],
            sources=[("source", {"title": "Source", "author": "Auteur", "year": 2000, "url": ""})],
        ),
    )


def opportunity_index(home_page):
    return OpportunityIndexPage.objects.first() or publish(
        home_page, OpportunityIndexPage(title="Offres", slug="offres")
    )


def bulk_actors(directory_page, count, commune, department, domains=(), trades=(), labels=(), start=0):
    """`count` live actors in a few queries: page rows and actor rows in bulk, links in bulk.

    Treebeard's add_child costs several queries per page; the tests of query counts need
    hundreds of actors, so the tree paths are computed here the way treebeard computes them.
    """
    content_type = ContentType.objects.get_for_model(ActorPage)
    directory_page.refresh_from_db()
    first_step = directory_page.numchild + 1
    pages = []
    for number in range(count):
        slug = f"acteur-{start + number}"
        pages.append(
            Page(
                title=f"Acteur {start + number:04d}",
                draft_title=f"Acteur {start + number:04d}",
                slug=slug,
                path=Page._get_path(directory_page.path, directory_page.depth + 1, first_step + number),
                depth=directory_page.depth + 1,
                numchild=0,
                url_path=f"{directory_page.url_path}{slug}/",
                live=True,
                content_type=content_type,
                locale_id=directory_page.locale_id,
                translation_key=uuid.uuid4(),
            )
        )
    pages = Page.objects.bulk_create(pages)
    if pages[0].pk is None:  # databases that do not return the new keys
        pages = list(Page.objects.filter(path__in=[page.path for page in pages]).order_by("path"))
    actors = [
        ActorPage(
            page_ptr_id=page.pk,
            kind=ActorPage.Kind.COMPANY if number % 2 else ActorPage.Kind.SCHOOL,
            is_member=number % 3 == 0,
            commune=commune,
            department=department,
            latitude=commune.latitude + Decimal("0.001") * (number % 50),
            longitude=commune.longitude,
            summary="Un acteur du patrimoine.",
        )
        for number, page in enumerate(pages)
    ]
    local_fields = list(ActorPage._meta.local_concrete_fields)
    ActorPage.objects._insert(actors, fields=local_fields, raw=True)
    directory_page.numchild += count
    directory_page.save(update_fields=["numchild"])
    for field_name, targets in (("domains", domains), ("trades_taught", trades), ("labels", labels)):
        through = getattr(ActorPage, field_name).through
        source, target = [f.name for f in through._meta.get_fields() if f.many_to_one]
        through.objects.bulk_create(
            [
                through(**{f"{source}_id": page.pk, f"{target}_id": item.pk})
                for page in pages
                for item in targets
            ]
        )
    return pages
