"""The demo's English site is loaded through wagtail-localize's PO files (home.demo_english): the
translation progress wagtail-localize shows is then true."""

import io

import polib
import pytest
from django.core.management import call_command
from wagtail_localize.models import Translation

from home import demo_english
from home.models import StandardPage
from knowledge.models import Theme
from tests.factories import publish_revision

PARAGRAPH = 'Le <a id="a1">tailleur de pierre</a> restaure les façades.'


def write_po(path, entries):
    po = polib.POFile()
    for msgid, msgstr in entries.items():
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    po.save(str(path))
    return path


@pytest.fixture
def french_content(home_page):
    page = StandardPage(
        title="Restaurer une façade",
        slug="restaurer-une-facade",
        summary="Les étapes d'une restauration.",
        body=[
            (
                "paragraph",
                '<p>Le <a href="https://example.org/">tailleur de pierre</a> restaure les façades.</p>',
            )
        ],
    )
    publish_revision(home_page, page)
    theme = Theme.objects.create(name="Transmission", slug="transmission", locale=home_page.locale)
    return {"page": page, "theme": theme}


def english_of(instance):
    return instance.get_translation(instance.locale.__class__.objects.get(language_code="en"))


@pytest.mark.django_db
def test_the_loader_fills_each_translation_from_the_po_file_and_publishes_it(french_content, tmp_path):
    po_path = write_po(
        tmp_path / "english.po",
        {
            "Accueil": "Home",
            "Le patrimoine": "Heritage",
            "Restaurer une façade": "Restoring a façade",
            "restaurer-une-facade": "restoring-a-facade",
            "Les étapes d'une restauration.": "The steps of a restoration.",
            PARAGRAPH: 'The <a id="a1">stonemason</a> restores façades.',
            "Transmission": "Passing on",
        },
    )
    demo_english.build(po_path)

    english_page = english_of(french_content["page"]).specific
    assert english_page.live
    assert english_page.title == "Restoring a façade"
    assert english_page.url == "/en/restoring-a-facade/"
    assert english_page.summary == "The steps of a restoration."
    body = english_page.body[0].value.source
    assert 'The <a href="https://example.org/">stonemason</a> restores façades.' in body
    assert english_of(french_content["theme"]).name == "Passing on"
    # wagtail-localize's own progress: every string of the page translated.
    translation = Translation.objects.get(source__object_id=french_content["page"].translation_key)
    total, done = translation.get_progress()
    assert total == done > 0


@pytest.mark.django_db
def test_a_string_the_po_file_lacks_stays_untranslated_and_a_second_run_changes_nothing(
    french_content, tmp_path
):
    po_path = write_po(tmp_path / "english.po", {"Restaurer une façade": "Restoring a façade"})
    demo_english.build(po_path)
    translation = Translation.objects.get(source__object_id=french_content["page"].translation_key)
    total, done = translation.get_progress()
    assert done == 1 < total
    english_page = english_of(french_content["page"]).specific
    assert (
        english_page.summary == "Les étapes d'une restauration."
    )  # still French, as wagtail-localize keeps it
    revisions = english_page.revisions.count()
    assert demo_english.build(po_path) == 0
    assert english_page.revisions.count() == revisions


@pytest.mark.django_db
def test_the_strings_command_writes_only_the_strings_not_yet_translated(french_content, tmp_path):
    texts = write_po(tmp_path / "english.po", {"Restaurer une façade": "Restoring a façade"})
    demo_english.build(texts)
    output = tmp_path / "missing.po"
    call_command("demo_english_strings", str(output), "--texts", str(texts), stdout=io.StringIO())
    missing = {entry.msgid: entry for entry in polib.pofile(str(output))}
    assert "Restaurer une façade" not in missing
    assert {"Les étapes d'une restauration.", PARAGRAPH, "Transmission"} <= set(missing)
    assert all(entry.msgstr == "" and not entry.msgctxt for entry in missing.values())
    assert "Restaurer une façade" in missing[PARAGRAPH].comment  # where it is used
