"""Issue 15's last rules: the coordinator reminded before the routing due date, the circle's
mails in HTML with a text part, the persons' availability link, the FAQPage of the published
answers, and the figures' export."""

import csv
import io
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from core.signed_links import make_token
from questions import transitions
from questions.models import Question
from questions.notify import AVAILABILITY_PURPOSE
from questions.routing import suggest_persons
from tests.factories.questions import QuestionAnswerPageFactory, QuestionFactory
from tests.helpers import json_ld_of
from tests.questions.conftest import links_in

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


def availability_path(person):
    return reverse("questions:availability", args=[make_token(AVAILABILITY_PURPOSE, {"p": person.pk})])


# The coordinator's reminder before the routing due date ----------------------------------------


def test_the_coordinator_is_reminded_once_before_the_routing_due_date(
    tuffeau_question, smtp_server, committed
):
    # Received on Tuesday 1 December: to route within 2 working days, by Thursday 3.
    assert tuffeau_question.due_on == date(2026, 12, 3)
    with at(2026, 12, 1, 12, 0), committed():
        call_command("question_reminders", verbosity=0)
    assert smtp_server.messages == []  # two working days ahead: not yet
    with at(2026, 12, 2, 8, 0), committed():
        call_command("question_reminders", verbosity=0)
        call_command("question_reminders", verbosity=0)
    with at(2026, 12, 2, 15, 0), committed():
        call_command("run_timers", verbosity=0)
    [reminder] = smtp_server.messages
    assert reminder["To"] == "coordination@localhost"
    assert tuffeau_question.reference in reminder["Subject"]
    text = smtp_server.text(reminder)
    assert "3 décembre 2026" in text
    assert links_in(text) == [reverse("questions_desk", args=[tuffeau_question.pk])]
    reminders = ModelLogEntry.objects.for_instance(tuffeau_question).filter(action="questions.remind_route")
    assert reminders.count() == 1


def test_a_routed_question_brings_the_coordinator_no_routing_reminder(
    tuffeau_question, circle, smtp_server, committed
):
    with at(2026, 12, 1, 11, 0), committed():
        transitions.route(tuffeau_question, [circle["jeanne"]])
    smtp_server.clear()
    with at(2026, 12, 2, 8, 0), committed():
        call_command("question_reminders", verbosity=0)
    assert "coordination@localhost" not in [message["To"] for message in smtp_server.messages]


# HTML mails with a text part --------------------------------------------------------------------


def test_the_circles_mails_have_an_html_part_in_the_shared_layout_with_the_same_links(
    tuffeau_question, circle, smtp_server, committed
):
    with at(2026, 12, 1, 11, 0), committed():
        transitions.route(tuffeau_question, [circle["jeanne"]])
    [offer] = smtp_server.messages
    text, html = smtp_server.text(offer), smtp_server.html(offer)
    assert html is not None
    assert '<table role="presentation"' in html  # the shared layout of core/mail/base.html
    assert "<img" not in html  # readable without images
    assert 'lang="fr"' in html
    for path in links_in(text):
        assert re.search(rf'<a href="http://localhost{re.escape(path)}"', html)
    assert "Quel enduit pour un mur en tuffeau ?" in html


# The availability link ----------------------------------------------------------------------------


def test_a_person_marks_themself_away_from_the_link_and_routing_skips_them(client, tuffeau_question, circle):
    jeanne = circle["jeanne"]
    path = availability_path(jeanne)
    with at(2026, 12, 1, 12, 0):
        page = client.get(path)
        assert page.status_code == 200
        assert page["X-Robots-Tag"] == "noindex, nofollow"
        assert "Jeanne Lapierre" in page.text
        response = client.post(path, {"choice": "away", "away_until": "2026-12-20"})
    assert response.status_code == 200
    assert "20 décembre 2026" in response.text
    jeanne.refresh_from_db()
    assert jeanne.away_until == date(2026, 12, 20)
    with at(2026, 12, 2, 9, 0):
        assert jeanne not in [s.person for s in suggest_persons(tuffeau_question)]
    # Available again, from the same link: suggested again at once.
    with at(2026, 12, 2, 9, 5):
        client.post(path, {"choice": "available"})
        jeanne.refresh_from_db()
        assert jeanne.away_until is None
        assert jeanne in [s.person for s in suggest_persons(tuffeau_question)]
    changes = ModelLogEntry.objects.for_instance(jeanne).filter(action="questions.availability")
    assert [entry.data["away_until"] for entry in changes.order_by("timestamp")] == ["2026-12-20", None]


