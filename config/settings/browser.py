"""The server the browser tests and `make screenshots` drive: the test settings, served for real.

WhiteNoise serves static files straight from the finders (no collectstatic step), and media go to
a directory on disk (the test settings' in-memory storage would not outlive one process); mail
goes to EMAIL_URL when it is set.
"""

import os

from config.email_url import email_settings

from .test import *  # noqa: F403

# The browser tests' SMTP server (tests/browser/conftest.py), so that a journey reads its mail.
if os.environ.get("EMAIL_URL"):
    globals().update(email_settings(os.environ["EMAIL_URL"]))

WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
