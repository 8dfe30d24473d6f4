"""The steps of a question, as the coordinator and the persons take them, and the timer's work."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from wagtail.models import ModelLogEntry

from questions import transitions
from questions.models import Assignment, Question
from questions.routing import suggest_persons
from tests.factories.questions import QuestionFactory

PARIS = ZoneInfo("Europe/Paris")


def at(*moment):
    return time_machine.travel(datetime(*moment, tzinfo=PARIS), tick=False)


@pytest.fixture
def tuffeau_question(circle, taxonomy):
    with at(2026, 12, 1, 10, 0):
        question = QuestionFactory(
            themes={"materials": [taxonomy["Material"]["tuffeau"]]},
            department=taxonomy["Department"]["maine-et-loire"],
        )
        return transitions.receive(question)


def test_routing_suggests_who_shares_a_theme_and_covers_the_department(tuffeau_question, circle):
    with at(2026, 12, 2, 9, 0):
        names = [suggestion.person.name for suggestion in suggest_persons(tuffeau_question)]
    # Anne is away, Marc covers the Vendée only, Paul knows wood.
    assert sorted(names) == ["Jeanne Lapierre", "Lucie Morin"]


def test_routing_puts_first_who_shares_most_then_the_least_busy(tuffeau_question, circle, taxonomy):
    tuffeau_question.materials.add(taxonomy["Material"]["chaux"])
    with at(2026, 12, 2, 9, 0):
        names = [suggestion.person.name for suggestion in suggest_persons(tuffeau_question)]
    assert names == ["Jeanne Lapierre", "Lucie Morin"]  # Jeanne knows both tuffeau and lime


def test_a_person_back_from_leave_is_suggested_again(tuffeau_question, circle):
    with at(2027, 2, 1, 9, 0):
        names = {suggestion.person.name for suggestion in suggest_persons(tuffeau_question)}
    assert "Anne Absente" in names


def test_when_everyone_declines_the_question_is_freed_for_someone_else(
    tuffeau_question, circle, committed, mailoutbox
):
    with at(2026, 12, 2, 9, 0), committed():
        [jeanne, lucie] = transitions.route(tuffeau_question, [circle["jeanne"], circle["lucie"]])
        transitions.decline(jeanne, "Je ne connais pas ce bâtiment.")
        tuffeau_question.refresh_from_db()
        assert tuffeau_question.status == Question.Status.ROUTED  # Lucie still has it
        transitions.decline(lucie)
    tuffeau_question.refresh_from_db()
    assert tuffeau_question.status == Question.Status.RECEIVED
    assert tuffeau_question.due_on == date(2026, 12, 4)
    assert "someone else" in mailoutbox[-1].subject or "quelqu'un" in mailoutbox[-1].subject
    with at(2026, 12, 2, 9, 30):
        names = {suggestion.person.name for suggestion in suggest_persons(tuffeau_question)}
    assert "Jeanne Lapierre" not in names  # already asked


def test_a_request_not_accepted_in_time_expires_once_and_frees_the_question(
    tuffeau_question, circle, committed, mailoutbox
):
    with at(2026, 12, 2, 9, 0), committed():
        [request] = transitions.route(tuffeau_question, [circle["jeanne"]])
    assert request.due_on == date(2026, 12, 4)
    mailoutbox.clear()
    with at(2026, 12, 7, 7, 0), committed():
        call_command("question_reminders", verbosity=0)
        call_command("question_reminders", verbosity=0)
    request.refresh_from_db()
    tuffeau_question.refresh_from_db()
    assert request.status == Assignment.Status.EXPIRED
    assert tuffeau_question.status == Question.Status.RECEIVED
    expirations = ModelLogEntry.objects.for_instance(tuffeau_question).filter(action="questions.expire")
    assert expirations.count() == 1
    assert len([mail for mail in mailoutbox if "coordination@localhost" in mail.to]) == 1


def test_a_step_from_the_wrong_state_is_refused_and_changes_nothing(tuffeau_question):
    with pytest.raises(transitions.StepRefusedError):
        transitions.send_answer(tuffeau_question)
    tuffeau_question.refresh_from_db()
    assert tuffeau_question.status == Question.Status.RECEIVED


def test_rejecting_needs_a_reason_and_tells_the_asker(tuffeau_question, committed, mailoutbox):
    with pytest.raises(transitions.StepRefusedError):
        transitions.reject(tuffeau_question, "  ")
    with committed():
        transitions.reject(tuffeau_question, "Cette question relève d'un avocat.")
    tuffeau_question.refresh_from_db()
    assert tuffeau_question.status == Question.Status.REJECTED
    assert tuffeau_question.due_on is None
    [mail] = mailoutbox[-1:]
    assert mail.to == [tuffeau_question.asker_email]
    assert "avocat" in mail.body


def test_redirecting_tells_the_asker_where_to_go(tuffeau_question, committed, mailoutbox, client):
    with committed():
        transitions.redirect(tuffeau_question, "L'Unité départementale de l'architecture et du patrimoine.")
    assert "Unité départementale" in mailoutbox[-1].body
    assert tuffeau_question.status == Question.Status.REDIRECTED


def test_a_question_logged_by_phone_in_the_admin_enters_the_journey(admin_client, circle, committed):
    with committed():
        response = admin_client.post(
            "/admin/snippets/questions/question/add/",
            {
                "channel": "phone",
                "text": "Un appel : quelle aide pour restaurer un lavoir ?",
                "answer_by": "phone",
                "asker_phone": "02 40 00 00 00",
            },
        )
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.promised_on is not None
    receive = ModelLogEntry.objects.for_instance(question).get(action="questions.receive")
    assert receive.user.username == "admin"


def test_deleting_a_person_on_request_takes_their_name_out_of_the_history(tuffeau_question, circle):
    with at(2026, 12, 2, 9, 0):
        [request] = transitions.route(tuffeau_question, [circle["jeanne"]])
        transitions.accept(request)
    circle["jeanne"].delete()
    entries = ModelLogEntry.objects.for_instance(tuffeau_question)
    accept = entries.get(action="questions.accept")
    assert "Jeanne" not in str(accept.data)
    request.refresh_from_db()
    assert request.person is None
