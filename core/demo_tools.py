"""Idempotent building blocks for demo content: each creates what is missing and nothing else."""

import csv
from pathlib import Path

from django.conf import settings
from wagtail.models import Locale, Page

REFERENCE_DIR = Path(settings.BASE_DIR) / "fixtures" / "reference"
DEMO_DIR = Path(settings.BASE_DIR) / "fixtures" / "demo"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def french() -> Locale:
    return Locale.objects.get(language_code="fr")


def site_home_page() -> Page:
    """The French home page, the parent of every section of the demo."""
    return Page.objects.get(locale__language_code="fr", depth=2).specific


def ensure_term(model, slug: str, **fields):
    """A taxonomy term or snippet in French, found by slug; created with `fields` if missing."""
    term, _created = model.objects.get_or_create(slug=slug, locale=french(), defaults=fields)
    return term


def ensure_page(parent: Page, model, slug: str, *, publish: bool = True, **fields):
    """A child page of `parent`, found by slug; created (and published) with `fields` if missing.

    Many-to-many values are given as lists and set after the first save, as modelcluster expects.
    Child relations (inline panels) are given as lists of unsaved objects.
    """
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    many_to_many = {name: value for name, value in fields.items() if isinstance(value, list)}
    simple = {name: value for name, value in fields.items() if name not in many_to_many}
    page = model(slug=slug, locale=parent.locale, **simple)
    for name, values in many_to_many.items():
        getattr(page, name).set(values)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page, True


def stream(model, field_name, items):
    """A StreamField value from (block type, value) pairs; ensure_page takes plain lists for relations."""
    return model._meta.get_field(field_name).stream_block.normalize(items)
