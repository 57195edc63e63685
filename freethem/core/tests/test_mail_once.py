"""A mail is sent at most once, however often its task runs: send_once records it by its
Message-ID as the server takes it. A refused mail may be sent again; a mail whose sending
was cut off before its end never arrives half-written."""

from pathlib import Path

import pytest
from django.core.mail import EmailMessage
from django.db.models import QuerySet
from django.test import override_settings

from freethem.core.mail import message_id, message_key, send_once
from freethem.core.models import SentMail
from freethem.core.testing.smtp import SMTPServer
from freethem.core.testing.smtp import smtp_server as smtp_server  # the fixture

pytestmark = pytest.mark.django_db(transaction=True)


def a_mail() -> EmailMessage:
    return EmailMessage(
        "Please confirm", "Line one\n.\n..and a line with dots", to=["a@example.org"]
    )


def test_it_sends_a_mail_once_however_often_it_is_asked(smtp_server: SMTPServer) -> None:
    smtp_server.start()
    key = message_key()
    with override_settings(**smtp_server.email_settings()):
        assert send_once(a_mail(), key=key) is True
        assert send_once(a_mail(), key=key) is False
        assert send_once(a_mail(), key=message_key()) is True  # another mail
    assert len(smtp_server.messages) == 2
    first = smtp_server.messages[0]
    assert first["Message-ID"] == message_id(key)
    # Lines starting with a dot arrive as they were written.
    assert first.get_content().replace("\r\n", "\n") == "Line one\n.\n..and a line with dots\n"
    assert SentMail.objects.count() == 2


def test_it_sends_again_a_mail_the_server_refused(smtp_server: SMTPServer) -> None:
    import smtplib

    smtp_server.start()
    smtp_server.refusals = 1
    key = message_key()
    with override_settings(**smtp_server.email_settings()):
        with pytest.raises(smtplib.SMTPDataError):
            send_once(a_mail(), key=key)
        assert not SentMail.objects.exists()
        assert send_once(a_mail(), key=key) is True
    assert len(smtp_server.messages) == 1


def test_it_sends_nothing_when_another_run_recorded_the_mail_first(
    smtp_server: SMTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two runs of one task at once (the lease ran out while the first was still sending): the
    one that cannot record the mail ends its SMTP session without the final dot."""
    smtp_server.start()
    key = message_key()
    real_exists = SentMail.objects.filter

    def race(**lookup: str) -> QuerySet[SentMail]:
        # The first look finds nothing; by the time this run records, the other run has.
        SentMail.objects.get_or_create(message_id=message_id(key))
        monkeypatch.setattr(SentMail.objects, "filter", real_exists)
        return SentMail.objects.none()

    monkeypatch.setattr(SentMail.objects, "filter", race)
    with override_settings(**smtp_server.email_settings()):
        assert send_once(a_mail(), key=key) is False
        assert send_once(a_mail(), key=message_key()) is True  # the server is still fine
    assert len(smtp_server.messages) == 1
    assert smtp_server.messages[0]["Message-ID"] != message_id(key)


def test_it_writes_a_mail_once_into_the_outbox(tmp_path: Path) -> None:
    key = message_key()
    with override_settings(
        EMAIL_BACKEND="freethem.core.mail.OutboxBackend", EMAIL_FILE_PATH=tmp_path
    ):
        assert send_once(a_mail(), key=key) is True
        assert send_once(a_mail(), key=key) is False
    (written,) = tmp_path.iterdir()
    assert message_id(key).encode() in written.read_bytes()
