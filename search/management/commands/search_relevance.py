"""Prints the relevance report of the current database (``search/relevance.toml``)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from search.relevance import RELEVANCE_SET, load_cases, run_relevance


class Command(BaseCommand):
    help = "Runs the relevance set and prints the share of queries finding their page, and the misses."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=RELEVANCE_SET, help="The relevance set (TOML).")
        parser.add_argument(
            "--minimum", type=float, default=None, help="Fail when the share (per cent) is below this."
        )

    def handle(self, **options):
        report = run_relevance(load_cases(options["file"]))
        for line in report.lines():
            self.stdout.write(line)
        if options["minimum"] is not None and report.share < options["minimum"]:
            raise CommandError(f"The relevance share {report.share:.1f} % is below {options['minimum']} %.")
