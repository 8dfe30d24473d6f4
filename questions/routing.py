"""Who could answer a question: the routing suggestion the coordinator chooses from.

A person is suggested when they are active and not away, share at least one theme with the
question (domains and materials by slug, labels and trades by page, whatever the language), and
cover its department (or the whole region). The best first: most themes shared, then the least
busy (fewest questions in hand), then by name. The coordinator may still choose anyone.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from .models import Assignment, Question, ResourcePerson


@dataclass
class Suggestion:
    person: ResourcePerson
    shared: list[str] = field(default_factory=list)  # the themes in common, by name
    in_hand: int = 0  # questions they hold now

    @property
    def score(self) -> int:
        return len(self.shared)


def _keys(question_or_person) -> dict[tuple[str, str], str]:
    """{(kind, key): name} of the themes, comparable across languages."""
    keys = {}
    for term in question_or_person.domains.all():
        keys[("domain", term.slug)] = term.name
    for term in question_or_person.materials.all():
        keys[("material", term.slug)] = term.name
    for page in question_or_person.labels.all():
        keys[("label", str(page.translation_key))] = page.title
    for page in question_or_person.trades.all():
        keys[("trade", str(page.translation_key))] = page.title
    return keys


THEMES = ("domains", "materials", "labels", "trades")


def suggest_persons(question: Question, on=None) -> list[Suggestion]:
    on = on or timezone.localdate()
    wanted = _keys(question)
    if not wanted:
        return []
    already = question.assignments.values_list("person_id", flat=True)
    persons = (
        ResourcePerson.objects.filter(active=True)
        .filter(Q(away_until__isnull=True) | Q(away_until__lt=on))
        .exclude(pk__in=already)
        .annotate(in_hand=Count("assignments", filter=Q(assignments__status__in=Assignment.OPEN)))
        .prefetch_related(*THEMES, "departments")
    )
    department_slug = question.department.slug if question.department_id else None
    suggestions = []
    for person in persons:
        covered = {department.slug for department in person.departments.all()}
        if covered and department_slug and department_slug not in covered:
            continue
        shared = [name for key, name in _keys(person).items() if key in wanted]
        if shared:
            suggestions.append(Suggestion(person, sorted(shared), person.in_hand))
    suggestions.sort(key=lambda s: (-s.score, s.in_hand, s.person.name))
    return suggestions
