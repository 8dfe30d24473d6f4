"""Benchmarks (`make bench`): what production runs (DEBUG off, so no query log and cached,
non-debug templates), without production's HTTPS redirects and required secrets."""

from .base import *  # noqa: F403

DEBUG = False
