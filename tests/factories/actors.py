"""The directory and its actors: pages one by one, or hundreds of actors in bulk."""

import uuid
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from actors.communes import load_communes
from actors.models import ActorDirectoryPage, ActorPage, Commune

from . import IndexPageFactory, PageFactory


class ActorDirectoryPageFactory(IndexPageFactory):
    title = "Annuaire des acteurs"
    slug = "annuaire"

    class Meta:
        model = ActorDirectoryPage


class ActorPageFactory(PageFactory):
    """A company; its commune and department come from the reference data, so the test gives them."""

    title = "Atelier de la pierre"
    kind = ActorPage.Kind.COMPANY

    class Meta:
        model = ActorPage


def communes() -> dict[str, Commune]:
    load_communes(Commune)
    return {commune.name: commune for commune in Commune.objects.all()}


def directory(home_page, **fields) -> ActorDirectoryPage:
    return ActorDirectoryPageFactory(parent=home_page, **fields)


def actor(directory_page, commune, department, title="Atelier de la pierre", **fields) -> ActorPage:
    return ActorPageFactory(
        parent=directory_page, commune=commune, department=department, title=title, **fields
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
