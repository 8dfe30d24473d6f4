"""The timer's commands (reminders once, purge of personal data) and the organisers' export."""

import csv
import io
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from agenda.registrations import Registration
from tests.factories.agenda import EventIndexPageFactory, EventPageFactory, RegistrationFactory


@pytest.fixture
def agenda(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.mark.django_db
def test_reminders_leave_the_configured_days_before_once_even_if_the_timer_runs_twice(agenda):
    start = timezone.now().replace(microsecond=0) + timedelta(days=10)
    event = EventPageFactory(parent=agenda, start=start, end=start + timedelta(hours=6), reminder_days=3)
    confirmed = RegistrationFactory(event=event, email="ada@example.org")
    RegistrationFactory(event=event, email="waits@example.org", status=Registration.Status.WAITING)
    RegistrationFactory(event=event, email="left@example.org", status=Registration.Status.CANCELLED)
    call_command("run_timers")
    assert mail.outbox == []  # ten days before: too early
    with time_machine.travel(start - timedelta(days=3, minutes=-1)):
        call_command("run_timers")
        call_command("send_event_reminders")
    assert [message.to for message in mail.outbox] == [["ada@example.org"]]
    reminder = mail.outbox[0]
    assert reminder.subject == f"Reminder: {event.title}" or event.title in reminder.subject
    assert "/agenda/cancel/" in reminder.body
    assert confirmed.name in reminder.body


@pytest.mark.django_db
def test_registrations_are_purged_90_days_after_their_event_and_not_before(agenda):
    start = timezone.now().replace(microsecond=0) - timedelta(days=100)
    old = EventPageFactory(parent=agenda, start=start, end=start + timedelta(hours=6))
    recent = EventPageFactory(
        parent=agenda, start=start + timedelta(days=20), end=start + timedelta(days=20, hours=6)
    )
    RegistrationFactory(event=old)
    kept = RegistrationFactory(event=recent)
    call_command("purge_registrations")
    call_command("purge_registrations")  # twice: nothing more
    assert list(Registration.objects.all()) == [kept]


@pytest.mark.django_db
def test_the_admin_exports_the_registrations_with_formulas_neutralised(client, agenda):
    event = EventPageFactory(parent=agenda)
    RegistrationFactory(
        event=event, name='=HYPERLINK("http://evil")', organisation="+33 2 40", answers={"Q": "-x"}
    )
    RegistrationFactory(event=event, name="Ada Lovelace")
    admin = User.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(admin)
    listing = client.get("/admin/registrations/", {"event": event.pk})
    assert listing.status_code == 200
    assert "Ada Lovelace" in listing.content.decode()
    response = client.get("/admin/registrations/", {"export": "csv", "event": event.pk})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    names = [row[1] for row in rows[1:]]
    assert '\'=HYPERLINK("http://evil")' in names
    assert "Ada Lovelace" in names
    response = client.get("/admin/registrations/", {"export": "xlsx", "event": event.pk})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell.value for row in sheet.iter_rows() for cell in row]
    assert '\'=HYPERLINK("http://evil")' in cells
    assert all(not (isinstance(value, str) and value.startswith("=")) for value in cells)


@pytest.mark.django_db
def test_visitors_cannot_see_the_registrations(client, agenda):
    event = EventPageFactory(parent=agenda)
    RegistrationFactory(event=event, email="secret@example.org")
    assert "secret@example.org" not in client.get(event.url).content.decode()
    assert client.get("/admin/registrations/").status_code == 302  # to the login
