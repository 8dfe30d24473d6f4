"""The relevance set (``search/relevance.toml``): queries visitors type, and the page each should
find among the first results. ``manage.py search_relevance`` prints the report on the current
database; the tests run it on the demo, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Site

from .service import run_search

RELEVANCE_SET = Path(__file__).with_name("relevance.toml")
# The expected page must be among this many first results.
FIRST_RESULTS = 3


@dataclass(frozen=True)
class Case:
    query: str
    expected: str  # the title of the page wanted
    within: int = FIRST_RESULTS  # among the first this many results (1: first)


@dataclass
class Miss:
    case: Case
    found: list[str]  # the titles of the first results


@dataclass
class RelevanceReport:
    cases: list[Case]
    misses: list[Miss] = field(default_factory=list)

    @property
    def found(self) -> int:
        return len(self.cases) - len(self.misses)

    @property
    def share(self) -> float:
        """The share of cases whose page is found, in per cent."""
        return 100.0 * self.found / len(self.cases) if self.cases else 100.0

    def lines(self) -> list[str]:
        lines = [
            f"Relevance: {self.found} of {len(self.cases)} queries ({self.share:.1f} %) find the "
            f"expected page in the first {FIRST_RESULTS} results."
        ]
        for miss in self.misses:
            found = " | ".join(miss.found) if miss.found else "nothing"
            wanted = "first" if miss.case.within == 1 else f"in the first {miss.case.within}"
            lines.append(
                f"  miss: « {miss.case.query} » wants « {miss.case.expected} » {wanted}; first: {found}"
            )
        return lines


def load_cases(path: Path = RELEVANCE_SET) -> list[Case]:
    with open(path, "rb") as data:
        return [
            Case(entry["query"], entry["expected"], entry.get("within", FIRST_RESULTS))
            for entry in tomllib.load(data)["case"]
        ]


def run_relevance(cases: list[Case], language: str = "fr") -> RelevanceReport:
    """Searches every case the way a visitor of the default site does, in ``language``."""
    site = Site.objects.filter(is_default_site=True).first()
    host = site.hostname if site else "localhost"
    report = RelevanceReport(cases)
    with translation.override(language):
        for case in cases:
            request = RequestFactory().get("/", {"q": case.query}, HTTP_HOST=host)
            outcome = run_search(request, request.GET)
            titles = [result.title for result in outcome.results[: max(case.within, FIRST_RESULTS)]]
            if case.expected not in titles[: case.within]:
                report.misses.append(Miss(case, titles))
    return report
