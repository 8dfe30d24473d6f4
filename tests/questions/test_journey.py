"""The whole journey, through a real SMTP server, with time frozen at each step:
ask → acknowledgement → routing → acceptance by the mailed link → reminder → escalation →
answer → review and sending → follow-up page → public page."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from questions.models import Assignment, Question, QuestionAnswerPage
from tests.questions.conftest import links_in

PARIS = ZoneInfo("Europe/Paris")


def at(*moment):
    return time_machine.travel(datetime(*moment, tzinfo=PARIS), tick=False)


def test_the_whole_journey(
    client, admin_client, admin_user, circle, qa_index, taxonomy, smtp_server, committed
):
    tuffeau, maine_et_loire = taxonomy["Material"]["tuffeau"], taxonomy["Department"]["maine-et-loire"]

    # Tuesday 1 December 2026: a project holder asks on the site.
    with at(2026, 12, 1, 10, 0), committed():
        response = client.post(
            reverse("questions:ask"),
            {
                "text": "Quel enduit pour la façade en tuffeau ? Écrivez-moi à camille@example.org.",
                "context": "Maison de bourg, 1850, façade dégradée.",
                "commune": "Saumur",
                "department": maine_et_loire.pk,
                "structure_kind": "individual",
                "materials": [tuffeau.pk],
                "asker_name": "Camille Martin",
                "asker_email": "camille@example.org",
                "answer_by": "email",
                "consent": "on",
                "website": "",
            },
        )
    assert response.status_code == 302
    question = Question.objects.get()
    follow_path = response["Location"].split("?")[0]
    ack, new_question = smtp_server.messages
    assert ack["To"] == "camille@example.org"
    assert "22 décembre 2026" in smtp_server.text(ack)  # 15 working days later
    assert links_in(smtp_server.text(ack)) == [follow_path]
    assert new_question["To"] == "coordination@localhost"
    page = client.get(follow_path)
    assert "Reçue" in page.text or "Received" in page.text

    # The coordinator's desk suggests Jeanne (tuffeau, Maine-et-Loire) and Lucie (the whole
    # region), not Anne (away), Marc (Vendée only) nor Paul (wood); routes to Jeanne.
    smtp_server.clear()
    desk = reverse("questions_desk", args=[question.pk])
    with at(2026, 12, 2, 9, 0):
        page = admin_client.get(desk).text
    assert "Jeanne Lapierre — suggested: Tuffeau" in page or "Jeanne Lapierre — suggéré" in page
    assert page.index("Jeanne Lapierre") < page.index("Paul Charpentier")
    assert "Lucie Morin —" in page
    assert "Anne Absente (away until" in page or "Anne Absente (absente" in page
    with at(2026, 12, 2, 9, 5), committed():
        response = admin_client.post(desk, {"action": "route", "persons": [circle["jeanne"].pk]})
    assert response.status_code == 302
    [offer] = smtp_server.messages
    assert offer["To"] == "jeanne@example.org"
    # Her request's link, then the link to say she is away (in every mail to a person).
    jeanne_link, availability_link = links_in(smtp_server.text(offer))
    assert "/questions/disponibilite/" in availability_link
    assert "camille@example.org" not in smtp_server.text(offer).split("Quel enduit")[0]

    # Jeanne opens her link: the question without the asker's details; she accepts.
    smtp_server.clear()
    with at(2026, 12, 2, 18, 0):
        page = client.get(jeanne_link)
    assert page.status_code == 200
    assert "Maison de bourg" in page.text
    assert "Camille Martin" not in page.text
    with at(2026, 12, 2, 18, 1), committed():
        page = client.post(jeanne_link, {"action": "accept"})
    assert page.status_code == 200
    question.refresh_from_db()
    assert question.status == Question.Status.SEARCHING
    assert str(question.due_on) == "2026-12-16"  # 10 working days after 2 December

    # The timer, the day before the due date: one reminder, however often it runs.
    with at(2026, 12, 15, 8, 0), committed():
        call_command("question_reminders", verbosity=0)
        call_command("question_reminders", verbosity=0)
    [reminder] = smtp_server.messages
    assert reminder["To"] == "jeanne@example.org"
    reminder_link, _availability_link = links_in(smtp_server.text(reminder))
    with at(2026, 12, 15, 8, 5):
        assert "Maison de bourg" in client.get(reminder_link).text  # a fresh link to the same request

    # The day after the due date: the coordinator is warned once.
    smtp_server.clear()
    with at(2026, 12, 17, 8, 0), committed():
        call_command("question_reminders", verbosity=0)
        call_command("question_reminders", verbosity=0)
    [escalation] = smtp_server.messages
    assert escalation["To"] == "coordination@localhost"
    assert "late" in escalation["Subject"].lower() or "retard" in escalation["Subject"].lower()

    # Jeanne answers through her link; the coordinator is told.
    smtp_server.clear()
    with at(2026, 12, 17, 14, 0), committed():
        page = client.post(
            jeanne_link,
            {
                "action": "answer",
                "answer": "Un enduit à la chaux aérienne, jamais de ciment. Jeanne Lapierre",
            },
        )
    assert page.status_code == 200
    [answered] = smtp_server.messages
    assert answered["To"] == "coordination@localhost"

    # The coordinator reviews and sends: the asker receives the answer, the follow-up shows it.
    smtp_server.clear()
    with at(2026, 12, 18, 9, 0), committed():
        admin_client.force_login(admin_user)  # two weeks later: a new session
        response = admin_client.post(
            desk, {"action": "send", "answer": "Un enduit à la chaux aérienne, jamais de ciment."}
        )
    assert response.status_code == 302
    [answer] = smtp_server.messages
    assert answer["To"] == "camille@example.org"
    assert "chaux aérienne" in smtp_server.text(answer)
    with at(2026, 12, 18, 10, 0):
        page = client.get(follow_path)
    assert "chaux aérienne" in page.text
    question.refresh_from_db()
    assert question.status == Question.Status.CLOSED
    assert question.answered_in_time

    # Published, anonymised, as a draft page for moderation.
    with at(2026, 12, 18, 11, 0):
        response = admin_client.post(desk, {"action": "publish"})
    public = QuestionAnswerPage.objects.get()
    assert response.status_code == 302
    assert not public.live
    assert "camille@example.org" not in public.question
    assert "Camille" not in public.question + public.answer
    assert list(public.materials.all()) == [tuffeau]

    # Every step is in the question's history, with who did it and when.
    entries = ModelLogEntry.objects.for_instance(question).order_by("timestamp")
    actions = [entry.action for entry in entries]
    for action in ("receive", "route", "accept", "remind", "escalate", "answer", "send_answer", "publish"):
        assert f"questions.{action}" in actions
    route = entries.get(action="questions.route")
    assert route.user is not None
    assert route.timestamp == datetime(2026, 12, 2, 9, 5, tzinfo=PARIS)
    accept = entries.get(action="questions.accept")
    assert accept.data["person_name"] == "Jeanne Lapierre"
    assert Assignment.objects.get().status == Assignment.Status.ANSWERED
