"""Mail settings from one EMAIL_URL, the way DATABASE_URL gives the database's.

    smtp://user:password@mail.example.org:25      plain SMTP (port 25 by default)
    smtp://...:587?tls=1  or  submission://...    STARTTLS (port 587 by default)
    smtps://user:password@mail.example.org        implicit TLS (port 465 by default)
    console://   locmem://   dummy://             Django's development backends

User and password are percent-decoded (an @ in a password is written %40). ``?timeout=10``
sets EMAIL_TIMEOUT (seconds; 30 by default, so that a stuck server cannot hold a worker).
"""

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
DEVELOPMENT_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
}
DEFAULT_PORTS = {"smtp": 25, "submission": 587, "smtps": 465}
TRUE_VALUES = {"1", "true", "yes", "on"}


def email_settings(url: str) -> dict:
    """The EMAIL_* settings an EMAIL_URL stands for; ImproperlyConfigured for an unknown form."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in DEVELOPMENT_BACKENDS:
        return {"EMAIL_BACKEND": DEVELOPMENT_BACKENDS[scheme]}
    if scheme not in DEFAULT_PORTS:
        raise ImproperlyConfigured(
            f"EMAIL_URL: unknown scheme {parts.scheme!r} (smtp, submission, smtps, console, locmem, dummy)"
        )
    if not parts.hostname:
        raise ImproperlyConfigured("EMAIL_URL: no host, e.g. smtp://mail.example.org:25")
    query = {name: values[-1] for name, values in parse_qs(parts.query).items()}
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
        timeout = int(query.get("timeout", "30"))
    except ValueError as error:
        raise ImproperlyConfigured(f"EMAIL_URL: {error}") from error
    return {
        "EMAIL_BACKEND": SMTP_BACKEND,
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": scheme == "submission" or query.get("tls", "").lower() in TRUE_VALUES,
        "EMAIL_USE_SSL": scheme == "smtps" or query.get("ssl", "").lower() in TRUE_VALUES,
        "EMAIL_TIMEOUT": timeout,
    }
