"""Search backends tuned for French: ``search.backends.database`` and ``search.backends.elasticsearch``."""
