"""The outbox in the staff area: mails written to files when no mail server is set, listed
newest first for organisers, each look written to the audit log."""

import os
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from django.test import Client, override_settings

from freethem.core.models import AuditEntry
from freethem.core.tests.factories import PASSWORD, current_code, staff_user

pytestmark = pytest.mark.django_db

OUTBOX = "/staff/outbox/"


def signed_in(client: Client, role: str) -> None:
    user = staff_user(username=f"{role}1", role=role)
    client.post(
        "/staff/login/",
        {"username": user.username, "password": PASSWORD, "code": current_code(user)},
    )


def write_mail(folder: Path, name: str, *, to: str, subject: str, body: str, age: int) -> None:
    message = EmailMessage()
    message["From"] = "freethem <noreply@localhost>"
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = "Mon, 02 Jun 2025 10:00:00 +0000"
    message.set_content(body)
    message.add_alternative(f"<p>{body}</p><script>alert(1)</script>", subtype="html")
    path = folder / name
    path.write_bytes(bytes(message))
    stamp = 1_750_000_000 - age
    os.utime(path, (stamp, stamp))


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Path]:
    write_mail(
        tmp_path,
        "older.eml",
        to="ada@example.org",
        subject="Please confirm",
        body="Confirm here: https://example.org/c/1",
        age=60,
    )
    write_mail(
        tmp_path,
        "newer.eml",
        to="لیلا <leila@example.org>",
        subject="لطفاً تأیید کنید",
        body="تأیید: https://example.org/c/2",
        age=0,
    )
    (tmp_path / "notes.txt").write_text("not a mail")
    with override_settings(EMAIL_FILE_PATH=tmp_path):
        yield tmp_path


def test_it_lists_the_mails_newest_first_for_organisers(client: Client, outbox: Path) -> None:
    signed_in(client, "organiser")
    html = client.get(OUTBOX).content.decode()
    assert html.index("leila@example.org") < html.index("ada@example.org")
    assert "Please confirm" in html and "لطفاً تأیید کنید" in html
    assert "notes.txt" not in html
    assert AuditEntry.objects.filter(action="view outbox").count() == 1
    assert OUTBOX in client.get("/staff/").content.decode()  # linked from the staff home


def test_it_shows_one_mail_as_plain_text(client: Client, outbox: Path) -> None:
    signed_in(client, "organiser")
    html = client.get(f"{OUTBOX}older.eml/").content.decode()
    assert "Confirm here: https://example.org/c/1" in html
    assert "ada@example.org" in html
    assert "<script>alert(1)</script>" not in html  # the HTML part is never rendered
    entry = AuditEntry.objects.get(action="view outbox message")
    assert entry.subject == "older.eml"


def test_it_finds_no_file_outside_the_outbox(client: Client, outbox: Path) -> None:
    signed_in(client, "organiser")
    (outbox.parent / "secret.eml").write_text("Subject: secret\n\nsecret")
    assert client.get(f"{OUTBOX}..%2Fsecret.eml/").status_code == 404
    assert client.get(f"{OUTBOX}notes.txt/").status_code == 404
    assert client.get(f"{OUTBOX}missing.eml/").status_code == 404


def test_it_says_when_the_outbox_is_empty(client: Client, tmp_path: Path) -> None:
    signed_in(client, "organiser")
    with override_settings(EMAIL_FILE_PATH=tmp_path / "none-yet"):
        assert "The outbox is empty." in client.get(OUTBOX).content.decode()


@pytest.mark.parametrize("role", ["moderator", "researcher"])
def test_it_refuses_other_roles(client: Client, outbox: Path, role: str) -> None:
    signed_in(client, role)
    assert client.get(OUTBOX).status_code == 403
    assert client.get(f"{OUTBOX}older.eml/").status_code == 403
    assert OUTBOX not in client.get("/staff/").content.decode()
    assert not AuditEntry.objects.exists()


def test_it_sends_a_visitor_to_the_staff_sign_in(client: Client, outbox: Path) -> None:
    response = client.get(OUTBOX)
    assert response.status_code == 302 and "/staff/login/" in response["Location"]


def test_it_lists_the_outbox_in_persian(client: Client, outbox: Path) -> None:
    signed_in(client, "organiser")
    html = client.get(f"/fa{OUTBOX}").content.decode()
    assert 'dir="rtl"' in html
    assert "leila@example.org" in html
