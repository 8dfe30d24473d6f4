"""Registering for an event, as a visitor does it: seats, waiting list, the mails (received by a
real SMTP server), the calendar file, the signed cancel link and the promotion it causes."""

import re
import threading

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from icalendar import Calendar

from agenda import registrations
from agenda.models import EventQuestion
from agenda.registrations import Registration
from conftest import skip_unless_postgres
from tests.factories import actors as actor_factories
from tests.factories.agenda import EventIndexPageFactory, EventPageFactory, RegistrationFactory


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def agenda(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def event(agenda):
    return EventPageFactory(parent=agenda, title="Journée ConneXionS : la pierre", capacity=2)


def register(client, event, name="Ada Lovelace", email="ada@example.org", language="en", **extra):
    prefix = "/en" if language == "en" else ""
    return client.post(
        f"{prefix}{event.url}register/", {"name": name, "email": email, "organisation": "Atelier", **extra}
    )


def cancel_link(text: str) -> str:
    return re.search(r"http://localhost(\S*/agenda/cancel/\S+/)", text).group(1)


@pytest.mark.django_db
def test_a_visitor_registers_gets_a_mail_with_the_calendar_file_and_a_working_cancel_link(
    client, event, smtp_server
):
    response = client.post(f"{event.url}register/", {"name": "Ada Lovelace", "email": "ada@example.org"})
    assert response.status_code == 200
    assert "Ada" not in event.url
    [message] = smtp_server.wait_for(1)
    assert message["To"] == "ada@example.org"
    assert "Journée ConneXionS : la pierre" in message["Subject"]
    text = smtp_server.text(message)
    [(filename, ics)] = smtp_server.attachments(message).items()
    assert filename.endswith(".ics")
    [calendar_event] = Calendar.from_ical(ics).walk("VEVENT")
    assert str(calendar_event["SUMMARY"]) == "Journée ConneXionS : la pierre"
    assert calendar_event["UID"] == f"event-{event.translation_key}@localhost"
    assert calendar_event.decoded("DTSTART") == event.start
    assert "Abbaye de Fontevraud" in str(calendar_event["LOCATION"])

    link = cancel_link(text)
    page = client.get(link)
    assert page.status_code == 200
    assert Registration.objects.get().status == Registration.Status.CONFIRMED  # a GET changes nothing
    assert client.post(link).status_code == 200
    assert Registration.objects.get().status == Registration.Status.CANCELLED


@pytest.mark.django_db
def test_when_seats_run_out_people_wait_and_a_cancellation_promotes_the_first_who_is_told(
    client, event, smtp_server
):
    for number in range(4):
        assert register(client, event, name=f"P{number}", email=f"p{number}@example.org").status_code == 200
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "p0@example.org": "confirmed",
        "p1@example.org": "confirmed",
        "p2@example.org": "waiting",
        "p3@example.org": "waiting",
    }
    messages = smtp_server.wait_for(6)  # 4 registrations, the 80 % and the 100 % notices
    waiting_mail = next(m for m in messages if m["To"] == "p2@example.org")
    assert "waiting list" in smtp_server.text(waiting_mail)
    assert smtp_server.attachments(waiting_mail) == {}  # no calendar file without a seat
    smtp_server.clear()

    first = next(m for m in messages if m["To"] == "p0@example.org")
    client.post(cancel_link(smtp_server.text(first)))
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses["p0@example.org"] == "cancelled"
    assert statuses["p2@example.org"] == "confirmed"
    assert statuses["p3@example.org"] == "waiting"
    [promotion] = smtp_server.wait_for(1)
    assert promotion["To"] == "p2@example.org"
    assert "A seat is free for you" in promotion["Subject"]
    assert list(smtp_server.attachments(promotion)) == ["evenement.ics"]


@pytest.mark.django_db
def test_the_organisers_are_told_once_at_80_and_once_at_100_percent(client, agenda):
    event = EventPageFactory(parent=agenda, capacity=5, notify_emails="orga@example.org\nequipe@example.org")
    for number in range(7):
        register(client, event, email=f"p{number}@example.org")
    notices = [m for m in mail.outbox if "orga@example.org" in m.to]
    assert [m.subject for m in notices] == [f"80 % full: {event.title}", f"Full: {event.title}"]
    assert notices[0].to == ["orga@example.org", "equipe@example.org"]
    assert "4 of 5 seats are taken" in notices[0].body


