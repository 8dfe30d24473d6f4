"""Writes the demo's French source strings that fixtures/demo/english.po does not translate yet.

    python manage.py demo_english_strings missing.po

A PO file with an empty msgstr for each string (the msgid exactly as wagtail-localize stores it,
inline tags of rich text included), a comment naming where it is used; once translated, its
entries go into english.po and ``load_demo`` applies them. Run it on a database holding the demo.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from home.demo_english import missing_strings, read_texts


class Command(BaseCommand):
    help = "Writes the demo's French strings not yet in fixtures/demo/english.po, as a PO file."

    def add_arguments(self, parser):
        parser.add_argument("output", help="the PO file to write")
        parser.add_argument("--texts", help="the PO file of the translations known (english.po by default)")

    def handle(self, *args, **options):
        texts_path = Path(options["texts"]) if options["texts"] else None
        if texts_path is not None and not texts_path.exists():
            raise CommandError(f"{texts_path} does not exist.")
        po = missing_strings(read_texts(texts_path))
        po.save(options["output"])
        self.stdout.write(f"{len(po)} strings to translate written to {options['output']}.")
