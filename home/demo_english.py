"""Demo: the English site, made the way a translator makes it, through wagtail-localize.

Every French page and translatable snippet (taxonomy terms, speakers, meeting days, working
groups) is submitted for translation into English. Then each translation goes the way of a PO
file sent to a translator and back: ``Translation.export_po()``, each msgstr filled from the
demo's own PO file (``fixtures/demo/english.po``: msgid the French source string exactly as
wagtail-localize stores it, msgstr its English), ``Translation.import_po()``, and the target
saved and published. wagtail-localize's progress of each translation is then true: a string the
PO file lacks stays untranslated (the page shows it in French, and says so).

Idempotent: the tree is submitted once (when the English home page does not exist yet); the
texts are applied on every run, and a translation whose strings all match already is left as it
is (no new revision).
"""

from __future__ import annotations

from pathlib import Path

import polib
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import StringSegment, Translation
from wagtail_localize.operations import translate_object, translate_page_subtree

from core.demo_tools import DEMO_DIR

from .demo import home_page
from .models import HomePage

PO_FILE = DEMO_DIR / "english.po"
TOOL_NAME = "demo english.po"
# How many of the places a string is used in its comment names (in the dump of missing strings).
MAX_PLACES = 3


def translatable_snippet_models() -> list[type]:
    """The snippets editors translate (taxonomy terms, speakers, meeting days, working groups...):
    every registered snippet model that is translatable. Inline objects of a page (chapters,
    training paths, calls) are translated with their page."""
    return [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]


def read_texts(path: Path | None = None) -> dict[str, str]:
    """French source string -> English, from a PO file (``english.po`` by default). Entries
    without msgstr, fuzzy or obsolete ones are left out."""
    po = polib.pofile(str(path or PO_FILE))
    return {
        entry.msgid: entry.msgstr
        for entry in po
        if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags
    }


def build(po_path: Path | None = None) -> int:
    """Submits the French tree and snippets for translation (first run), then fills every
    translation from the PO file. Returns the number of translations changed."""
    english = Locale.objects.get(language_code="en")
    if not HomePage.objects.filter(locale=english).exists():
        submit_for_translation(english)
    changed = apply_texts(english, read_texts(po_path))
    return changed


def submit_for_translation(english: Locale) -> None:
    """What an editor does with « Translate this page / subpages » and « Translate » on a snippet:
    a TranslationSource and a Translation for each object, and its English copy (still French)."""
    for model in translatable_snippet_models():
        for instance in model.objects.filter(locale__language_code="fr"):
            translate_object(instance, [english])
    home = home_page()
    translate_object(home, [english])
    translate_page_subtree(home.pk, [english], None, None)


def apply_texts(locale: Locale, texts: dict[str, str]) -> int:
    """Fills each translation into ``locale`` from ``texts`` through its PO file; snippets first,
    so that the pages, saved after, link to the translated terms. Returns how many changed."""
    translations = Translation.objects.filter(
        target_locale=locale, enabled=True, source__locale__language_code="fr"
    )
    page_type_ids = set(Page.objects.values_list("content_type_id", flat=True).distinct())
    ordered = sorted(
        translations.select_related("source"),
        key=lambda translation: (
            translation.source.specific_content_type_id in page_type_ids,
            translation.pk,
        ),
    )
    return sum(fill_translation(translation, texts) for translation in ordered)


def fill_translation(translation: Translation, texts: dict[str, str]) -> bool:
    """One translation: export its PO, fill what ``texts`` knows, import it, save and publish
    the target. False (and nothing written) when every string already has that English."""
    po = translation.export_po()
    changed = False
    for entry in po:
        english = texts.get(entry.msgid)
        if entry.obsolete or not english or entry.msgstr == english:
            continue
        entry.msgstr = english
        changed = True
    if not changed:
        return False
    translation.import_po(po, tool_name=TOOL_NAME)
    save_and_publish(translation)
    return True


def save_and_publish(translation: Translation) -> None:
    """``Translation.save_target(publish=True)``, the revision of a page published at once:
    wagtail-localize publishes it when the transaction commits, after ``load_demo`` has built
    the search index inside its own transaction (which would then hold the English pages' old,
    French text)."""
    source = translation.source
    instance = source.get_source_instance()
    is_page = isinstance(instance, Page)
    source.create_or_update_translation(
        translation.target_locale, publish=not is_page, fallback=True, copy_parent_pages=True
    )
    if is_page:
        target = instance.get_translation(translation.target_locale)
        target.get_latest_revision().publish()


def missing_strings(texts: dict[str, str], locale_code: str = "fr") -> polib.POFile:
    """A PO file of every source string in ``locale_code`` of a translation that ``texts`` does
    not translate yet, once each, with an empty msgstr; a comment names where it is used."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"MIME-Version": "1.0", "Content-Type": "text/plain; charset=utf-8"}
    seen: dict[str, list[str]] = {}
    segments = (
        StringSegment.objects.filter(
            source__locale__language_code=locale_code, source__translations__isnull=False
        )
        .select_related("string", "context", "source")
        .order_by("source_id", "order")
        .distinct()
    )
    for segment in segments:
        text = segment.string.data
        if text in texts:
            continue
        seen.setdefault(text, []).append(f"{segment.source.object_repr} ({segment.context.path})")
    for text, places in seen.items():
        shown = places[:MAX_PLACES] + (
            [f"and {len(places) - MAX_PLACES} more"] if len(places) > MAX_PLACES else []
        )
        po.append(polib.POEntry(msgid=text, msgstr="", comment="\n".join(shown)))
    return po
