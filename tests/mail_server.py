"""A real SMTP server for the tests where the mail itself is the behaviour.

``smtp_server`` (a fixture, tests/conftest.py) starts aiosmtpd on a free local port, points
Django's SMTP backend at it, and collects what it receives as ``email.message.EmailMessage``
objects (parsed with the standard library's modern policy), in arrival order:

    def test_confirmation(smtp_server, client):
        client.post(...)
        [message] = smtp_server.messages
        assert message["To"] == "ada@example.org"
        assert "Votre inscription" in smtp_server.text(message)
"""

import socket
import threading
import time
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class CollectingHandler:
    def __init__(self):
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd names it)
        message = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        with self.arrived:
            self.messages.append(message)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
            self.arrived.notify_all()
        return "250 Message accepted for delivery"


class MailServer:
    def __init__(self):
        self.handler = CollectingHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def start(self) -> "MailServer":
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    @property
    def messages(self) -> list[EmailMessage]:
        return list(self.handler.messages)

    @property
    def envelopes(self) -> list[tuple[str, list[str]]]:
        """(MAIL FROM, RCPT TO list) of each message: who the server was really asked to reach."""
        return list(self.handler.envelopes)

    def wait_for(self, count: int, timeout: float = 5.0) -> list[EmailMessage]:
        """The messages once ``count`` have arrived (a browser test's mail comes from another
        thread); fails the test after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        with self.handler.arrived:
            while len(self.handler.messages) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"{len(self.handler.messages)} message(s) arrived, {count} expected")
                self.handler.arrived.wait(remaining)
        return self.messages

    def clear(self) -> None:
        with self.handler.arrived:
            self.handler.messages.clear()
            self.handler.envelopes.clear()

    @staticmethod
    def text(message: EmailMessage) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()

    @staticmethod
    def html(message: EmailMessage) -> str | None:
        part = message.get_body(preferencelist=("html",))
        return part.get_content() if part is not None else None

    @staticmethod
    def attachments(message: EmailMessage) -> dict[str, bytes]:
        """File name → content of each attachment."""
        return {part.get_filename(): part.get_payload(decode=True) for part in message.iter_attachments()}
