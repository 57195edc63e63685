"""Appeals and signatures for the signing tests, made through the services the pages use."""

import re
from typing import Any

import pytest
from django.core import mail
from django.http import HttpResponse
from django.test import Client

from freethem.appeals import defences
from freethem.appeals.models import Appeal, AppealState, CountShard
from freethem.appeals.services import defences as defence_counts

SIGNER = {
    "name": "Ada Lovelace",
    "email": "ada@example.org",
    "country": "GB",
    "city": "London",
    "affiliation": "",
    "display": "full",
}


def make_appeal(*, slug: str = "free-them", **fields: Any) -> Appeal:
    fields.setdefault("state", AppealState.OPEN)
    return Appeal.objects.create(
        slug=slug,
        title_en=f"Appeal {slug}",
        title_fa=f"درخواست {slug}",
        text_en="Free them.\n\nAll of them.",
        text_fa="آزادشان کنید.\n\nهمه را.",
        goal=fields.pop("goal", 100),
        **fields,
    )


def sign(client: Client, appeal: Appeal, prefix: str = "", **fields: Any) -> HttpResponse:
    """Post the sign form as a browser would (with the fields a signer fills in)."""
    return client.post(f"{prefix}/appeals/{appeal.slug}/sign/", {**SIGNER, **fields})


def confirmed_count(appeal: Appeal) -> int:
    return sum(CountShard.totals(appeal).values())


def links_in(message: mail.EmailMessage) -> list[str]:
    """The site's links in a mail's plain text, as paths."""
    return [
        re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"https?://\S+", message.body)
    ]


def confirm_link(message: mail.EmailMessage) -> str:
    return next(link for link in links_in(message) if "/confirm/" in link)


def personal_link(message: mail.EmailMessage) -> str:
    return next(link for link in links_in(message) if "/you/" in link)


@pytest.fixture
def passes_defences(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every signer passes the defences (they have their own tests, test_defences*): these
    tests are about signing, confirming and counting."""
    monkeypatch.setattr(defence_counts, "checks_record", lambda checks: defences.Verdict())
