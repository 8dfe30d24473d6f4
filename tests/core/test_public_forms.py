"""Spam guards of the public forms: the honeypot refuses robots, the rate limit answers 429."""

import pytest
import time_machine
from django.core.cache import cache
from django.test import override_settings


@pytest.fixture
def form_client(client):
    cache.clear()
    with override_settings(ROOT_URLCONF="tests.core.public_form_urls"):
        yield client
    cache.clear()


@pytest.mark.django_db
def test_the_honeypot_is_labelled_and_hidden_from_everyone(form_client):
    page = form_client.get("/en/contact/").content.decode()
    assert "<div hidden>" in page
    assert '<label for="id_website">Leave this field empty</label>' in page


@pytest.mark.django_db
def test_a_visitor_leaving_the_honeypot_empty_gets_through(form_client):
    response = form_client.post("/en/contact/", {"website": ""})
    assert response.content == b"thank you"


@pytest.mark.django_db
def test_a_robot_filling_the_honeypot_is_refused_with_a_message(form_client):
    response = form_client.post("/en/contact/", {"website": "https://spam.example"})
    assert response.status_code == 400
    assert "This field must stay empty." in response.content.decode()


@pytest.mark.django_db
def test_the_fourth_submission_from_one_address_within_the_period_gets_429(form_client):
    for _ in range(3):
        assert form_client.post("/en/contact/", {}).status_code == 200
    response = form_client.post("/en/contact/", {})
    assert response.status_code == 429
    assert "Try again in 10 minutes" in response.content.decode()
    # Another address is not affected.
    assert form_client.post("/en/contact/", {}, REMOTE_ADDR="192.0.2.7").status_code == 200


@pytest.mark.django_db
def test_the_limit_lifts_after_the_period(form_client):
    with time_machine.travel("2026-03-01 10:00 +0000", tick=False):
        for _ in range(4):
            form_client.post("/en/contact/", {})
        assert form_client.post("/en/contact/", {}).status_code == 429
    with time_machine.travel("2026-03-01 10:11 +0000", tick=False):
        assert form_client.post("/en/contact/", {}).status_code == 200
