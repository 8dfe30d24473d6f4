"""A password-protected page: wrong passwords are limited like the admin logins."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def restriction(home_page):
    return PageViewRestriction.objects.create(
        page=home_page, restriction_type=PageViewRestriction.PASSWORD, password="sesame-ouvre-toi"
    )


def password_url(restriction, language="fr"):
    with translation.override(language):
        return reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, restriction.page_id])


def try_password(client, restriction, password, address="81.250.1.7", language="fr"):
    return client.post(
        password_url(restriction, language),
        {"password": password, "return_url": "/"},
        REMOTE_ADDR=address,
    )


@pytest.mark.django_db
def test_the_right_password_opens_the_page(client, restriction):
    assert client.get("/").status_code == 200
    assert b"sesame" not in client.get("/").content
    response = try_password(client, restriction, "sesame-ouvre-toi")
    assert response.status_code == 302
    assert client.get("/").context["page"].pk == restriction.page_id


@pytest.mark.django_db
def test_too_many_wrong_passwords_lock_the_form_even_for_the_right_one(client, restriction):
    attempts = range(settings.AXES_FAILURE_LIMIT)
    statuses = [try_password(client, restriction, f"mauvais-{n}").status_code for n in attempts]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    locked = try_password(client, restriction, "sesame-ouvre-toi")
    assert locked.status_code == 429
    assert "Trop de mots de passe erronés" in locked.content.decode()
    # Another visitor, from another address, is not locked out.
    assert try_password(client, restriction, "sesame-ouvre-toi", address="81.250.1.20").status_code == 302


@pytest.mark.django_db
def test_the_lockout_message_is_in_english_under_en(client, restriction):
    for n in range(settings.AXES_FAILURE_LIMIT):
        locked = try_password(client, restriction, f"wrong-{n}", language="en")
    assert locked.status_code == 429
    assert "Too many wrong passwords" in locked.content.decode()


@pytest.mark.django_db
def test_a_forged_x_forwarded_for_does_not_reset_the_count(client, restriction):
    for n in range(settings.AXES_FAILURE_LIMIT):
        locked = client.post(
            password_url(restriction),
            {"password": "mauvais", "return_url": "/"},
            REMOTE_ADDR="81.250.1.7",
            HTTP_X_FORWARDED_FOR=f"1.2.3.{n}",
        )
    assert locked.status_code == 429


@pytest.mark.django_db
def test_the_right_password_below_the_limit_resets_the_count(client, restriction):
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        try_password(client, restriction, f"mauvais-{n}")
    assert try_password(client, restriction, "sesame-ouvre-toi").status_code == 302
    assert try_password(client, restriction, "mauvais").status_code == 200
