"""Signed links in mails: they carry their value, expire, and a damaged one answers 4xx, not 500."""

from datetime import timedelta

import pytest
import time_machine
from django.test import override_settings

from core.signed_links import InvalidLinkError, make_token, read_token


@pytest.fixture
def link_client(client):
    with override_settings(ROOT_URLCONF="tests.core.public_form_urls"):
        yield client


def test_a_token_gives_back_its_value_for_its_purpose_only():
    token = make_token("tests.cancel", {"registration": 42})
    assert read_token("tests.cancel", token, timedelta(days=1)) == {"registration": 42}
    with pytest.raises(InvalidLinkError) as error:
        read_token("tests.other", token, timedelta(days=1))
    assert error.value.expired is False


def test_a_token_is_safe_in_a_url_path():
    token = make_token("tests.cancel", {"registration": 42, "email_hash": "x" * 40})
    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_:.")


@pytest.mark.django_db
def test_the_link_works_then_expires_with_a_410_page(link_client):
    with time_machine.travel("2026-03-01 10:00 +0000", tick=False):
        token = make_token("tests.cancel", {"registration": 7})
        response = link_client.get(f"/annuler/{token}/")
        assert response.status_code == 200
        assert response.content == b"cancelled registration 7"
    with time_machine.travel("2026-03-02 10:01 +0000", tick=False):
        response = link_client.get(f"/en/annuler/{token}/")
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "damage", [lambda t: t[:-3], lambda t: t.replace(":", "x", 1), lambda t: "A" + t, lambda t: "%C3%A9"]
)
def test_a_damaged_or_forged_link_answers_400_with_an_explanation(link_client, damage):
    token = make_token("tests.cancel", {"registration": 7})
    response = link_client.get(f"/en/annuler/{damage(token)}/")
    assert response.status_code == 400
    page = response.content.decode()
    assert "This link does not work" in page
    assert "cancelled" not in page


@pytest.mark.django_db
def test_the_error_page_is_in_the_visitors_language(link_client):
    response = link_client.get("/annuler/nonsense/")
    assert response.status_code == 400
    assert '<html lang="fr">' in response.content.decode()
