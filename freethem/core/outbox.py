"""The outbox: with no EMAIL_HOST, mails are written as .eml files under <data dir>/outbox/
(settings.EMAIL_FILE_PATH). Reading them back for the staff area."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from django.conf import settings

# A name the backend writes; anything else (a path, "..") is not a message of the outbox.
MESSAGE_NAME = re.compile(r"^[\w.-]+\.eml$")


@dataclass
class Entry:
    name: str
    written_at: datetime
    to: str
    subject: str


def outbox_dir() -> Path:
    return Path(getattr(settings, "EMAIL_FILE_PATH", "") or Path(settings.DATA_DIR) / "outbox")


def outbox_names() -> list[str]:
    """The messages' file names, newest first."""
    folder = outbox_dir()
    if not folder.is_dir():
        return []
    files = [path for path in folder.glob("*.eml") if path.is_file()]
    files.sort(key=lambda path: (path.stat().st_mtime, path.name), reverse=True)
    return [path.name for path in files]


def _parse(path: Path, *, headers_only: bool) -> EmailMessage:
    with path.open("rb") as file:
        return BytesParser(policy=policy.default).parse(file, headersonly=headers_only)


def outbox_entry(name: str) -> Entry:
    path = outbox_dir() / name
    message = _parse(path, headers_only=True)
    return Entry(
        name=name,
        written_at=datetime.fromtimestamp(path.stat().st_mtime, tz=UTC),
        to=str(message.get("To", "")),
        subject=str(message.get("Subject", "")),
    )


def outbox_message(name: str) -> EmailMessage | None:
    """The message called name, or None when there is none by that name."""
    if not MESSAGE_NAME.match(name):
        return None
    path = outbox_dir() / name
    if not path.is_file():
        return None
    return _parse(path, headers_only=False)


def plain_text(message: EmailMessage) -> str:
    """The text/plain body (the HTML part is not rendered in the staff area)."""
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""
