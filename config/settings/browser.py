"""The server the browser tests and `make screenshots` drive: the test settings, served for real.

WhiteNoise serves static files straight from the finders (no collectstatic step), and media go to
a directory on disk (the test settings' in-memory storage would not outlive one process).
"""

from .test import *  # noqa: F403

WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
