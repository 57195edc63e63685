"""The outbox mail backend: with no EMAIL_HOST, each message is written as one .eml file under
<data dir>/outbox/ (settings.EMAIL_FILE_PATH), where the staff area lists it."""

import os
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage
from django.utils import timezone


class OutboxBackend(BaseEmailBackend):
    def __init__(self, *, file_path: str | Path | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.folder = Path(
            file_path
            or getattr(settings, "EMAIL_FILE_PATH", "")
            or Path(settings.DATA_DIR) / "outbox"
        )

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        self.folder.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            if not message.recipients():
                continue
            self._write(message.message().as_bytes(linesep="\r\n"))
            sent += 1
        return sent

    def _write(self, content: bytes) -> Path:
        # A name that sorts by time and never collides; written under a temporary name and
        # renamed, so a reader never sees half a message.
        name = f"{timezone.now():%Y%m%d-%H%M%S-%f}-{secrets.token_hex(4)}.eml"
        path = self.folder / name
        partial = self.folder / f".{name}.part"
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
        partial.replace(path)
        return path
