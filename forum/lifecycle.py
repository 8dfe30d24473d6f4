"""The steps of a workshop's or project's lifecycle, who may take each, and what each needs.

proposed → validated by the board (date, referent named) → call for participation (a deadline;
the referent is told of each volunteer) → group formed → framing meeting → under way →
reported back → closed. One step at a time, forwards only. The board (permission
``forum.validate_project``, the « Bureau » group) validates and closes; the staff running the
work (``forum.run_project``) takes the steps between. ``take_step`` is the only code that moves
a stage: it records the step and sets the stage of the page in every language.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.generation import content_changed

from .models import ProjectPage, ProjectStep, Stage
from .models.projects import STAGE_ORDER

BOARD_PERMISSION = "forum.validate_project"
RUN_PERMISSION = "forum.run_project"


class StepRefusedError(Exception):
    """The step cannot be taken now: ``reasons`` say why, in the editor's words."""

    def __init__(self, reasons):
        super().__init__("; ".join(str(reason) for reason in reasons))
        self.reasons = [str(reason) for reason in reasons]


def _needs_referent(page):
    if not (page.referent_name and page.referent_email):
        yield _("Name the referent and give their address in the sheet first.")


def _needs_call(page, on):
    if page.call_deadline is None:
        yield _("Give the call's closing date in the sheet first.")
    elif page.call_deadline < on:
        yield _("The call's closing date is already past.")


def _needs_group(page):
    if not page.members.exists() and not page.member_structures.exists():
        yield _("Name the group's members or member structures in the sheet first.")


def _needs_framing(page):
    if not page.meetings.exists():
        yield _("Link the framing meeting (an event of the agenda) in the sheet first.")


def _needs_work_plan(page):
    if not page.objectives.exists():
        yield _("Write the objectives fixed at the framing meeting first.")
    if not page.deliverables.exists():
        yield _("List the deliverables fixed at the framing meeting first.")


def _needs_restitution(page):
    if not (page.restitution or page.restitution_documents or page.replay_id):
        yield _("Write the restitution, or add its documents or replay, first.")


@dataclass(frozen=True)
class Step:
    to: str
    permission: str
    label: str

    def missing(self, page, on: date) -> list:
        checks = {
            Stage.VALIDATED: lambda: _needs_referent(page),
            Stage.CALL: lambda: _needs_call(page, on),
            Stage.GROUP_FORMED: lambda: _needs_group(page),
            Stage.FRAMING: lambda: _needs_framing(page),
            Stage.UNDER_WAY: lambda: _needs_work_plan(page),
            Stage.REPORTED: lambda: _needs_restitution(page),
        }
        check = checks.get(self.to)
        return list(check()) if check else []


STEPS = {
    Stage.VALIDATED: Step(Stage.VALIDATED, BOARD_PERMISSION, _("Validate (the board)")),
    Stage.CALL: Step(Stage.CALL, RUN_PERMISSION, _("Open the call for participation")),
    Stage.GROUP_FORMED: Step(Stage.GROUP_FORMED, RUN_PERMISSION, _("The group is formed")),
    Stage.FRAMING: Step(Stage.FRAMING, RUN_PERMISSION, _("The framing meeting took place")),
    Stage.UNDER_WAY: Step(Stage.UNDER_WAY, RUN_PERMISSION, _("The work is under way")),
    Stage.REPORTED: Step(Stage.REPORTED, RUN_PERMISSION, _("The group reported back")),
    Stage.CLOSED: Step(Stage.CLOSED, BOARD_PERMISSION, _("Close (the board)")),
}


def next_step(page) -> Step | None:
    position = STAGE_ORDER.index(page.stage)
    return STEPS[STAGE_ORDER[position + 1]] if position + 1 < len(STAGE_ORDER) else None


def may_take(user, step: Step) -> bool:
    return bool(user and user.is_active and user.has_perm(step.permission))


def take_step(page: ProjectPage, to: str, user, on: date | None = None, note: str = "") -> ProjectStep:
    """Move ``page`` (and its translations) to stage ``to``, the next one, for ``user``; raises
    StepRefusedError, with every reason, when the step cannot be taken."""
    on = on or timezone.localdate()
    step = next_step(page)
    if step is None or step.to != to:
        raise StepRefusedError([_("This step does not follow the current stage.")])
    if not may_take(user, step):
        raise StepRefusedError([_("You are not allowed to take this step.")])
    reasons = step.missing(page, on)
    if reasons:
        raise StepRefusedError(reasons)
    with transaction.atomic():
        # Locks the page's rows: two people taking the same step at once record it once.
        stages = set(
            ProjectPage.objects.select_for_update()
            .filter(translation_key=page.translation_key)
            .values_list("stage", flat=True)
        )
        if stages != {page.stage}:
            raise StepRefusedError([_("Someone else moved this work meanwhile: reload the page.")])
        ProjectPage.objects.filter(translation_key=page.translation_key).update(stage=to, stage_changed_on=on)
        recorded = ProjectStep.objects.create(
            translation_key=page.translation_key, stage=to, taken_on=on, taken_by=user, note=note
        )
        content_changed()
    page.stage, page.stage_changed_on = to, on
    return recorded
