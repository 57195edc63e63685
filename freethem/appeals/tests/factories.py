"""Appeals and signatures for the signing tests, made through the services the pages use."""

import re
from typing import Any

import pytest
from django.core import mail
from django.http import HttpResponse
from django.test import Client

from freethem.appeals import defences, services
from freethem.appeals.defences import Checks, Verdict
from freethem.appeals.models import Appeal, AppealState, CountShard, Signature
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


def signed(appeal: Appeal, number: int, *, confirm: bool = True, **fields: Any) -> Signature:
    """Signature number `number` of an appeal, through the signing service with the defences
    passed (confirmed unless confirm=False); fields override the defaults."""
    values = {
        "name": f"Signer Number{number}",
        "email": f"s{number}@example.org",
        "country": "DE",
        "city": "",
        "affiliation": "",
        "display": "full",
        "wants_updates": False,
        "language": "en",
        "ip": "",
        "checks": Checks.decided(Verdict()),
        **fields,
    }
    signature = services.signature_create(appeal=appeal, **values)
    if confirm:
        services.signature_confirm(signature=signature)
    return signature


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
