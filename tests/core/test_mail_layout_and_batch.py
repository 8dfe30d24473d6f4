"""core.mail's shared HTML layout (an optional html template, the text part itself in the
layout) and its batch sender (one connection, an outcome per recipient, a failure never
stopping the batch), through a real SMTP server."""

import copy
from pathlib import Path

import pytest
from django.core.mail.backends.smtp import EmailBackend

from core.mail import TEXT_AS_HTML, mail_payload, send_batch, send_templated_mail

TEST_TEMPLATES = Path(__file__).parent / "templates"


@pytest.fixture(autouse=True)
def test_templates(settings):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEST_TEMPLATES]
    settings.TEMPLATES = templates


@pytest.mark.django_db
def test_the_text_part_shown_in_the_shared_html_layout(smtp_server):
    send_templated_mail(
        "core_tests/layout",
        {"name": "Ada <Lovelace>", "url": "https://example.org/suivi/abc/"},
        ["ada@example.org"],
        language="fr",
        html_template=TEXT_AS_HTML,
    )
    [message] = smtp_server.wait_for(1)
    text, html = smtp_server.text(message), smtp_server.html(message)
    assert "Bonjour Ada <Lovelace>" in text  # the text part is not escaped
    assert 'lang="fr"' in html
    assert "<title>Votre question</title>" in html
    assert '<table role="presentation"' in html
    assert "Ada &lt;Lovelace&gt;" in html  # the HTML part is
    assert '<a href="https://example.org/suivi/abc/"' in html
    assert "<img" not in html


@pytest.mark.django_db
def test_a_mail_without_html_template_stays_text_only(smtp_server):
    send_templated_mail("core_tests/plain", {}, ["ada@example.org"])
    [message] = smtp_server.wait_for(1)
    assert smtp_server.html(message) is None


class CountingBackend(EmailBackend):
    """Refuses « refuse@ » addresses; counts the connections it opens."""

    connections = 0

    def open(self):
        opened = super().open()
        if opened:
            CountingBackend.connections += 1
        return opened

    def send_messages(self, messages):
        if messages[0].to[0].startswith("refuse@"):
            raise ConnectionError("550 mailbox unavailable")
        return super().send_messages(messages)


@pytest.mark.django_db
def test_a_batch_goes_over_one_connection_with_an_outcome_per_recipient(smtp_server, settings):
    settings.EMAIL_BACKEND = "tests.core.test_mail_layout_and_batch.CountingBackend"
    CountingBackend.connections = 0
    addresses = ["un@example.org", "deux@example.org", "trois@example.org", "quatre@example.org"]
    mails = ((address, mail_payload("core_tests/plain", {}, [address])) for address in addresses)
    outcomes = list(send_batch(mails))
    assert [outcome.ref for outcome in outcomes] == addresses
    assert all(outcome.sent for outcome in outcomes)
    assert sorted(to for _sender, [to] in smtp_server.envelopes) == sorted(addresses)
    assert CountingBackend.connections == 1


@pytest.mark.django_db
def test_a_failure_in_a_batch_is_that_recipients_outcome_only(smtp_server, settings):
    settings.EMAIL_BACKEND = "tests.core.test_mail_layout_and_batch.CountingBackend"
    addresses = ["un@example.org", "refuse@example.org", "trois@example.org"]
    outcomes = list(send_batch((a, mail_payload("core_tests/plain", {}, [a])) for a in addresses))
    assert [(outcome.ref, outcome.sent) for outcome in outcomes] == [
        ("un@example.org", True),
        ("refuse@example.org", False),
        ("trois@example.org", True),
    ]
    assert "550" in outcomes[1].error
    assert sorted(to for _sender, [to] in smtp_server.envelopes) == ["trois@example.org", "un@example.org"]
