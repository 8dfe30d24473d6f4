"""core.mail: a templated mail, rendered in the caller's language, delivered by a background task
to a real SMTP server; sent once per key however many times a timer asks."""

import copy
import threading
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django_tasks import task_backends

from conftest import skip_unless_postgres
from core.mail import Attachment, deliver_mail, send_templated_mail
from core.sent_messages import SentMessage, claim_once, forget

TEST_TEMPLATES = Path(__file__).parent / "templates"
ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"


@pytest.fixture(autouse=True)
def test_templates(settings):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEST_TEMPLATES]
    settings.TEMPLATES = templates


@pytest.mark.django_db
def test_a_templated_mail_reaches_the_smtp_server_with_text_html_attachment_and_headers(smtp_server):
    sent = send_templated_mail(
        "core_tests/notice",
        {"name": "Ada", "event": "Journée ConneXionS <Nantes>"},
        ["ada@example.org"],
        language="fr",
        reply_to=["equipe@example.org"],
        headers={"List-Unsubscribe": "<https://example.org/desinscription/abc>"},
        attachments=[Attachment("journee.ics", ICS, "text/calendar")],
    )
    assert sent is True
    [message] = smtp_server.wait_for(1)
    assert message["Subject"] == "Page introuvable : Journée ConneXionS <Nantes>"
    assert message["To"] == "ada@example.org"
    assert message["Reply-To"] == "equipe@example.org"
    assert message["List-Unsubscribe"] == "<https://example.org/desinscription/abc>"
    assert "Votre inscription à « Journée ConneXionS <Nantes> » est enregistrée." in smtp_server.text(message)
    # The HTML part is escaped by the template engine; the text part is not (it is plain text).
    assert "Journée ConneXionS &lt;Nantes&gt;" in smtp_server.html(message)
    assert smtp_server.attachments(message) == {"journee.ics": ICS.encode()}
    [part] = message.iter_attachments()
    assert part.get_content_type() == "text/calendar"


@pytest.mark.django_db
def test_the_language_asked_for_is_the_mails_not_the_callers(smtp_server):
    context = {"name": "Ada", "event": "Day"}
    send_templated_mail("core_tests/notice", context, ["ada@example.org"], language="en")
    [message] = smtp_server.wait_for(1)
    assert message["Subject"] == "Page not found : Day"


@pytest.mark.django_db
def test_a_mail_without_an_html_template_is_text_only():
    send_templated_mail("core_tests/plain", {}, ["ada@example.org"])
    [message] = mail.outbox
    assert message.subject == "Sujet seul"
    assert message.body == "Texte seul.\n"
    assert message.alternatives == []
    assert message.from_email == "Centre de ressources du patrimoine <noreply@localhost>"


@pytest.mark.django_db
def test_delivery_goes_through_a_django_tasks_task(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    backend.clear()
    send_templated_mail("core_tests/plain", {}, ["ada@example.org"])
    assert mail.outbox == []  # not delivered yet: waiting for a worker
    [result] = backend.results
    assert result.task.func is deliver_mail.func
    payload = result.args[0]
    assert payload["to"] == ["ada@example.org"]
    assert payload["subject"] == "Sujet seul"
    deliver_mail.call(payload)  # what the worker does
    assert [message.subject for message in mail.outbox] == ["Sujet seul"]


@pytest.mark.django_db
def test_a_failing_mail_server_fails_the_task_so_the_worker_records_it(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nobody there
    payload = {"subject": "S", "text": "T", "html": None, "from_email": "a@example.org"}
    with pytest.raises(ConnectionRefusedError):
        deliver_mail.call({**payload, "to": ["b@example.org"]})


@pytest.mark.django_db
def test_a_once_key_sends_once_however_many_times_it_is_asked():
    assert send_templated_mail("core_tests/plain", {}, ["ada@example.org"], once_key="tests:reminder:1")
    assert not send_templated_mail("core_tests/plain", {}, ["ada@example.org"], once_key="tests:reminder:1")
    assert send_templated_mail("core_tests/plain", {}, ["ada@example.org"], once_key="tests:reminder:2")
    assert len(mail.outbox) == 2
    assert set(SentMessage.objects.values_list("key", flat=True)) == {"tests:reminder:1", "tests:reminder:2"}


@pytest.mark.django_db
def test_a_rolled_back_transaction_keeps_no_once_key_so_the_next_run_sends(settings):
    # With the database backend the task row and the key share the caller's transaction.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

    def failing_run():
        with transaction.atomic():
            send_templated_mail("core_tests/plain", {}, ["ada@example.org"], once_key="tests:reminder:9")
            raise RuntimeError("the command failed after queuing")

    with pytest.raises(RuntimeError):
        failing_run()
    assert not SentMessage.objects.filter(key="tests:reminder:9").exists()
    assert send_templated_mail("core_tests/plain", {}, ["ada@example.org"], once_key="tests:reminder:9")


@pytest.mark.django_db
def test_claim_once_and_forget():
    assert claim_once("tests:notice:5") is True
    assert claim_once("tests:notice:5") is False
    assert forget("tests:notice:") == 1
    assert claim_once("tests:notice:5") is True


@skip_unless_postgres()
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_at_the_same_moment_claim_a_key_once():
    outcomes = []
    barrier = threading.Barrier(2)

    def run():
        try:
            barrier.wait()
            outcomes.append(claim_once("tests:race:1"))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [False, True]


@pytest.mark.django_db
def test_sending_costs_two_queries_with_a_key_and_none_without(django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as queries:
        send_templated_mail("core_tests/plain", {}, ["ada@example.org"])
    assert len(queries) == 0
    with django_assert_max_num_queries(3):  # savepoint, insert, release
        send_templated_mail("core_tests/plain", {}, ["ada@example.org"], once_key="tests:q:1")


@pytest.mark.django_db
def test_run_timers_runs_every_listed_command_and_reports_a_failure(settings, capsys):
    settings.TIMER_COMMANDS = [("check",), ("no_such_command",), ("check", "--tag", "templates")]
    with pytest.raises(CommandError, match="failed: no_such_command"):
        call_command("run_timers")
    assert capsys.readouterr().out.count("System check identified no issues") == 2
