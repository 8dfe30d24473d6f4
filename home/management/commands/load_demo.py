"""Builds the French demo site from fixtures/. Idempotent: a second run changes nothing.

The per-publish search upkeep is muted while the pages are written; the full-text index and the
facets are rebuilt once at the end (``update_index``), which is much quicker.
"""

from importlib import import_module

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from core.indexing import muted_indexing

# Each step is a function returning how many things it created, run in this order (later ones
# link to earlier ones); the English translation comes last, once the French tree is complete.
DEMO_BUILDERS = [
    "home.demo:build",
    "knowledge.demo:build",
    "trades.demo:build",
    "actors.demo:build",
    "questions.demo:build",
    "search.demo:build",
    "agenda.demo:build",
    "news.demo:build",
    "news.demo:build_newsletter",
    "forum.demo:build",
    "home.demo:feature_trades",
    "home.demo:attach_pictures",
    "home.demo_english:build",
]


class Command(BaseCommand):
    help = "Builds the demo site from fixtures/ (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            with muted_indexing():
                for step in DEMO_BUILDERS:
                    module_name, function_name = step.split(":")
                    created = getattr(import_module(module_name), function_name)()
                    self.stdout.write(f"{step}: {created} created")
            call_command("update_index", verbosity=0, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
