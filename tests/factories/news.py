"""factory_boy factories for the news, programmes and newsletter (wagtail-factories for pages)."""

import datetime

import factory
from django.utils import timezone

from news.models import NewsIndexPage, NewsItemPage, ProgrammeCall, ProgrammeIndexPage, ProgrammePage

from . import IndexPageFactory, PageFactory, publish_revision


class NewsIndexPageFactory(IndexPageFactory):
    title = "Actualités"
    slug = "actualites"
    summary = "Les nouvelles du réseau et de la filière."

    class Meta:
        model = NewsIndexPage


class NewsItemPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Nouvelle numéro {n}")
    slug = factory.Sequence(lambda n: f"nouvelle-{n}")
    summary = "Ce qu'il faut en retenir."
    kind = NewsItemPage.Kind.ARTICLE
    scope = NewsItemPage.Scope.REGIONAL
    date = factory.LazyFunction(timezone.localdate)

    class Meta:
        model = NewsItemPage


def news_index(home_page, **fields):
    return NewsIndexPageFactory(parent=home_page, revision=True, **fields)


def news_item(index, days_ago=0, **fields):
    fields.setdefault("date", timezone.localdate() - datetime.timedelta(days=days_ago))
    return NewsItemPageFactory(parent=index, revision=True, **fields)


def watch_item(index, days_ago=0, **fields):
    fields = {
        "kind": NewsItemPage.Kind.WATCH,
        "source_name": "Ministère de la Culture",
        "source_url": "https://www.culture.gouv.fr/actualites/exemple",
        "scope": NewsItemPage.Scope.NATIONAL,
        **fields,
    }
    return news_item(index, days_ago=days_ago, **fields)


class ProgrammeIndexPageFactory(IndexPageFactory):
    title = "Accompagnement"
    slug = "accompagnement"

    class Meta:
        model = ProgrammeIndexPage


class ProgrammePageFactory(PageFactory):
    title = "TRAJET"
    slug = "trajet"
    summary = "Des mois d'incubation pour un projet culturel."
    offer = "<p>Formations, journées thématiques et entretiens individuels.</p>"
    eligibility = "<p>Les projets culturels installés en Pays de la Loire.</p>"
    format_description = "<p>Plusieurs mois, en groupe et en individuel.</p>"
    length = "8 mois"
    contact_email = "contact@example.org"

    class Meta:
        model = ProgrammePage


def programme_index(home_page, **fields):
    return ProgrammeIndexPageFactory(parent=home_page, revision=True, **fields)


def call(opens_in_days, closes_in_days, title="Promotion 2027", **fields):
    today = timezone.localdate()
    return ProgrammeCall(
        title=title,
        opens_on=today + datetime.timedelta(days=opens_in_days),
        closes_on=today + datetime.timedelta(days=closes_in_days),
        **fields,
    )


def programme(index, calls=(), networks=(), **fields):
    page = ProgrammePageFactory.build(**fields)
    page.calls = list(calls)
    page.networks.set(list(networks))
    return publish_revision(index, page)
