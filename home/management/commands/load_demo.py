"""Builds the French demo site from fixtures/. Idempotent: a second run changes nothing.

The per-publish search upkeep is muted while the pages are written; the full-text index and the
facets are rebuilt once at the end (``update_index``), which is much quicker.
"""

from importlib import import_module

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from core.indexing import muted_indexing

# Each app's demo module has build(stdout) and is run in this order (later ones link to earlier).
DEMO_BUILDERS = [
    "home.demo",
    "knowledge.demo",
    "trades.demo",
    "actors.demo",
    "knowledge.demo_links",
    "home.demo_english",
]


class Command(BaseCommand):
    help = "Builds the demo site from fixtures/ (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            with muted_indexing():
                for module_name in DEMO_BUILDERS:
                    created = import_module(module_name).build()
                    self.stdout.write(f"{module_name}: {created} created")
            call_command("update_index", verbosity=0, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
