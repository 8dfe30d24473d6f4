"""Error pages: styled, in the visitor's language, truthful about error reporting."""

import json
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings

from core.errors import server_error
from tests.config.test_security import production_environment


@pytest.fixture
def failing_client(client):
    client.raise_request_exception = False
    with override_settings(ROOT_URLCONF="tests.core.error_urls", ADMINS=[]):
        yield client


@pytest.mark.django_db
def test_the_500_page_is_styled_french_and_claims_no_report_when_none_is_configured(failing_client):
    response = failing_client.get("/panne/")
    assert response.status_code == 500
    page = response.content.decode()
    assert '<html lang="fr">' in page
    assert "/static/dist/css/site.css" in page
    assert "Une erreur est survenue" in page
    assert "prévenu" not in page
    assert '<a href="/">Retour à l\u2019accueil</a>' in page


@pytest.mark.django_db
def test_the_500_page_is_english_under_en(failing_client):
    response = failing_client.get("/en/panne/")
    assert response.status_code == 500
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Something went wrong" in page
    assert '<a href="/en/">Back to the home page</a>' in page


@pytest.mark.django_db
def test_the_500_page_says_the_team_was_told_when_errors_are_mailed(failing_client, mailoutbox):
    with override_settings(ADMINS=[("Équipe web", "web@example.org")]):
        response = failing_client.get("/panne/")
    assert "L\u2019équipe en a été prévenue" in response.content.decode()


def test_the_500_page_needs_no_database():
    """Without the django_db mark, any query here would fail the test: the error page must
    render when the database is what failed."""
    response = server_error(RequestFactory().get("/en/panne/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "home"), [("/page-absente/", "/"), ("/en/missing-page/", "/en/")])
def test_the_404_page_links_to_the_home_in_the_visitors_language(client, home_page, path, home):
    response = client.get(path)
    assert response.status_code == 404
    page = response.content.decode()
    label = "Back to the home page" if home == "/en/" else "Retour à l\u2019accueil"
    assert f'<a href="{home}">{label}</a>' in page


def production_error_reporting(**environment) -> dict:
    script = (
        # Settings are loaded lazily: read them before asking for the Sentry client.
        "import json, sentry_sdk; from django.conf import settings; settings.LOGGING; "
        "client = sentry_sdk.get_client(); "
        "print(json.dumps({'ADMINS': settings.ADMINS, 'SERVER_EMAIL': settings.SERVER_EMAIL, "
        "'handlers': settings.LOGGING['loggers']['django']['handlers'], "
        "'sentry': client.is_active(), 'pii': client.options.get('send_default_pii')}))"
    )
    completed = subprocess.run(  # noqa: S603 (the script is ours, above)
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=production_environment(**environment),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(completed.stdout)


def test_production_reports_errors_only_where_configured():
    silent = production_error_reporting()
    assert silent["ADMINS"] == []
    assert silent["handlers"] == []
    assert silent["sentry"] is False

    reporting = production_error_reporting(
        ADMINS="Équipe web <web@example.org>, ops@example.org",
        SERVER_EMAIL="erreurs@example.org",
        SENTRY_DSN="https://key@sentry.example.org/1",
    )
    assert reporting["ADMINS"] == [["Équipe web", "web@example.org"], ["", "ops@example.org"]]
    assert reporting["SERVER_EMAIL"] == "erreurs@example.org"
    assert reporting["handlers"] == ["mail_admins"]
    assert reporting["sentry"] is True
    assert reporting["pii"] is False
