"""Answers made public: anonymised drafts, the page, its JSON-LD, search; the askers' data purged."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from questions.models import Question, QuestionAnswerPage
from questions.publication import anonymise, draft_public_page
from questions.transitions import StepRefusedError
from tests.factories.questions import AssignmentFactory, QuestionAnswerPageFactory, QuestionFactory


def test_anonymise_hides_addresses_phones_links_and_names():
    text = "Je suis Camille Martin, 06 12 34 56 78, camille@example.org, voir https://exemple.fr/x. Martin"
    hidden = anonymise(text, ["Camille Martin"])
    for personal in ("Camille", "Martin", "06 12", "camille@", "exemple.fr"):
        assert personal not in hidden


@pytest.fixture
def answered(circle, taxonomy):
    question = QuestionFactory(
        text="Bonjour, je suis Camille Martin. Quel enduit pour le tuffeau ?",
        answer="Jeanne Lapierre conseille la chaux aérienne.",
        status=Question.Status.CLOSED,
        answer_sent_at=timezone.now(),
        finished_at=timezone.now(),
        department=taxonomy["Department"]["maine-et-loire"],
        themes={"materials": [taxonomy["Material"]["tuffeau"]]},
    )
    AssignmentFactory(question=question, person=circle["jeanne"], status="answered")
    return question


def test_the_draft_page_has_no_personal_data_and_keeps_the_themes(answered, qa_index, admin_user, taxonomy):
    page = draft_public_page(answered, user=admin_user)
    assert not page.live
    assert page.get_latest_revision().user == admin_user
    text = page.title + page.question + page.answer + page.summary
    assert "Camille" not in text
    assert "Jeanne" not in text
    assert "chaux aérienne" in page.answer
    assert list(page.materials.all()) == [taxonomy["Material"]["tuffeau"]]
    assert list(page.departments.all()) == [taxonomy["Department"]["maine-et-loire"]]
    assert ModelLogEntry.objects.for_instance(answered).filter(action="questions.publish").exists()
    with pytest.raises(StepRefusedError):
        draft_public_page(answered)  # once only


def test_only_a_sent_answer_can_be_published(circle, qa_index):
    with pytest.raises(StepRefusedError):
        draft_public_page(QuestionFactory(status=Question.Status.ANSWERED, answer="Pas encore relue."))
    assert not QuestionAnswerPage.objects.exists()


def test_the_public_page_and_its_json_ld(client, qa_index):
    page = QuestionAnswerPageFactory(parent=qa_index, title="Quel enduit pour le tuffeau ?")
    response = client.get(page.url)
    assert response.status_code == 200
    assert "chaux aérienne" in response.text
    data = json.loads(response.text.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["@type"] == "QAPage"
    assert data["mainEntity"]["@type"] == "Question"
    assert data["mainEntity"]["acceptedAnswer"]["text"] == "Un enduit à la chaux aérienne, jamais de ciment."
    assert data["mainEntity"]["answerCount"] == 1


def test_the_index_lists_the_answers_and_offers_to_ask(client, qa_index):
    QuestionAnswerPageFactory(parent=qa_index, title="Quel enduit pour le tuffeau ?")
    response = client.get(qa_index.url)
    assert "Quel enduit pour le tuffeau ?" in response.text
    assert "/ask-a-question/" in response.text or "/poser-une-question/" in response.text


def test_purging_deletes_the_askers_details_once_the_time_has_passed(answered, settings):
    settings.QUESTIONS_KEEP_ASKER_DAYS = 30
    recent = QuestionFactory(status=Question.Status.REJECTED, finished_at=timezone.now() - timedelta(days=29))
    open_one = QuestionFactory()
    Question.objects.filter(pk=answered.pk).update(finished_at=timezone.now() - timedelta(days=31))
    call_command("purge_askers", verbosity=0)
    call_command("purge_askers", verbosity=0)
    answered.refresh_from_db()
    assert (answered.asker_name, answered.asker_email, answered.asker_phone) == ("", "", "")
    assert answered.asker_data_deleted_on == timezone.localdate()
    assert answered.answer  # the answer stays for the figures and the knowledge base
    assert ModelLogEntry.objects.for_instance(answered).filter(action="questions.purge").count() == 1
    for kept in (recent, open_one):
        kept.refresh_from_db()
        assert kept.asker_email
