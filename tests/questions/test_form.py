"""The public form: clear errors (400, nothing kept), the consent line, the honeypot, the rate limit."""

import pytest
from django.urls import reverse

from questions.models import Question


def answers(**changes):
    data = {
        "text": "Comment restaurer une charpente en chêne ?",
        "asker_email": "dominique@example.org",
        "answer_by": "email",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_form_says_what_is_kept_and_for_how_long(client, circle, settings):
    settings.QUESTIONS_KEEP_ASKER_DAYS = 365
    page = client.get(reverse("questions:ask"))
    assert page.status_code == 200
    assert "365" in page.text
    assert 'name="consent"' in page.text
    assert "Tuffeau" in page.text  # the taxonomy's materials to choose from


def test_a_valid_question_is_received_and_the_asker_sent_to_its_page(client, circle, committed, mailoutbox):
    with committed():
        response = client.post(reverse("questions:ask"), answers())
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.status == Question.Status.RECEIVED
    assert question.channel == Question.Channel.SITE
    assert question.promised_on
    assert question.due_on
    page = client.get(response["Location"])
    assert "Comment restaurer une charpente" in page.text
    assert [mail.to for mail in mailoutbox] == [["dominique@example.org"], ["coordination@localhost"]]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"consent": None}, "consent"),
        ({"text": ""}, "text"),
        ({"asker_email": ""}, "asker_email"),
        ({"asker_email": "pas-une-adresse"}, "asker_email"),
        ({"answer_by": "phone", "asker_phone": ""}, "asker_phone"),
        ({"answer_by": "pigeon"}, "answer_by"),
        ({"materials": ["999999"]}, "materials"),
    ],
)
def test_a_wrong_answer_is_a_400_that_says_which_and_keeps_nothing(client, circle, changes, field):
    response = client.post(reverse("questions:ask"), answers(**changes))
    assert response.status_code == 400
    assert response.context["form"].has_error(field)
    assert 'role="alert"' in response.text
    assert not Question.objects.exists()


def test_a_robot_filling_the_honeypot_is_refused(client, circle):
    response = client.post(reverse("questions:ask"), answers(website="http://spam.example"))
    assert response.status_code == 400
    assert not Question.objects.exists()


def test_too_many_questions_from_one_address_are_refused(client, circle, settings, committed):
    limit = settings.QUESTIONS_FORM_RATE
    with committed():
        for _ in range(limit):
            assert client.post(reverse("questions:ask"), answers()).status_code == 302
        response = client.post(reverse("questions:ask"), answers())
    assert response.status_code == 429
    assert Question.objects.count() == limit
