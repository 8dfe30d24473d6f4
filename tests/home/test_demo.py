"""`load_demo` builds the demo site once; a second run creates and changes nothing.

Building the demo takes a while: the test run builds it once (the `demo_database` fixture, shared
with the browser tests); one test runs `load_demo` again on a copy of it and checks everything
the demo should hold.
"""

import io
import os

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

from tests.demo_database import DEMO_GROUP, name_in_settings

pytestmark = pytest.mark.xdist_group(DEMO_GROUP)

# The least the issue asks of the French demo, per model (apps add their own lines).
MINIMUM_FRENCH_COUNTS = {
    "trades.TradeProfilePage": 40,
    "trades.OpportunityPage": 12,
    "trades.TradeIndexPage": 1,
    "trades.OpportunityIndexPage": 1,
    "knowledge.KnowHowPage": 12,
    "knowledge.LabelPage": 12,
    "knowledge.ReplayPage": 6,
    "knowledge.KnowHowIndexPage": 1,
    "knowledge.LabelIndexPage": 1,
    "knowledge.ReplayIndexPage": 1,
    "home.StandardPage": 2,
    "actors.ActorPage": 40,
    "actors.ActorDirectoryPage": 1,
    "questions.QuestionAnswerIndexPage": 1,
    "questions.QuestionAnswerPage": 6,
}
# Child objects, links and revisions, which a second run must not add either.
OTHER_COUNTED_MODELS = [
    "trades.TrainingPath",
    "home.HomePageFeaturedTrade",
    "wagtailcore.Revision",
    "knowledge.ReplayChapter",
    "knowledge.ReplaySpeaker",
]
NAMED_TRADES = [
    "Tailleur de pierre",
    "Vitrailliste",
    "Charpentier",
    "Couvreur",
    "Ferronnier d'art",
    "Doreur",
    "Restaurateur d'œuvres d'art",
]


def object_counts():
    page_models = [model for model in apps.get_models() if issubclass(model, Page) and model is not Page]
    counted = page_models + list(get_snippet_models()) + [apps.get_model(n) for n in OTHER_COUNTED_MODELS]
    return {model._meta.label: model.objects.count() for model in counted}


def french_live_count(label):
    return apps.get_model(label).objects.filter(locale__language_code="fr").live().count()


@pytest.fixture
def demo_copy(demo_database, django_db_blocker, settings):
    """The default connection on a copy of this run's demo (with real commits: it is thrown away),
    its pictures read from the demo's own files.

    The test database's own connection is set aside (an in-memory SQLite one would not survive
    a close) and put back afterwards."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(demo_database.media_root)},
        },
    }
    copy_url = demo_database.copy(f"test_demo_copy_{os.getpid()}")
    original_name = connection.settings_dict["NAME"]
    with django_db_blocker.unblock():
        set_aside = connection.connection
        connection.connection = None
        connection.settings_dict["NAME"] = name_in_settings(copy_url)
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict["NAME"] = original_name
            connection.connection = set_aside
            ContentType.objects.clear_cache()
            for cache in caches.all():
                cache.clear()
            demo_database.drop_copy(copy_url)


def test_load_demo_twice_gives_the_same_counts_and_the_minimum_content(demo_copy):
    # The first run built the demo this copy comes from.
    first = object_counts()
    call_command("load_demo", stdout=io.StringIO())
    assert object_counts() == first

    below_minimum = {
        label: (french_live_count(label), minimum)
        for label, minimum in MINIMUM_FRENCH_COUNTS.items()
        if french_live_count(label) < minimum
    }
    assert below_minimum == {}, "(count, minimum) per model"

    trade_model = apps.get_model("trades.TradeProfilePage")
    titles = set(trade_model.objects.filter(locale__language_code="fr").values_list("title", flat=True))
    assert set(NAMED_TRADES) <= titles
    featured = apps.get_model("home.HomePageFeaturedTrade").objects
    assert featured.filter(home_page__locale__language_code="fr").count() == 4

    actors = apps.get_model("actors.ActorPage").objects.filter(locale__language_code="fr")
    assert actors.values("department").distinct().count() == 5  # the five departments
    assert actors.filter(trades_taught__isnull=False).exists()
    assert actors.filter(labels__isnull=False).exists()

    offers = apps.get_model("trades.OpportunityPage").objects.filter(locale__language_code="fr")
    assert offers.filter(closing_date__lt=timezone.localdate()).exists()
    assert offers.open().count() >= 6
    assert offers.values("department__code").distinct().count() == 5
    assert offers.values("kind").distinct().count() >= 5
    assert_knowledge_demo()
    assert_circle_demo()


def assert_circle_demo():
    """A dozen resource persons covering the taxonomy; twenty questions in every state, some late."""
    persons = apps.get_model("questions.ResourcePerson").objects.all()
    assert persons.count() >= 12
    for model, relation in (("Domain", "domains"), ("Material", "materials"), ("Department", "departments")):
        terms = apps.get_model("knowledge", model).objects.filter(locale__language_code="fr")
        covered = terms.filter(pk__in=persons.values(relation)).count()
        assert covered == terms.count(), f"{model}: {covered} of {terms.count()} covered"
    questions = apps.get_model("questions.Question").objects.all()
    assert questions.count() >= 20
    statuses = set(questions.values_list("status", flat=True))
    assert statuses == {"received", "routed", "searching", "answered", "closed", "rejected", "redirected"}
    late = questions.filter(due_on__lt=timezone.localdate())
    assert set(late.values_list("status", flat=True)) >= {"received", "routed", "searching"}


def assert_knowledge_demo():
    """Know-how cites sources; replays have 4 to 8 chapters, speakers, a transcript, links to trades."""
    know_how = apps.get_model("knowledge.KnowHowPage").objects.filter(locale__language_code="fr")
    assert all(len(page.sources) >= 1 for page in know_how)
    assert know_how.exclude(intangible_heritage="").count() >= 4
    replays = apps.get_model("knowledge.ReplayPage").objects.filter(locale__language_code="fr")
    for replay in replays:
        assert 4 <= replay.chapters.count() <= 8, replay.title
        assert replay.speakers.exists(), replay.title
        assert replay.transcript.count("<p") >= 3, replay.title
    chapter_model = apps.get_model("knowledge.ReplayChapter")
    linked_types = set(
        chapter_model.objects.filter(replay__locale__language_code="fr", linked_page__isnull=False)
        .values_list("linked_page__content_type__model", flat=True)
        .distinct()
    )
    assert linked_types == {"knowhowpage", "tradeprofilepage"}
