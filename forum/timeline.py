"""A workshop's or project's timeline, read from the data, never typed: where it came from (its
topics, the meeting days whose programme took them up), each step of its lifecycle, its
meetings, its deliverables and its restitution.

The meeting days are found through Wagtail's reference index: an event's programme session
links to the topics it takes up (agenda.ProgrammeItemBlock.topics), and Wagtail records each
such link when the event is saved. A fixed number of queries, whatever the number of entries.
"""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import ReferenceIndex

from agenda.models import EventPage
from core.translation import linked_pages
from core.visibility import visible

from .models import ProjectStep, Stage, TopicPage


@dataclass(frozen=True)
class Entry:
    day: datetime.date
    kind: str  # a CSS-friendly word: topic, discussed, step, meeting, deliverable, restitution
    label: str
    title: str = ""
    url: str = ""
    upcoming: bool = False


def _day(value) -> datetime.date:
    return timezone.localtime(value).date() if isinstance(value, datetime.datetime) else value


def events_discussing(topics) -> list:
    """The visible events (in the topics' locale) whose programme links to one of ``topics``."""
    keys = [topic.translation_key for topic in topics]
    if not keys:
        return []
    # One query: the topics in every language, the events linking to them, their translations.
    topic_ids = (
        TopicPage.objects.filter(translation_key__in=keys)
        .annotate(id_text=Cast("pk", CharField()))
        .values("id_text")
    )
    event_ids = (
        ReferenceIndex.objects.filter(
            content_type=ContentType.objects.get_for_model(EventPage),
            to_object_id__in=topic_ids,
            model_path__startswith="programme",
        )
        .annotate(id_number=Cast("object_id", IntegerField()))
        .values("id_number")
    )
    source_keys = EventPage.objects.filter(pk__in=event_ids).values("translation_key")
    return list(
        visible(EventPage.objects, topics[0].locale_id)
        .filter(translation_key__in=source_keys)
        .order_by("start")
    )


def step_label(step: ProjectStep, page) -> str:
    labels = {
        Stage.VALIDATED: _("Validated by the board; referent: %(referent)s"),
        Stage.CALL: _("Call for participation opened, until %(deadline)s"),
        Stage.GROUP_FORMED: _("Group formed"),
        Stage.FRAMING: _("Framing meeting: objectives, deliverables and calendar fixed"),
        Stage.UNDER_WAY: _("Work under way"),
        Stage.REPORTED: _("Reported back to the members"),
        Stage.CLOSED: _("Closed"),
    }
    deadline = page.call_deadline.strftime("%d/%m/%Y") if page.call_deadline else "—"
    return str(labels.get(step.stage, step.get_stage_display())) % {
        "referent": page.referent_name or "—",
        "deadline": deadline,
    }


def timeline(page) -> list[Entry]:
    today = timezone.localdate()
    entries = []
    topics = list(linked_pages(page.topics, page.locale_id))
    for topic in topics:
        entries.append(
            Entry(topic.proposed_on, "topic", str(_("Topic raised in the forum")), topic.title, topic.url)
        )
    for event in events_discussing(topics):
        day = _day(event.start)
        entries.append(
            Entry(day, "discussed", str(_("Discussed at a meeting day")), event.title, event.url, day > today)
        )
    for step in ProjectStep.objects.filter(translation_key=page.translation_key):
        entries.append(Entry(step.taken_on, "step", step_label(step, page)))
    for meeting in linked_pages(page.meetings, page.locale_id):
        day = _day(meeting.start)
        entries.append(
            Entry(day, "meeting", str(_("Meeting of the group")), meeting.title, meeting.url, day > today)
        )
    for deliverable in page.deliverables.all():
        if deliverable.delivered_on:
            entries.append(
                Entry(
                    deliverable.delivered_on,
                    "deliverable",
                    str(_("Deliverable delivered")),
                    deliverable.title,
                    deliverable.link,
                )
            )
        elif deliverable.due_on:
            entries.append(
                Entry(
                    deliverable.due_on,
                    "deliverable",
                    str(_("Deliverable due")),
                    deliverable.title,
                    deliverable.link,
                    deliverable.due_on > today,
                )
            )
    if page.restitution_on:
        entries.append(
            Entry(
                page.restitution_on, "restitution", str(_("Restitution")), "", "", page.restitution_on > today
            )
        )
    return sorted(entries, key=lambda entry: entry.day)
