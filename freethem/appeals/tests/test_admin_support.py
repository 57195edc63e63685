"""What the staff-area and lifecycle tests of appeals share: appeals and signatures made
straight in the database (as the sign form leaves them), and signing in (no tests here)."""

import secrets
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from freethem.appeals import defences
from freethem.appeals.models import Appeal, Display, Signature
from freethem.appeals.services import count_adjust, email_hash
from freethem.appeals.tests.factories import confirmed_count, make_appeal
from freethem.core.tests.factories import PASSWORD, current_code, staff_user

SIGNATURES = "/staff/appeals/signature/"
APPEALS = "/staff/appeals/appeal/"


def signed_in(client: Client, *, role: str) -> User:
    """A new staff user in the role, signed in on client with password and code."""
    user = staff_user(username=f"{role}1", role=role)
    response = client.post(
        "/staff/login/",
        {"username": user.username, "password": PASSWORD, "code": current_code(user)},
    )
    assert response.status_code == 302, response
    return user


def make_signature(
    appeal: Appeal,
    *,
    email: str,
    name: str = "Ada Lovelace",
    display: str = Display.FULL,
    confirmed: bool = True,
    created_at: datetime | None = None,
    ip: str = "203.0.113.7",
    **fields: Any,
) -> Signature:
    """A signature; a confirmed one that counts is on the appeal's count, as after the
    confirmation button."""
    public = {Display.FULL: name, Display.FIRST: name.split()[0], Display.HIDDEN: ""}[display]
    signature = Signature.objects.create(
        appeal=appeal,
        name=name,
        public_name=public,
        email=email,
        email_hash=email_hash(email),
        email_domain=email.rsplit("@", 1)[1],
        country=fields.pop("country", "DE"),
        display=display,
        state="confirmed" if confirmed else "pending",
        confirmed_at=timezone.now() if confirmed else None,
        ip=ip,
        network_hash=defences.network_hash(ip),
        link_key=secrets.token_hex(32),
        created_at=created_at or timezone.now(),
        **fields,
    )
    if signature.counts:
        count_adjust(signature=signature, delta=1)
    return signature


__all__ = ["confirmed_count", "make_appeal", "make_signature", "signed_in"]
