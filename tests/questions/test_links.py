"""The signed links: a person sees their own request only; damaged or old links say so (4xx)."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from core.signed_links import make_token
from questions.notify import ASSIGNMENT_PURPOSE, FOLLOW_PURPOSE
from tests.factories.questions import AssignmentFactory, QuestionFactory


def assignment_path(assignment):
    return reverse("questions:assignment", args=[make_token(ASSIGNMENT_PURPOSE, {"a": assignment.pk})])


def follow_path(question):
    return reverse("questions:follow", args=[make_token(FOLLOW_PURPOSE, {"q": question.pk})])


@pytest.fixture
def two_requests(circle):
    stone = AssignmentFactory(
        person=circle["jeanne"], question=QuestionFactory(text="Quel enduit pour le tuffeau ?")
    )
    wood = AssignmentFactory(
        person=circle["paul"], question=QuestionFactory(text="Comment traiter une poutre ?")
    )
    return stone, wood


def test_a_person_sees_the_question_of_their_own_link_only(client, two_requests):
    stone, _wood = two_requests
    page = client.get(assignment_path(stone))
    assert page.status_code == 200
    assert "Quel enduit pour le tuffeau ?" in page.text
    assert "Comment traiter une poutre ?" not in page.text
    assert stone.question.asker_email not in page.text
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in page["Cache-Control"] or "private" in page["Cache-Control"]


def test_changing_the_id_in_a_link_breaks_its_signature(client, two_requests):
    stone, wood = two_requests
    token = make_token(ASSIGNMENT_PURPOSE, {"a": stone.pk})
    other = make_token(ASSIGNMENT_PURPOSE, {"a": wood.pk})
    forged = other.split(":")[0] + ":" + ":".join(token.split(":")[1:])
    page = client.get(reverse("questions:assignment", args=[forged]))
    assert page.status_code == 400
    assert "Comment traiter une poutre ?" not in page.text


def test_a_truncated_link_is_a_clear_400(client, two_requests):
    stone, _wood = two_requests
    page = client.get(assignment_path(stone)[:-6] + "/")
    assert page.status_code == 400
    assert "Quel enduit" not in page.text


def test_an_old_link_is_a_clear_410(client, two_requests):
    stone, _wood = two_requests
    path = assignment_path(stone)
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        page = client.get(path)
    assert page.status_code == 410


def test_the_askers_link_does_not_open_a_resource_persons_page(client, two_requests):
    stone, _wood = two_requests
    token = make_token(FOLLOW_PURPOSE, {"a": stone.pk})  # the right id, the wrong purpose
    assert client.get(reverse("questions:assignment", args=[token])).status_code == 400
    assert (
        client.get(reverse("questions:follow", args=[make_token(ASSIGNMENT_PURPOSE, {"q": 1})])).status_code
        == 400
    )


def test_a_deleted_person_s_link_opens_nothing(client, two_requests):
    stone, _wood = two_requests
    path = assignment_path(stone)
    stone.person.delete()
    assert client.get(path).status_code == 404


def test_accepting_twice_is_refused_with_the_reason(client, two_requests, committed):
    stone, _wood = two_requests
    stone.question.status = "routed"
    stone.question.save()
    path = assignment_path(stone)
    with committed():
        assert client.post(path, {"action": "accept"}).status_code == 200
        again = client.post(path, {"action": "accept"})
    assert again.status_code == 409
    assert "Accepted, searching" in again.text or "Acceptée" in again.text


def test_an_unknown_action_is_a_400(client, two_requests):
    stone, _wood = two_requests
    assert client.post(assignment_path(stone), {"action": "delete"}).status_code == 400


def test_an_empty_answer_is_a_400_with_the_message(client, two_requests):
    stone, _wood = two_requests
    stone.status = "accepted"
    stone.save()
    page = client.post(assignment_path(stone), {"action": "answer", "answer": "  "})
    assert page.status_code == 400
    stone.refresh_from_db()
    assert stone.status == "accepted"


def test_the_follow_up_page_of_a_question(client, circle):
    question = QuestionFactory(text="Peut-on repeindre des volets classés ?")
    page = client.get(follow_path(question))
    assert page.status_code == 200
    assert "Peut-on repeindre des volets classés ?" in page.text
    assert page["Referrer-Policy"] == "no-referrer"
