"""The desk's figures, which the board reads as the « agora » input: per month, how many
questions came and were answered, how long answers took, how many came in time; the themes
asked most. Counted in Python over the period's rows: a few hundred questions a year."""

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count
from django.utils import timezone

from .models import Question
from .working_days import working_days_between


@dataclass
class Month:
    month: date
    received: int = 0
    answered: int = 0
    in_time: int = 0
    days: list[int] | None = None

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.days) if self.days else None

    @property
    def share_in_time(self) -> int | None:
        """Percentage of the answers sent this month that were sent by the promised day."""
        return round(100 * self.in_time / self.answered) if self.answered else None


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def months_back(today: date, count: int) -> list[date]:
    months, month = [], first_of_month(today)
    for _ in range(count):
        months.append(month)
        month = first_of_month(month.replace(day=1) - timedelta(days=1))
    return months


def monthly(months: int = 12, today: date | None = None) -> list[Month]:
    today = today or timezone.localdate()
    keys = months_back(today, months)
    rows = {key: Month(key, days=[]) for key in keys}
    start = keys[-1]
    for received_at in Question.objects.filter(received_at__date__gte=start).values_list(
        "received_at", flat=True
    ):
        rows[first_of_month(timezone.localdate(received_at))].received += 1
    answered = Question.objects.filter(answer_sent_at__date__gte=start).values_list(
        "received_at", "answer_sent_at", "promised_on"
    )
    for received_at, sent_at, promised_on in answered:
        sent_on = timezone.localdate(sent_at)
        row = rows[first_of_month(sent_on)]
        row.answered += 1
        row.days.append(working_days_between(timezone.localdate(received_at), sent_on))
        row.in_time += bool(promised_on and sent_on <= promised_on)
    return [rows[key] for key in keys]


def by_status() -> list[tuple[str, int, int]]:
    """(label, count, late) for each status, in the order of the journey."""
    today = timezone.localdate()
    counts = dict(Question.objects.values_list("status").annotate(n=Count("pk")).order_by())
    late = dict(
        Question.objects.filter(due_on__lt=today).values_list("status").annotate(n=Count("pk")).order_by()
    )
    return [(label, counts.get(value, 0), late.get(value, 0)) for value, label in Question.Status.choices]


def top_themes(limit: int = 10, since: date | None = None) -> list[tuple[str, int]]:
    """The themes (domains, materials, labels, trades) of the questions received since `since`."""
    questions = Question.objects.all()
    if since:
        questions = questions.filter(received_at__date__gte=since)
    counter: Counter = Counter()
    for relation, name in (
        ("domains", "name"),
        ("materials", "name"),
        ("labels", "title"),
        ("trades", "title"),
    ):
        field = Question._meta.get_field(relation)
        rows = (
            field.remote_field.through.objects.filter(question__in=questions)
            .values_list(f"{field.m2m_reverse_field_name()}__{name}")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for theme, n in rows:
            counter[theme] += n
    return counter.most_common(limit)