def test_the_availability_form_refuses_a_missing_or_past_date_with_a_message(client, circle):
    path = availability_path(circle["jeanne"])
    with at(2026, 12, 1, 12, 0):
        missing = client.post(path, {"choice": "away", "away_until": ""})
        past = client.post(path, {"choice": "away", "away_until": "2026-11-01"})
        nonsense = client.post(path, {"choice": "ailleurs"})
    for response in (missing, past, nonsense):
        assert response.status_code == 400
        assert 'role="alert"' in response.text
    circle["jeanne"].refresh_from_db()
    assert circle["jeanne"].away_until is None


def test_a_damaged_availability_link_is_a_clear_400_and_names_nobody(client, circle):
    path = availability_path(circle["jeanne"])
    response = client.get(path[:-6] + "abcdef/")
    assert response.status_code == 400
    assert "Jeanne" not in response.text
    # Another purpose's token (the asker's follow-up) does not open it either.
    response = client.get(reverse("questions:availability", args=[make_token("questions.follow", {"p": 1})]))
    assert response.status_code == 400


# FAQPage on the index of the published answers ----------------------------------------------------


def test_the_index_of_answers_says_faqpage_with_each_published_answer(client, qa_index):
    QuestionAnswerPageFactory(parent=qa_index, title="Peut-on isoler un mur en tuffeau ?")
    draft = QuestionAnswerPageFactory(parent=qa_index, title="Une réponse encore en brouillon")
    draft.unpublish()
    data = json_ld_of(client.get(qa_index.url).text)
    assert data["@type"] == "FAQPage"
    [entry] = data["mainEntity"]
    assert entry["@type"] == "Question"
    assert entry["name"] == "Peut-on isoler un mur en tuffeau ?"
    assert entry["acceptedAnswer"]["@type"] == "Answer"
    assert entry["acceptedAnswer"]["text"]
    assert "<" not in entry["acceptedAnswer"]["text"]
    assert entry["url"].startswith("http://localhost/")


# The figures' export ------------------------------------------------------------------------------


@pytest.fixture
def figures(taxonomy):
    material = taxonomy["Material"]["tuffeau"]
    material.name = '=HYPERLINK("http://evil.example")'
    material.save()
    with at(2026, 11, 3, 10, 0):
        QuestionFactory(themes={"materials": [material]}, status=Question.Status.RECEIVED)
        QuestionFactory(themes={"materials": [material]}, status=Question.Status.RECEIVED)


def test_the_figures_export_as_csv_with_safe_cells(admin_client, figures):
    with at(2026, 12, 2, 10, 0):
        response = admin_client.get(reverse("questions_figures_export", args=["csv"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    november = next(row for row in rows if row and row[0] == "2026-11")
    assert november[1] == "2"  # received
    theme = next(row for row in rows if row and "HYPERLINK" in row[0])
    assert theme[0].startswith("'=")  # a spreadsheet shows it as text, never runs it
    assert theme[1] == "2"


def test_the_figures_export_as_xlsx_with_a_sheet_per_table(admin_client, figures):
    with at(2026, 12, 2, 10, 0):
        response = admin_client.get(reverse("questions_figures_export", args=["xlsx"]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    months, themes = workbook.worksheets
    rows = list(months.iter_rows(values_only=True))
    november = next(row for row in rows if row[0] == "2026-11")
    assert november[1] == 2  # a number, not a text
    [(name, count)] = list(themes.iter_rows(min_row=2, values_only=True))
    assert name.startswith("'=")
    assert count == 2
    page = admin_client.get(reverse("questions_figures")).text
    assert reverse("questions_figures_export", args=["xlsx"]) in page


def test_the_figures_export_is_refused_without_permission_or_with_an_unknown_format(
    client, admin_client, django_user_model
):
    assert admin_client.get(reverse("questions_figures_export", args=["pdf"])).status_code == 400
    editor = django_user_model.objects.create_user("redacteur", password="x")
    client.force_login(editor)
    assert client.get(reverse("questions_figures_export", args=["csv"])).status_code in (302, 403)
