"""EMAIL_URL: one variable for the mail server, as DATABASE_URL is for the database."""

import json
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured

from config.email_url import email_settings
from tests.config.test_security import production_environment

PRINT_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({name: getattr(s, name) for name in "
    "('EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_USE_TLS', 'TASKS', 'TIMER_COMMANDS')}))"
)


def production_settings(**environment) -> dict:
    result = subprocess.run(  # noqa: S603 (our own interpreter and a fixed script)
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=django_settings.BASE_DIR,
        env=production_environment(**environment),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_submission_url_means_starttls_on_587_with_a_decoded_password():
    settings = email_settings("submission://noreply%40example.org:p%40ss%3Aword@mail.example.org")
    assert settings == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "mail.example.org",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "noreply@example.org",
        "EMAIL_HOST_PASSWORD": "p@ss:word",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 30,
    }


def test_smtps_is_implicit_tls_on_465_and_smtp_is_plain_on_25():
    assert email_settings("smtps://mail.example.org")["EMAIL_PORT"] == 465
    assert email_settings("smtps://mail.example.org")["EMAIL_USE_SSL"] is True
    plain = email_settings("smtp://relay:2525?timeout=5")
    assert (plain["EMAIL_HOST"], plain["EMAIL_PORT"], plain["EMAIL_USE_TLS"], plain["EMAIL_TIMEOUT"]) == (
        "relay",
        2525,
        False,
        5,
    )
    assert email_settings("smtp://relay?tls=1")["EMAIL_USE_TLS"] is True


def test_development_backends():
    assert email_settings("console://") == {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}


@pytest.mark.parametrize(
    "url", ["http://mail.example.org", "smtp://", "smtp://mail:notaport", "smtp://m?timeout=x"]
)
def test_a_wrong_url_stops_the_start_with_its_reason(url):
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        email_settings(url)


def test_production_reads_email_url_and_queues_tasks_in_the_database():
    production = production_settings(EMAIL_URL="submission://mail.example.org")
    assert production["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (production["EMAIL_HOST"], production["EMAIL_PORT"], production["EMAIL_USE_TLS"]) == (
        "mail.example.org",
        587,
        True,
    )
    assert production["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert ["prune_db_task_results", "--min-age-days=14"] in production["TIMER_COMMANDS"]


def test_production_without_email_url_keeps_the_separate_settings():
    production = production_settings(EMAIL_HOST="relay.internal", EMAIL_PORT="2525")
    assert (production["EMAIL_HOST"], production["EMAIL_PORT"], production["EMAIL_USE_TLS"]) == (
        "relay.internal",
        2525,
        False,
    )


def test_demo_and_tests_run_tasks_at_once():
    assert django_settings.TASKS["default"]["BACKEND"] == "django_tasks.backends.immediate.ImmediateBackend"
