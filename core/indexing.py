"""Muting the per-save search upkeep while a bulk job (the demo loader) writes many pages.

Each publish normally reindexes the page and rebuilds its facet rows; a bulk job mutes that and
rebuilds everything once at the end (``manage.py update_index``), which is far quicker.
"""

import contextlib
import threading

from django.conf import settings
from django.test.utils import override_settings

_state = threading.local()


def indexing_muted() -> bool:
    """True inside ``muted_indexing()``: signal handlers that keep the index up to date skip."""
    return getattr(_state, "muted", False)


@contextlib.contextmanager
def muted_indexing():
    """Search handlers (ours check ``indexing_muted()``, Wagtail's honour ``AUTO_UPDATE``) do
    nothing inside; the caller rebuilds the index and facets afterwards."""
    backends = getattr(settings, "WAGTAILSEARCH_BACKENDS", {"default": {}})
    quiet_backends = {name: {**options, "AUTO_UPDATE": False} for name, options in backends.items()}
    was_muted = indexing_muted()
    _state.muted = True
    try:
        with override_settings(WAGTAILSEARCH_BACKENDS=quiet_backends):
            yield
    finally:
        _state.muted = was_muted
