"""A real SMTP server for tests (aiosmtpd on 127.0.0.1), which a test can start late or stop,
to see mail wait while the server is down and go out when it is back.

    from freethem.core.testing.smtp import smtp_server  # noqa: F401 - a fixture

    def test_it_mails(smtp_server):
        smtp_server.start()
        with override_settings(**smtp_server.email_settings()):
            ...
        assert smtp_server.messages[0]["To"] == "ada@example.org"
"""

import socket
from collections.abc import Callable, Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Collector:
    def __init__(self, server: "SMTPServer") -> None:
        self.server = server

    async def handle_RCPT(
        self, smtp: SMTP, session: Session, envelope: Envelope, address: str, options: list
    ) -> str:
        if self.server.on_rcpt is not None:
            self.server.on_rcpt()
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, smtp: SMTP, session: Session, envelope: Envelope) -> str:
        if self.server.refusals > 0:
            self.server.refusals -= 1
            return "451 Try again later"
        content = envelope.content if isinstance(envelope.content, bytes) else b""
        message = message_from_bytes(content, policy=policy.default)
        self.server.messages.append(message)  # type: ignore[arg-type]
        self.server.recipients.append(list(envelope.rcpt_tos))
        if self.server.on_data is not None:
            self.server.on_data()  # the message is taken: whatever happens now, it is delivered
        return "250 Message accepted for delivery"


class SMTPServer:
    """An SMTP server on a port chosen up front; nothing listens there until start()."""

    def __init__(self) -> None:
        self.host = "127.0.0.1"
        self.port = free_port()
        self.messages: list[EmailMessage] = []
        self.recipients: list[list[str]] = []
        self.refusals = 0  # how many of the next messages to refuse (451), as a busy server
        # Called (in the server's thread) as a recipient is given, and after a message is taken.
        self.on_rcpt: Callable[[], None] | None = None
        self.on_data: Callable[[], None] | None = None
        self._controller: Controller | None = None

    def start(self) -> None:
        if self._controller is None:
            self._controller = Controller(_Collector(self), hostname=self.host, port=self.port)
            self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def email_settings(self) -> dict[str, Any]:
        """Settings that send the site's mail to this server (for override_settings)."""
        return {
            "EMAIL_BACKEND": "freethem.core.mail.SMTPBackend",
            "EMAIL_HOST": self.host,
            "EMAIL_PORT": self.port,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_USE_TLS": False,
            "EMAIL_USE_SSL": False,
            "EMAIL_TIMEOUT": 5,
        }


@pytest.fixture
def smtp_server() -> Iterator[SMTPServer]:
    """A real SMTP server on 127.0.0.1, not started: call start() (and stop() if you like)."""
    server = SMTPServer()
    try:
        yield server
    finally:
        server.stop()
