"""Know-how, labels, replays (with their meeting days and speakers) and their indexes."""

import datetime

import factory
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from knowledge.models import (
    KnowHowIndexPage,
    KnowHowPage,
    LabelIndexPage,
    LabelPage,
    MeetingDay,
    ReplayChapter,
    ReplayIndexPage,
    ReplayPage,
    ReplaySpeaker,
    Speaker,
)

from . import IndexPageFactory, PageFactory, stream


class KnowHowIndexPageFactory(IndexPageFactory):
    title = "Savoir-faire"
    slug = "savoir-faire"

    class Meta:
        model = KnowHowIndexPage


class LabelIndexPageFactory(IndexPageFactory):
    title = "Labels et protections"
    slug = "labels"

    class Meta:
        model = LabelIndexPage


class ReplayIndexPageFactory(IndexPageFactory):
    title = "Replays"
    slug = "replays"

    class Meta:
        model = ReplayIndexPage


class KnowHowPageFactory(PageFactory):
    """A know-how page with `related` tools, steps and sources."""

    title = "Enduit à la chaux"
    summary = "Protéger un mur ancien en le laissant respirer."
    technique = stream(("paragraph", "<p>La chaux laisse migrer la vapeur d'eau.</p>"))
    tools = factory.LazyAttribute(lambda page: [("item", f"Truelle n° {n}") for n in range(page.related)])
    steps = factory.LazyAttribute(
        lambda page: [
            ("step", {"title": f"Étape {n}", "text": f"<p>Geste {n}.</p>"}) for n in range(page.related)
        ]
    )
    sources = factory.LazyAttribute(
        lambda page: [
            ("source", {"title": f"Source {n}", "author": "Auteur", "year": 2000 + n, "url": ""})
            for n in range(page.related)
        ]
    )
    intangible_heritage = ""

    class Meta:
        model = KnowHowPage

    class Params:
        related = 1


class LabelPageFactory(PageFactory):
    """A label with `rules` requirements and as many recommendations."""

    title = "Jardin remarquable"
    kind = LabelPage.Kind.LABEL
    awarding_body = "Ministère de la Culture"
    awarding_body_url = "https://www.culture.gouv.fr/"
    year_created = 2004
    who_may_apply = "<p>Parcs et jardins ouverts au public.</p>"
    requirements = factory.LazyAttribute(lambda page: [("item", f"Exigence {n}") for n in range(page.rules)])
    recommendations = factory.LazyAttribute(
        lambda page: [("item", f"Conseil {n}") for n in range(page.rules)]
    )
    validity = "5 ans"

    class Meta:
        model = LabelPage

    class Params:
        rules = 1


class InDefaultLocaleFactory(DjangoModelFactory):
    """A translatable snippet, in the default locale (French) unless told."""

    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        abstract = True


class MeetingDayFactory(InDefaultLocaleFactory):
    title = "Journée ConneXionS"
    date = datetime.date(2024, 6, 14)
    place = "Abbaye de Fontevraud"

    class Meta:
        model = MeetingDay


class SpeakerFactory(InDefaultLocaleFactory):
    name = "Claire Martin"
    role = "Architecte"
    organisation = "CAUE"

    class Meta:
        model = Speaker


class ReplayPageFactory(PageFactory):
    """A replay of a meeting day with `related` chapters and speakers."""

    title = "Transmettre les savoir-faire"
    slug = "replay"
    meeting_day = factory.SubFactory(MeetingDayFactory)
    video_url = "https://www.youtube.com/watch?v=abcdefghijk"
    duration = datetime.timedelta(hours=1, minutes=5)
    transcript = "<p>Bonjour à toutes et à tous.</p>"
    speakers = factory.LazyAttribute(
        lambda page: [
            ReplaySpeaker(speaker=SpeakerFactory(name=f"Intervenant {n}", locale=page.meeting_day.locale))
            for n in range(page.related)
        ]
    )
    chapters = factory.LazyAttribute(
        lambda page: [
            ReplayChapter(time_code=f"{n}:{n % 60:02d}", title=f"Chapitre {n}") for n in range(page.related)
        ]
    )

    class Meta:
        model = ReplayPage

    class Params:
        related = 1


def know_how_index(home_page):
    return KnowHowIndexPageFactory(parent=home_page)


def label_index(home_page):
    return LabelIndexPageFactory(parent=home_page)


def replay_index(home_page):
    return ReplayIndexPageFactory(parent=home_page)


def know_how(parent, **fields):
    return KnowHowPageFactory(parent=parent, **fields)


def label(parent, requirements=1, **fields):
    return LabelPageFactory(parent=parent, rules=requirements, **fields)


def meeting_day(locale, **fields):
    return MeetingDayFactory(locale=locale, **fields)


def replay(parent, day, **fields):
    return ReplayPageFactory(parent=parent, meeting_day=day, **fields)
