from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    """A generated corpus of every page type, and ``make bench``: on top, it may use every app."""

    name = "benchmarks"
    verbose_name = "Benchmarks"
