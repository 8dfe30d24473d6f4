"""Production: configured by environment variables only.

Served over HTTPS behind a load balancer or reverse proxy that sets X-Forwarded-Proto (and strips
it from clients). `manage.py check --deploy` passes with no warning (tested in config/tests).

Trusted proxies: the login and page-password rate limits count failures per client address. By
default no proxy is trusted: the address is the connection's and X-Forwarded-For is ignored,
right when gunicorn faces the internet. Behind a reverse proxy that overwrites X-Forwarded-For,
set TRUSTED_PROXIES to its address or network (comma-separated, e.g. 172.28.0.10), or, when the
addresses change, TRUSTED_PROXY_COUNT to the number of proxies in front. Without either, every
visitor behind a proxy shares the proxy's address (and its lockouts). site/deploy/README.md.

Error reporting: ADMINS ("Name <address>, ...") mails every server error (with SERVER_EMAIL and
EMAIL_HOST...); SENTRY_DSN sends them to Sentry (no personal data). The 500 page says the team
was told only when one of them is on.
"""

import os

import sentry_sdk
from django.core.exceptions import ImproperlyConfigured

from config.email_url import email_settings

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS only: redirect, HSTS (a year, subdomains, preload list), cookies sent over HTTPS only.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True
ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True

# The rate limits count failures per client address (core/client_address.py). Behind a reverse
# proxy, name it: TRUSTED_PROXIES=<its address or network> or TRUSTED_PROXY_COUNT=<how many>;
# by default no proxy is trusted and a forged X-Forwarded-For is ignored. BEHIND_PROXY, which
# trusted any X-Forwarded-For, is gone: refuse it rather than silently change its meaning.
if "BEHIND_PROXY" in os.environ:
    raise ImproperlyConfigured(
        "BEHIND_PROXY is no longer read: set TRUSTED_PROXIES (the reverse proxies' addresses) or "
        "TRUSTED_PROXY_COUNT (how many proxies stand in front of the app); see site/deploy/README.md."
    )

# Mail (the site's own and the error reports; ADMINS and SERVER_EMAIL: config/settings/base.py):
# EMAIL_URL (config/email_url.py: smtp://, submission://, smtps://) or, when it is not set, the
# separate EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD and EMAIL_USE_TLS.
if os.environ.get("EMAIL_URL"):
    globals().update(email_settings(os.environ["EMAIL_URL"]))
else:
    EMAIL_HOST = os.environ.get("EMAIL_HOST") or "localhost"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT") or "25")
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
    EMAIL_TIMEOUT = 30

# Background tasks (mail, notifications) wait in the database for `manage.py db_worker`, run by
# the deployment next to the app (site/deploy); finished ones are pruned by the hourly timer.
INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
TIMER_COMMANDS = [*TIMER_COMMANDS, ("prune_db_task_results", "--min-age-days=14")]
# Sentry, when SENTRY_DSN is set: errors only (no performance tracing), and no personal data
# (no cookies, user, IP address or request body).
if os.environ.get("SENTRY_DSN"):
    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        traces_sample_rate=0.0,
    )
