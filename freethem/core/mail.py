"""The site's mail: sent at most once, through SMTP or into the outbox.

A mail task can run twice: when its worker is killed mid-run, the task is run again once its
lease expires (freethem.core.services.tasks_recover). `send_once` keeps that from sending a
mail twice: it records the mail's Message-ID (SentMail) at the last moment before the mail is
handed over, and a second run that finds the record sends nothing. With SMTP the record is
written after the message's data and before the lone dot that makes the server take it, so
a worker killed at any moment either sent the mail and recorded it, or did neither (but for
the instant between the record and the dot, when the mail is lost rather than sent twice).

The outbox backend: with no EMAIL_HOST, each message is written as one .eml file under
<data dir>/outbox/ (settings.EMAIL_FILE_PATH), where the staff area lists it.
"""

import logging
import os
import re
import secrets
import smtplib
import socket
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends import smtp
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage, sanitize_address
from django.db import IntegrityError
from django.utils import timezone

from freethem.core.models import SentMail

logger = logging.getLogger(__name__)

# How long a record of a sent mail is kept: far longer than any task waits for a retry.
SENT_MAIL_KEPT = timedelta(days=30)

Record = Callable[[], None]


class MailOutcomeUnknown(Exception):
    """The connection broke after the mail was recorded and its end sent: the server may have
    taken it or not. It is not sent again (at most once)."""


def message_key() -> str:
    """A new key for one mail: random, so it tells nothing of who or how many."""
    return secrets.token_hex(16)


def message_id(key: str) -> str:
    host = urlsplit(settings.FREETHEM_SITE_URL).hostname or "localhost"
    return f"<{key}@{host}>"


def send_once(message: EmailMessage, *, key: str) -> bool:
    """Send the message unless a mail with this key was sent before; True when sent now.

    Raises what the mail server or the network raised when the mail was not taken (the caller
    may try again later with the same key), or MailOutcomeUnknown when it may have been."""
    mail_id = message_id(key)
    message.extra_headers["Message-ID"] = mail_id
    if SentMail.objects.filter(message_id=mail_id).exists():
        return False
    recorded = False

    def record() -> None:
        nonlocal recorded
        SentMail.objects.create(message_id=mail_id)
        recorded = True

    connection = get_connection()
    try:
        if isinstance(connection, SMTPBackend | OutboxBackend):
            connection.send_recorded(message, record)
        else:  # another backend (tests, the console): recorded just before
            record()
            connection.send_messages([message])
    except IntegrityError:
        return False  # another run of the same task recorded it first, and sends it
    except smtplib.SMTPResponseException:
        # The server answered and refused: the mail was not taken, so it may be sent again.
        _forget(mail_id, recorded)
        raise
    except Exception as error:
        if recorded and isinstance(connection, SMTPBackend):
            raise MailOutcomeUnknown(mail_id) from error
        _forget(mail_id, recorded)
        raise
    return True


def _forget(mail_id: str, recorded: bool) -> None:
    if recorded:
        SentMail.objects.filter(message_id=mail_id).delete()


def sent_mail_prune(*, now: datetime) -> int:
    """Delete records of mails sent long ago; how many went."""
    before = now - SENT_MAIL_KEPT
    deleted, _by_model = SentMail.objects.filter(at__lt=before).delete()
    return deleted


class SMTPBackend(smtp.EmailBackend):
    """Django's SMTP backend, and send_recorded(): one message, recorded as sent after its
    data and before the lone dot that ends it, the moment the server takes it."""

    def send_recorded(self, message: EmailMessage, record: Record) -> None:
        with self._lock:
            created = self.open()
            try:
                self._send_recorded(message, record)
            finally:
                if created:
                    self._close_quietly()

    def _send_recorded(self, message: EmailMessage, record: Record) -> None:
        encoding = message.encoding or settings.DEFAULT_CHARSET
        sender = sanitize_address(message.from_email, encoding)
        recipients = [sanitize_address(address, encoding) for address in message.recipients()]
        data = message.message().as_bytes(linesep="\r\n")
        server = self.connection
        server.ehlo_or_helo_if_needed()
        code, reply = server.mail(sender)
        if code != 250:
            server.rset()
            raise smtplib.SMTPSenderRefused(code, reply, sender)
        for recipient in recipients:
            code, reply = server.rcpt(recipient)
            if code not in (250, 251):
                server.rset()
                raise smtplib.SMTPRecipientsRefused({recipient: (code, reply)})
        code, reply = server.docmd("DATA")
        if code != 354:
            server.rset()
            raise smtplib.SMTPDataError(code, reply)
        # As smtplib's data(): a line starting with a dot gets a second one (RFC 5321 4.5.2).
        body = re.sub(rb"(?m)^\.", b"..", data)
        if not body.endswith(b"\r\n"):
            body += b"\r\n"
        # The data and its end go in two writes: without this, the kernel holds the second
        # back until the server acknowledges the first (Nagle), up to 40 ms per mail.
        server.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            server.send(body)
            record()
        except BaseException:
            # Without its final dot the server drops the message. No QUIT: in the middle of
            # the data the server would read it as part of the message.
            self._drop()
            raise
        server.send(b".\r\n")
        code, reply = server.getreply()
        if code != 250:
            raise smtplib.SMTPDataError(code, reply)

    def _close_quietly(self) -> None:
        # The mail's fate is settled by now: a failing QUIT must not make it look unsent.
        try:
            self.close()
        except (smtplib.SMTPException, OSError):
            self.connection = None

    def _drop(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


class OutboxBackend(BaseEmailBackend):
    """Writes each message as an .eml file in the outbox folder."""

    def __init__(self, *, file_path: str | Path | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.folder = Path(
            file_path
            or getattr(settings, "EMAIL_FILE_PATH", "")
            or Path(settings.DATA_DIR) / "outbox"
        )

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = 0
        for message in email_messages:
            if message.recipients():
                self.send_recorded(message, lambda: None)
                sent += 1
        return sent

    def send_recorded(self, message: EmailMessage, record: Record) -> None:
        """Write the message under a temporary name, record it, then give it its name: a
        reader never sees half a message, and a recorded message is whole on disk."""
        self.folder.mkdir(parents=True, exist_ok=True)
        content = message.message().as_bytes(linesep="\r\n")
        # A name that sorts by time and never collides.
        name = f"{timezone.now():%Y%m%d-%H%M%S-%f}-{secrets.token_hex(4)}.eml"
        partial = self.folder / f".{name}.part"
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(content)
            record()
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        partial.replace(self.folder / name)
