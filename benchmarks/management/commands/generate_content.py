"""Generates a realistic corpus of N pages over every searchable type (for benchmarks)."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from tqdm import tqdm
from wagtail.models import Locale, Site

from benchmarks.corpus import CorpusBuilder, clear_generated
from search.indexing import rebuild_facets


def _without_auto_update(backends):
    # Pages are indexed in bulk at the end, not one by one as they are saved.
    return {alias: {**params, "AUTO_UPDATE": False} for alias, params in backends.items()}


class Command(BaseCommand):
    help = "Generates N pages (trades, know-how, labels, offers, replays, plain pages) and indexes them."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000, help="How many pages to add.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (same seed, same corpus).")
        parser.add_argument("--clear", action="store_true", help="First delete pages generated before.")
        parser.add_argument("--no-index", action="store_true", help="Do not rebuild the index at the end.")

    def handle(self, *args, count, seed, clear, no_index, **options):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("No default site: run `manage.py load_demo` first.")
        home = site.root_page.specific
        if not Locale.objects.filter(pk=home.locale_id).exists():
            raise CommandError("The site's home page has no locale.")
        with override_settings(WAGTAILSEARCH_BACKENDS=_without_auto_update(settings.WAGTAILSEARCH_BACKENDS)):
            if clear:
                self.stdout.write(f"Deleted {clear_generated()} generated pages.")
            with transaction.atomic(), tqdm(total=count, unit="page", disable=count < 50) as progress:
                CorpusBuilder(home, seed=seed).build(count, progress=progress)
        if not no_index:
            call_command("update_index", verbosity=0)
        else:
            rebuild_facets()
        self.stdout.write(self.style.SUCCESS(f"{count} pages generated."))
