"""Where the sector action plan stands, per issue, from what its tracks say and link to: the
tracks by status, their indicators (the share of each target reached), and the workshops and
projects carrying them with their stage. Two queries, whatever the size of the plan."""

from collections import Counter
from dataclasses import dataclass, field

from core.visibility import visible

from .models import ProjectPage, Stage
from .models.plan import TrackStatus


@dataclass
class TrackView:
    value: dict
    status_label: str
    projects: list = field(default_factory=list)
    indicators: list = field(default_factory=list)


@dataclass
class IssueView:
    number: int
    value: dict
    tracks: list
    by_status: list  # [(status label, count)], in the order of the statuses
    done: int
    total: int
    projects_closed: int
    projects_total: int

    @property
    def keywords(self) -> list[str]:
        return [word.strip() for word in (self.value["keywords"] or "").split(",") if word.strip()]

    @property
    def percent_done(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def indicator_view(indicator) -> dict:
    target, value = indicator["target"], indicator["value"]
    share = None
    if target and value is not None:
        share = max(0, min(100, round(100 * value / target)))
    return {**dict(indicator), "share": share}


def plan_progress(plan) -> list[IssueView]:
    # The project pages the tracks name (loaded with the plan's blocks, in one query), as
    # visitors may see them, in the plan's language.
    keys = {
        project.pk: project.translation_key
        for issue in plan.issues
        for track in issue.value["tracks"]
        for project in track["projects"]
        if project is not None
    }
    shown = (
        {
            project.translation_key: project
            for project in visible(ProjectPage.objects, plan.locale_id).filter(
                translation_key__in=keys.values()
            )
        }
        if keys
        else {}
    )
    issues = []
    for number, issue in enumerate(plan.issues, start=1):
        tracks, statuses, closed, total_projects = [], Counter(), 0, 0
        for track in issue.value["tracks"]:
            projects = [
                shown[keys[project.pk]]
                for project in track["projects"]
                if project is not None and keys.get(project.pk) in shown
            ]
            total_projects += len(projects)
            closed += sum(1 for project in projects if project.stage in (Stage.REPORTED, Stage.CLOSED))
            statuses[track["status"]] += 1
            tracks.append(
                TrackView(
                    value=track,
                    status_label=str(TrackStatus.LABELS.get(track["status"], track["status"])),
                    projects=projects,
                    indicators=[indicator_view(indicator) for indicator in track["indicators"]],
                )
            )
        issues.append(
            IssueView(
                number=number,
                value=issue.value,
                tracks=tracks,
                by_status=[
                    (str(label), statuses[code]) for code, label in TrackStatus.CHOICES if statuses[code]
                ],
                done=statuses[TrackStatus.DONE],
                total=len(tracks) - statuses[TrackStatus.ABANDONED],
                projects_closed=closed,
                projects_total=total_projects,
            )
        )
    return issues
