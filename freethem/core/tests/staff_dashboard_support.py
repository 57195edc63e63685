"""What the staff home's tests share: a campaign with something waiting in every panel, and the
panels of a page as text (no tests here)."""

import html
import re
from dataclasses import dataclass

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import User

from freethem.appeals.models import Alert, Appeal, RuleKind, Signature
from freethem.appeals.tests.test_admin_support import make_appeal, make_signature
from freethem.core.audit import audit_record
from freethem.core.tests.factories import staff_user
from freethem.prisoners.models import Person
from freethem.prisoners.services import person_submit_for_review
from freethem.prisoners.tests.factories import make_person
from freethem.prisoners.vocab import Publication


@dataclass
class Campaign:
    appeal: Appeal
    held: Signature
    waiting: Person
    researcher: User


def campaign() -> Campaign:
    """One open appeal (goal 5,000) with 3 signatures counted, 2 waiting for the signer's
    confirmation, 1 held for review and 1 marked suspect; a draft appeal; 2 open alerts and one
    seen; a record a researcher submitted for review; a change in the staff area's history and
    an audit log entry."""
    appeal = make_appeal(slug="free-them", goal=5000)
    for n in range(3):
        make_signature(appeal, email=f"counted{n}@example.org", name=f"Counted Signer {n}")
    for n in range(2):
        make_signature(appeal, email=f"waiting{n}@example.org", confirmed=False)
    held = make_signature(
        appeal, email="held@example.org", name="Leila Held", held=True, reasons="no-pow"
    )
    make_signature(appeal, email="bot@example.org", suspect=True, reasons="blocked-ip ip-limit")
    make_appeal(slug="draft-one", state="draft")
    alerts = [("203.0.113.x", 140, False), ("spam.example", 320, False), ("old.example", 101, True)]
    for label, count, seen in alerts:
        kind = RuleKind.NETWORK if label[0].isdigit() else RuleKind.DOMAIN
        Alert.objects.create(kind=kind, source=label, label=label, count=count, seen=seen)

    researcher = staff_user(username="researcher1", role="researcher")
    waiting = make_person(
        name_latin="Sepideh Qolian", name_fa="سپیده قلیان", publication=Publication.DRAFT
    )
    person_submit_for_review(person=waiting, user=researcher)
    make_person(name_latin="Draft Person", publication=Publication.DRAFT)
    LogEntry.objects.log_actions(
        researcher.pk,
        [waiting],
        CHANGE,
        change_message=[{"changed": {"fields": ["custody status"]}}],
        single_object=True,
    )
    audit_record(user=None, action="view outbox", subject="page 1")
    return Campaign(appeal=appeal, held=held, waiting=waiting, researcher=researcher)


def text_of(fragment: str) -> str:
    """Visible text: tags gone, entities read, white space folded, isolates dropped."""
    inline = re.sub(r"</?(?:a|bdi|span|strong|time)\b[^>]*>", "", fragment)
    text = html.unescape(re.sub(r"<[^>]+>", " ", inline))
    return " ".join(text.replace("\u2066", "").replace("\u2069", "").split())


def panels(page: str) -> dict[str, str]:
    """The staff home's panels: heading -> the panel's HTML."""
    found = re.findall(
        r'<section class="module dashboard-panel"[^>]*>\s*<h2 id="[^"]+">(.*?)</h2>(.*?)</section>',
        page,
        flags=re.S,
    )
    return {text_of(title): body for title, body in found}
