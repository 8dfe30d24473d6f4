"""The coordinator's desk: the listing (late first, filters), one question's page, the figures."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from questions.figures import monthly, top_themes
from questions.models import Question
from tests.factories.knowledge import label, label_index
from tests.factories.questions import AssignmentFactory, QuestionFactory

PARIS = ZoneInfo("Europe/Paris")
LISTING = reverse("wagtailsnippets_questions_question:list")


@pytest.fixture
def desk_questions(circle, taxonomy):
    today = date.today()
    return {
        "late": QuestionFactory(text="Question en retard", due_on=today - timedelta(days=3)),
        "soon": QuestionFactory(text="Question à venir", due_on=today + timedelta(days=5)),
        "closed": QuestionFactory(text="Question close", status=Question.Status.CLOSED, due_on=None),
        "tuffeau": QuestionFactory(
            text="Question sur le tuffeau",
            due_on=today + timedelta(days=1),
            department=taxonomy["Department"]["vendee"],
            themes={"materials": [taxonomy["Material"]["tuffeau"]]},
        ),
    }


def listed(page_text, texts):
    return sorted(texts, key=page_text.index)


def test_the_late_questions_come_first(admin_client, desk_questions):
    page = admin_client.get(LISTING).text
    texts = ["Question en retard", "Question sur le tuffeau", "Question à venir", "Question close"]
    assert listed(page, texts) == texts


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "closed"}, {"Question close"}),
        ({"materials": "tuffeau"}, {"Question sur le tuffeau"}),
        ({"department": "vendee"}, {"Question sur le tuffeau"}),
    ],
)
def test_the_listing_filters(admin_client, desk_questions, taxonomy, query, expected):
    terms = {"materials": taxonomy["Material"], "department": taxonomy["Department"]}
    query = {key: terms[key][value].pk if key in terms else value for key, value in query.items()}
    page = admin_client.get(LISTING, query).text
    shown = {q.text for q in desk_questions.values() if q.text in page}
    assert shown == expected


def test_the_listing_filters_by_label(admin_client, desk_questions, home_page):
    garden = label(label_index(home_page))
    desk_questions["soon"].labels.add(garden)
    page = admin_client.get(LISTING, {"labels": garden.pk}).text
    assert "Question à venir" in page
    assert "Question en retard" not in page


def test_the_listing_filters_by_person(admin_client, desk_questions, circle):
    AssignmentFactory(question=desk_questions["soon"], person=circle["lucie"])
    page = admin_client.get(LISTING, {"person": circle["lucie"].pk}).text
    assert "Question à venir" in page
    assert "Question en retard" not in page


def test_the_desk_and_the_figures_need_the_permission(client, desk_questions):
    user = User.objects.create_user("editrice", password="x")
    editors = Group.objects.create(name="Sans questions")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(editors)
    client.force_login(user)
    question = desk_questions["late"]
    assert client.get(reverse("questions_desk", args=[question.pk])).status_code == 403
    assert client.post(reverse("questions_desk", args=[question.pk]), {"action": "reject"}).status_code == 403
    assert client.get(reverse("questions_figures")).status_code == 403


def test_an_unknown_desk_action_is_a_400_and_a_wrong_step_a_409(admin_client, desk_questions):
    desk = reverse("questions_desk", args=[desk_questions["closed"].pk])
    assert admin_client.post(desk, {"action": "explode"}).status_code == 400
    response = admin_client.post(desk, {"action": "reject-prefixed"})
    assert response.status_code == 400
    response = admin_client.post(desk, {"action": "reject", "reject-reason": "Trop tard"})
    assert response.status_code == 409
    desk_questions["closed"].refresh_from_db()
    assert desk_questions["closed"].status == Question.Status.CLOSED


def at(*moment):
    return time_machine.travel(datetime(*moment, tzinfo=PARIS), tick=False)


def test_the_figures_by_month(circle, taxonomy, admin_client):
    tuffeau = taxonomy["Material"]["tuffeau"]
    with at(2026, 11, 2, 10, 0):
        # Received on Monday 2 November; answered 3, 5 and 20 working days later.
        for sent in (datetime(2026, 11, 5, 10), datetime(2026, 11, 9, 10), datetime(2026, 12, 1, 10)):
            QuestionFactory(
                status=Question.Status.CLOSED,
                answer_sent_at=sent.replace(tzinfo=PARIS),
                promised_on=date(2026, 11, 23),
                themes={"materials": [tuffeau]},
            )
    with at(2026, 12, 2, 10, 0):
        QuestionFactory(themes={"materials": [taxonomy["Material"]["bois"]]})
        months = {row.month: row for row in monthly(2)}
        themes = top_themes(3)
        page = admin_client.get(reverse("questions_figures")).text
    november, december = months[date(2026, 11, 1)], months[date(2026, 12, 1)]
    assert (november.received, november.answered, november.median_days, november.share_in_time) == (
        3,
        2,
        4,
        100,
    )
    assert (december.received, december.answered, december.median_days, december.share_in_time) == (
        1,
        1,
        20,
        0,
    )
    assert themes == [("Tuffeau", 3), ("Bois", 1)]
    assert "Tuffeau" in page
