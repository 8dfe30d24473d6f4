"""Builds the French demo site from fixtures/. Idempotent: a second run changes nothing."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Each step is a function returning how many things it created, run in this order (later ones
# link to earlier ones); the English translation comes last, once the French tree is complete.
DEMO_BUILDERS = [
    "home.demo:build",
    "knowledge.demo:build",
    "trades.demo:build",
    "actors.demo:build",
    "home.demo:feature_trades",
    "home.demo_english:build",
]


class Command(BaseCommand):
    help = "Builds the demo site from fixtures/ (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            for step in DEMO_BUILDERS:
                module_name, function_name = step.split(":")
                created = getattr(import_module(module_name), function_name)()
                self.stdout.write(f"{step}: {created} created")
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
