"""Small builders for knowledge pages in tests: each takes how many related items to attach."""

import datetime
import json
import re
from html.parser import HTMLParser

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
from trades.models import TradeIndexPage, TradeProfilePage


def publish(parent, page):
    """Adds a live page without a revision (faster than publishing one, and the same to visitors)."""
    page.live = True
    parent.add_child(instance=page)
    return page


def know_how_index(home_page):
    return publish(home_page, KnowHowIndexPage(title="Savoir-faire", slug="savoir-faire"))


def label_index(home_page):
    return publish(home_page, LabelIndexPage(title="Labels et protections", slug="labels"))


def replay_index(home_page):
    return publish(home_page, ReplayIndexPage(title="Replays", slug="replays"))


def trade_index(home_page):
    return publish(home_page, TradeIndexPage(title="Métiers", slug="metiers"))


def know_how(parent, slug="enduit-a-la-chaux", related=1, title="Enduit à la chaux"):
    """A know-how page with `related` sources, steps and tools."""
    return publish(
        parent,
        KnowHowPage(
            title=title,
            slug=slug,
            summary="Protéger un mur ancien en le laissant respirer.",
            technique=[("paragraph", "<p>La chaux laisse migrer la vapeur d'eau.</p>")],
            tools=[("item", f"Truelle n° {n}") for n in range(related)],
            steps=[("step", {"title": f"Étape {n}", "text": f"<p>Geste {n}.</p>"}) for n in range(related)],
            sources=[
                ("source", {"title": f"Source {n}", "author": "Auteur", "year": 2000 + n, "url": ""})
                for n in range(related)
            ],
            intangible_heritage="",
        ),
    )


def label(parent, slug="jardin-remarquable", title="Jardin remarquable", requirements=1):
    return publish(
        parent,
        LabelPage(
            title=title,
            slug=slug,
            kind=LabelPage.Kind.LABEL,
            awarding_body="Ministère de la Culture",
            awarding_body_url="https://www.culture.gouv.fr/",
            year_created=2004,
            who_may_apply="<p>Parcs et jardins ouverts au public.</p>",
            requirements=[("item", f"Exigence {n}") for n in range(requirements)],
            recommendations=[("item", f"Conseil {n}") for n in range(requirements)],
            validity="5 ans",
        ),
    )


def trades_linked_to(home_page, count, know_how_page=None, label_page=None, prefix="metier"):
    """`count` trade profiles naming the given know-how and/or label among their related content."""
    index = TradeIndexPage.objects.child_of(home_page).first() or trade_index(home_page)
    trades = []
    for n in range(count):
        trade = TradeProfilePage(
            title=f"Métier {prefix} {n}",
            slug=f"{prefix}-{n}",
            hook="Un métier du patrimoine.",
            what_the_work_is=[("paragraph", "<p>Le travail.</p>")],
        )
        if know_how_page:
            trade.related_know_how.set([know_how_page])
        if label_page:
            trade.related_labels.set([label_page])
        trades.append(publish(index, trade))
    return trades


def meeting_day(locale, title="Journée ConneXionS"):
    return MeetingDay.objects.create(
        title=title, date=datetime.date(2024, 6, 14), place="Abbaye de Fontevraud", locale=locale
    )


def replay(parent, day, slug="replay", related=1, video_url="https://www.youtube.com/watch?v=abcdefghijk"):
    """A replay with `related` chapters and speakers."""
    page = ReplayPage(
        title="Transmettre les savoir-faire",
        slug=slug,
        meeting_day=day,
        video_url=video_url,
        duration=datetime.timedelta(hours=1, minutes=5),
        transcript="<p>Bonjour à toutes et à tous.</p>",
    )
    for n in range(related):
        speaker = Speaker.objects.create(
            name=f"Intervenant {n}", role="Architecte", organisation="CAUE", locale=day.locale
        )
        page.speakers.add(ReplaySpeaker(speaker=speaker))
        page.chapters.add(ReplayChapter(time_code=f"{n}:{n % 60:02d}", title=f"Chapitre {n}"))
    return publish(parent, page)


class ResourceCollector(HTMLParser):
    """Collects every address the browser would fetch by itself while loading the page."""

    FETCHING_LINK_RELS = {"stylesheet", "preload", "modulepreload", "icon", "prefetch", "manifest"}

    def __init__(self):
        super().__init__()
        self.fetched = []
        self.tags = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append(tag)
        if tag in {"script", "img", "iframe", "audio", "video", "source", "embed", "track", "input"}:
            for name in ("src", "srcset", "poster"):
                if attributes.get(name):
                    self.fetched.append(attributes[name])
        if tag == "object" and attributes.get("data"):
            self.fetched.append(attributes["data"])
        if tag == "link" and set((attributes.get("rel") or "").split()) & self.FETCHING_LINK_RELS:
            self.fetched.append(attributes.get("href", ""))
        if attributes.get("style") and "url(" in attributes["style"]:
            self.fetched.append(attributes["style"])


def fetched_resources(html: str) -> ResourceCollector:
    collector = ResourceCollector()
    collector.feed(html)
    return collector


def json_ld_blocks(html: str) -> list[dict]:
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
