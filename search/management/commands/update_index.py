"""Wagtail's ``update_index``, followed by the rebuild of the search facets table.

This app comes before ``wagtail.search`` in INSTALLED_APPS, so this command is the one
``manage.py update_index`` runs: one command keeps the full-text index and the facets in step.
"""

from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex

from search.indexing import rebuild_facets


class Command(WagtailUpdateIndex):
    help = WagtailUpdateIndex.help + " Then rebuilds the search facets."

    def handle(self, **options):
        super().handle(**options)
        total = rebuild_facets()
        self.stdout.write(f"facets: {total} values")