@pytest.mark.django_db
def test_a_full_event_without_waiting_list_refuses_with_409_and_saves_nothing(client, agenda):
    event = EventPageFactory(parent=agenda, capacity=1, waiting_list=False)
    register(client, event, email="first@example.org")
    response = register(client, event, email="second@example.org")
    assert response.status_code == 409
    assert "Registration for this event is closed." in response.content.decode()
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_the_same_address_cannot_take_two_seats(client, event):
    register(client, event, email="ada@example.org")
    response = register(client, event, email="ADA@example.org")
    assert response.status_code == 400
    assert "This address is already registered for this event." in response.content.decode()
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_invalid_input_gets_labelled_errors_and_a_400(client, event):
    response = client.post(f"/en{event.url}register/", {"name": "", "email": "not an address"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "The form has errors" in page
    assert "Enter a valid email address." in page
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_the_honeypot_and_the_rate_limit_stop_robots(client, event):
    response = register(client, event, website="http://spam.example")
    assert response.status_code == 400
    assert Registration.objects.count() == 0
    for number in range(9):
        register(client, event, email=f"x{number}@example.org")
    assert register(client, event, email="last@example.org").status_code == 429


@pytest.mark.django_db
def test_the_editors_questions_are_asked_and_their_answers_kept(client, event):
    question = EventQuestion.objects.create(event=event, label="Régime alimentaire", required=True)
    page = client.get(event.url).content.decode()
    assert "Régime alimentaire" in page
    assert register(client, event).status_code == 400  # required
    register(client, event, **{question.field_name: "Végétarien"})
    assert Registration.objects.get().answers == {"Régime alimentaire": "Végétarien"}


@pytest.mark.django_db
def test_a_tampered_cancel_link_answers_400_and_cancels_nothing(client, event):
    register(client, event)
    link = cancel_link(mail.outbox[0].body)
    response = client.post(link[:-4] + "xyz/")
    assert response.status_code == 400
    assert Registration.objects.get().status == Registration.Status.CONFIRMED


@pytest.mark.django_db
def test_a_cancel_link_of_a_purged_registration_says_so_with_404(client, event):
    register(client, event)
    link = cancel_link(mail.outbox[0].body)
    Registration.objects.all().delete()
    response = client.get(link)
    assert response.status_code == 404
    assert "This registration no longer exists" in response.content.decode()


@pytest.mark.django_db
def test_the_online_link_is_sent_to_registered_people_and_never_shown(client, agenda):
    event = EventPageFactory(
        parent=agenda, attendance_mode="online", online_url="https://visio.example/salle-42"
    )
    assert "visio.example" not in client.get(event.url).content.decode()
    register(client, event)
    assert "https://visio.example/salle-42" in mail.outbox[0].body


@skip_unless_postgres()
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_taking_the_last_seat_at_once_get_one_seat_and_one_waiting_place(home_page):
    agenda = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=agenda, capacity=1)
    barrier = threading.Barrier(2)
    errors = []

    def take_seat(email):
        try:
            barrier.wait()
            registrations.register(event, name=email, email=email)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=take_seat, args=(f"{who}@example.org",)) for who in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(Registration.objects.values_list("status", flat=True)) == ["confirmed", "waiting"]


@pytest.mark.django_db
def test_a_double_cancel_promotes_only_once(event):
    seats = [RegistrationFactory(event=event) for _ in range(2)]
    waiting = [RegistrationFactory(event=event, status=Registration.Status.WAITING) for _ in range(2)]
    registrations.cancel(seats[0].pk, seats[0].check_value())
    registrations.cancel(seats[0].pk, seats[0].check_value())
    waiting[0].refresh_from_db()
    waiting[1].refresh_from_db()
    assert (waiting[0].status, waiting[1].status) == ("confirmed", "waiting")


@pytest.mark.django_db
def test_the_organiser_actors_contact_addresses_are_told_too(
    client, home_page, agenda, taxonomy, smtp_server
):
    directory = actor_factories.directory(home_page)
    saumur = actor_factories.communes()["Saumur"]
    department = taxonomy["Department"]["maine-et-loire"]
    with_address = actor_factories.actor(
        directory,
        saumur,
        department,
        "Abbaye",
        slug="abbaye",
        contact_email="Accueil@abbaye.example.org",
        contact_may_be_published=True,
    )
    without_address = actor_factories.actor(directory, saumur, department, "Atelier", slug="atelier")
    event = EventPageFactory(
        parent=agenda,
        capacity=2,
        notify_emails="equipe@example.org",
        organisers=[with_address, without_address],
    )
    register(client, event, email="p1@example.org")
    register(client, event, email="p2@example.org")
    messages = smtp_server.wait_for(4)
    notices = [m for m in messages if m["To"] != "p1@example.org" and m["To"] != "p2@example.org"]
    # 1 of 2 seats is 50 %: the first notice comes with the second seat, which is 80 % and 100 % at once.
    assert len(notices) == 2
    for notice in notices:
        assert {address.strip() for address in notice["To"].split(",")} == {
            "equipe@example.org",
            "Accueil@abbaye.example.org",
        }
    assert sorted(str(notice["Subject"]) for notice in notices) == [
        f"80 % full: {event.title}",
        f"Full: {event.title}",
    ]
    assert "2 of 2 seats are taken" in smtp_server.text(notices[0])
