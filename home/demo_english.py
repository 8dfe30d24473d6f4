"""Demo: the English site, made the way editors make it, through wagtail-localize.

Every page and taxonomy term gets an English translation (synced with its French source). The
strings listed in fixtures/demo/english_glossary.csv are translated; the rest stays in French
until an editor translates it in the admin, as on a real site. Runs once: when the English home
page exists, it does nothing.
"""

from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.operations import translate_object, translate_page_subtree

from core.demo_tools import DEMO_DIR, read_csv
from knowledge.taxonomy import TAXONOMY_MODELS

from .demo import home_page
from .models import HomePage


def build() -> int:
    english = Locale.objects.get(language_code="en")
    if HomePage.objects.filter(locale=english).exists():
        return 0
    for model in TAXONOMY_MODELS:
        for term in model.objects.filter(locale__language_code="fr"):
            translate_object(term, [english])
    home = home_page()
    translate_object(home, [english])
    translate_page_subtree(home.pk, [english], None, None)
    apply_glossary(english)
    return HomePage.objects.filter(locale=english).count()


def apply_glossary(english: Locale) -> None:
    glossary = {row["french"]: row["english"] for row in read_csv(DEMO_DIR / "english_glossary.csv")}
    touched_sources = set()
    segments = StringSegment.objects.filter(string__data__in=glossary).select_related("string", "context")
    for segment in segments:
        _translation, created = StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=english,
            context=segment.context,
            defaults={"data": glossary[segment.string.data], "translation_type": "manual"},
        )
        if created:
            touched_sources.add(segment.source_id)
    for translation in Translation.objects.filter(source_id__in=touched_sources, target_locale=english):
        translation.save_target(publish=True)
