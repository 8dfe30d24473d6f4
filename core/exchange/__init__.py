"""Spreadsheet exchange of content: CSV and XLSX files read into rows, checked as a whole, written
in one transaction or not at all; the same columns exported.

- ``files``: bytes to rows (CSV or XLSX), each with its line; errors of the file as a whole
  (``ImportFileError``), errors of a line (``RowError``), the outcome (``ImportResult``);
- ``widgets``: django-import-export widgets that read a cell into a model value with a message an
  editor understands, and write it back the same way;
- ``pages``: ``PageExchange``, the import and export of one Wagtail page type under its index,
  through a django-import-export ``Resource``; pages are published as revisions, only when a row
  changes something;
- ``registry``: the page types apps offer (the ``register_page_exchange`` hook).

The actors' directory (actors/exchange) reads its CSV files with ``files`` too.
"""
