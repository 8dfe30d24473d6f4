"""The board's one action on a topic: keep it for later, merge it into another, or turn it into
a workshop or a project sheet that carries its text and links.

The decision is written on the topic in every language at once (its translations share it);
a conversion makes a draft sheet below the index of workshops and projects, linked to the topic
(the sheet's timeline starts there), with the topic's title, problem, themes and departments.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext_lazy as _

from core.generation import content_changed

from .models import ProjectIndexPage, ProjectPage, TopicPage
from .moderation import unique_slug

DECIDE_PERMISSION = "forum.decide_topic"


class DecisionRefusedError(Exception):
    pass


@dataclass
class Decision:
    outcome: str
    topic: TopicPage
    project: ProjectPage | None = None


def _record(topic: TopicPage, outcome: str, note: str, merged_into=None) -> None:
    TopicPage.objects.filter(translation_key=topic.translation_key).update(
        outcome=outcome,
        merged_into=merged_into,
        decided_on=timezone.localdate(),
        decision_note=note,
    )
    topic.outcome, topic.merged_into, topic.decision_note = outcome, merged_into, note
    topic.decided_on = timezone.localdate()
    content_changed()


def check_allowed(user, topic: TopicPage) -> None:
    if not (user and user.is_active and user.has_perm(DECIDE_PERMISSION)):
        raise DecisionRefusedError(_("Only the board decides what becomes of a topic."))
    if topic.outcome != TopicPage.Outcome.OPEN:
        raise DecisionRefusedError(_("The board has already decided what becomes of this topic."))
    if not topic.live:
        raise DecisionRefusedError(_("Publish the topic first: the board decides on published topics."))


def keep_for_later(topic: TopicPage, user, note: str = "") -> Decision:
    check_allowed(user, topic)
    with transaction.atomic():
        _record(topic, TopicPage.Outcome.KEPT, note)
    return Decision(TopicPage.Outcome.KEPT, topic)


def merge(topic: TopicPage, into: TopicPage, user, note: str = "") -> Decision:
    check_allowed(user, topic)
    if into.translation_key == topic.translation_key:
        raise DecisionRefusedError(_("A topic cannot be merged into itself."))
    if into.outcome == TopicPage.Outcome.MERGED:
        raise DecisionRefusedError(_("That topic was itself merged: choose the one it was merged into."))
    with transaction.atomic():
        _record(topic, TopicPage.Outcome.MERGED, note, merged_into=into)
    return Decision(TopicPage.Outcome.MERGED, topic)


def convert(topic: TopicPage, kind: str, index: ProjectIndexPage, user, note: str = "") -> Decision:
    """A draft sheet of ``kind`` below ``index`` carrying the topic; the topic says so."""
    check_allowed(user, topic)
    if kind not in ProjectPage.Kind.values:
        raise DecisionRefusedError(_("Choose a workshop or a project."))
    problem = linebreaks(escape(topic.problem))
    if topic.why_it_matters:
        problem += linebreaks(escape(topic.why_it_matters))
    with transaction.atomic():
        project = ProjectPage(
            title=topic.title,
            slug=unique_slug(index, topic.title),
            locale_id=index.locale_id,
            kind=kind,
            summary=topic.summary,
            problem=problem,
            live=False,
        )
        project.topics.set([topic])
        project.themes.set(list(topic.themes.all()))
        project.departments.set(list(topic.departments.all()))
        index.add_child(instance=project)
        project.save_revision(user=user)
        _record(topic, TopicPage.Outcome.CONVERTED, note)
    return Decision(TopicPage.Outcome.CONVERTED, topic, project)
