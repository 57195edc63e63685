"""Mailings to the campaign's lists: who is on a list, the mail each reader gets, and sending
(started by staff, carried out in throttled batches by the worker, freethem.actions.tasks).

A list is only ever those who opted in to it: an appeal's confirmed signers who asked for
updates, a prisoner's confirmed followers, an event's confirmed RSVPs (going or waiting),
minus every address with an Unsubscribe row for that list or for "all". Nobody else is mailed.

When sending starts, one Delivery row per reader is written (the snapshot: later signers wait
for the next mailing). A delivery names the row the address is read from, never the address:
the worker reads it when it sends, and skips a reader erased, unsubscribed or gone from the
list since. Each delivery is sent at most once (freethem.core.mail.send_once, keyed by the
delivery), so a worker killed halfway and started again mails nobody twice.
"""

import logging
import smtplib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.db.models import Count, F, Min, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from freethem.actions.models import Delivery, Follow, Mailing, Unsubscribe
from freethem.actions.subscriptions import (
    ALL,
    address_hash,
    list_headers,
    manage_url,
    scope_for,
    unsubscribe_url,
)
from freethem.actions.vocab import Audience, DeliveryState, FollowState, MailingState
from freethem.appeals.models import Signature
from freethem.appeals.tasks import retry_delay
from freethem.core.crypto import keyed_hash
from freethem.core.mail import MailOutcomeUnknown, send_once
from freethem.events.models import Rsvp
from freethem.events.services.rsvps import ERASED
from freethem.events.vocab import RsvpState

logger = logging.getLogger(__name__)

# At most this many mails in one run of the sending task (fewer when the rate is lower).
BATCH_MAX = 20
# A delivery the mail server keeps refusing for a while (4xx) is given up after this many tries.
MAX_ATTEMPTS = 8
# Rows read from the database at a time while a list is walked.
CHUNK = 500
# The texts staff write; a change to any of them needs a new test before sending.
CONTENT_FIELDS = ("audience", "appeal", "prisoner", "event", "subject_en", "subject_fa",
                  "body_en", "body_fa")  # fmt: skip
TEST_PREFIX = "[TEST] "

NOT_DRAFT = gettext_lazy("This mailing has been sent: it can no longer be changed.")
TEST_FIRST = gettext_lazy(
    "Send a test to yourself first: a mailing is sent only after a test of its latest text."
)
NO_STAFF_EMAIL = gettext_lazy(
    "Your staff account has no email address: add one to your account to receive tests."
)


@dataclass(frozen=True)
class Recipient:
    source: str  # "appeals.signature:12"
    email: str
    language: str


def mailing_scope(mailing: Mailing) -> str:
    """The name of the mailing's list on unsubscribe rows and in its links."""
    if mailing.audience == Audience.APPEAL_SIGNERS:
        return scope_for("appeal", mailing.appeal_id)
    if mailing.audience == Audience.FOLLOWERS:
        return scope_for("followers", mailing.prisoner_id)
    return scope_for("event", mailing.event_id)


def list_rows(mailing: Mailing) -> models.QuerySet:
    """The rows of those who opted in to the mailing's list, before unsubscribes."""
    if mailing.audience == Audience.APPEAL_SIGNERS:
        return Signature.objects.confirmed().filter(
            appeal_id=mailing.appeal_id, wants_updates=True, email__isnull=False
        )
    if mailing.audience == Audience.FOLLOWERS:
        return Follow.objects.filter(
            prisoner_id=mailing.prisoner_id, state=FollowState.CONFIRMED, email__isnull=False
        )
    return Rsvp.objects.filter(
        event_id=mailing.event_id, state__in=(RsvpState.GOING, RsvpState.WAITING)
    ).exclude(email_hash__startswith=ERASED)


def source_of(row: models.Model) -> str:
    return f"{row._meta.label_lower}:{row.pk}"


def unsubscribed_among(hashes: Iterable[str], scope: str) -> set[str]:
    """Which of these address hashes left this list or every list."""
    hashes = list(hashes)
    if not hashes:
        return set()
    return set(
        Unsubscribe.objects.filter(email_hash__in=hashes, scope__in=(scope, ALL)).values_list(
            "email_hash", flat=True
        )
    )


def is_unsubscribed(*, email: str, scope: str) -> bool:
    """Whether this address left this list (or every list): for any mail to a list."""
    return bool(unsubscribed_among([address_hash(email)], scope))


def recipients(mailing: Mailing) -> Iterator[Recipient]:
    """Everyone the mailing goes to, read a chunk at a time: each address is decrypted once,
    hashed, and left out when it unsubscribed."""
    scope = mailing_scope(mailing)
    rows = list_rows(mailing).only("pk", "email", "language").order_by("pk")
    chunk: list[tuple[models.Model, str]] = []

    def flush() -> Iterator[Recipient]:
        gone = unsubscribed_among((hashed for _row, hashed in chunk), scope)
        for row, hashed in chunk:
            if hashed not in gone:
                yield Recipient(source_of(row), row.email, row.language or "en")
        chunk.clear()

    for row in rows.iterator(chunk_size=CHUNK):
        if not row.email:
            continue
        chunk.append((row, address_hash(row.email)))
        if len(chunk) >= CHUNK:
            yield from flush()
    yield from flush()


def mailing_reach(mailing: Mailing) -> int:
    """How many the mailing would reach if sent now (a count: no address leaves here)."""
    return sum(1 for _recipient in recipients(mailing))


def mail_language(mailing: Mailing, language: str) -> str:
    """The reader's language, or English when the mailing's Persian is not written."""
    if language.startswith("fa") and mailing.subject_fa.strip() and mailing.body_fa.strip():
        return "fa"
    return "en"


def list_name(mailing: Mailing) -> str:
    """The list's subject in the active language (an appeal's title, a prisoner's name, an
    event's title)."""
    if mailing.audience == Audience.APPEAL_SIGNERS:
        return mailing.appeal.title
    if mailing.audience == Audience.FOLLOWERS:
        return mailing.prisoner.name
    text = mailing.event.text(translation.get_language())
    return text.title if text else mailing.event.slug


def mailing_message(
    mailing: Mailing, *, email: str, language: str, test: bool = False
) -> EmailMessage:
    """The mail to one reader, in their language: the staff's text, then a footer saying why
    they get it, with the links to leave the list and to manage their subscriptions; and the
    headers with which mail programs offer a one-click unsubscribe (RFC 8058)."""
    language = mail_language(mailing, language)
    scope = mailing_scope(mailing)
    with translation.override(language):
        subject = mailing.in_language("subject", language)
        context = {
            "body": mailing.in_language("body", language).strip(),
            "audience": mailing.audience,
            "list_name": "\u2068" + list_name(mailing) + "\u2069",
            "unsubscribe_url": unsubscribe_url(email=email, scope=scope, language=language),
            "manage_url": manage_url(email=email, language=language),
            "test": test,
        }
        body = render_to_string("actions/mailings/mail/mailing.txt", context)
    headers = {
        **list_headers(email=email, scope=scope, language=language),
        "Precedence": "bulk",
    }
    return EmailMessage(
        subject=(TEST_PREFIX if test else "") + " ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email],
        headers=headers,
    )


# Staff's steps --------------------------------------------------------------------------


def mailing_save(*, mailing: Mailing, user: AbstractBaseUser, changed: Iterable[str]) -> None:
    """Write a draft; a change of its text or list asks for a new test before sending."""
    if (
        mailing.pk
        and Mailing.objects.filter(pk=mailing.pk).exclude(state=MailingState.DRAFT).exists()
    ):
        raise ValidationError(NOT_DRAFT)
    if not mailing.pk:
        mailing.created_by = user if user.is_authenticated else None
        mailing.test_sent_at = None
    elif set(changed) & {name for field in CONTENT_FIELDS for name in (field, f"{field}_id")}:
        mailing.test_sent_at = None
    mailing.full_clean(exclude=["created_by"])
    mailing.save()


def test_languages(mailing: Mailing) -> list[str]:
    """The languages a test is sent in: English, and Persian when it is written."""
    return ["en", "fa"] if mail_language(mailing, "fa") == "fa" else ["en"]


def mailing_send_test(*, mailing: Mailing, user: AbstractBaseUser) -> int:
    """Queue the test mails to the staff member's own address (one per language written);
    how many. The worker sends them; the mailing may be sent once they went."""
    from freethem.actions.tasks.mailings import send_mailing_test
    from freethem.core.mail import message_key

    if mailing.state != MailingState.DRAFT:
        raise ValidationError(NOT_DRAFT)
    if not getattr(user, "email", ""):
        raise ValidationError(NO_STAFF_EMAIL)
    languages = test_languages(mailing)
    for language in languages:
        send_mailing_test.enqueue(
            mailing_id=mailing.pk, user_id=user.pk, language=language, key=message_key()
        )
    return len(languages)


def content_of(mailing: Mailing) -> dict[str, object]:
    return {
        (f"{name}_id" if name in ("appeal", "prisoner", "event") else name): getattr(
            mailing, f"{name}_id" if name in ("appeal", "prisoner", "event") else name
        )
        for name in CONTENT_FIELDS
    }


def mailing_mark_tested(*, mailing: Mailing, content: dict[str, object]) -> bool:
    """Record that a test of this text went out: only while the text is still the one tested
    (an edit made while the test was on its way asks for another)."""
    return bool(
        Mailing.objects.filter(pk=mailing.pk, state=MailingState.DRAFT, **content).update(
            test_sent_at=timezone.now()
        )
    )


def mailing_start(*, mailing: Mailing) -> int:
    """Send the mailing: write a delivery for each reader on its list now, and hand them to
    the worker. Only a draft whose latest text was tested; how many deliveries."""
    from freethem.actions.tasks.mailings import send_mailing_batch

    with transaction.atomic():
        mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
        if mailing.state != MailingState.DRAFT:
            raise ValidationError(NOT_DRAFT)
        if mailing.test_sent_at is None:
            raise ValidationError(TEST_FIRST)
        count = 0
        batch: list[Delivery] = []
        for recipient in recipients(mailing):
            batch.append(
                Delivery(mailing=mailing, source=recipient.source, language=recipient.language)
            )
            if len(batch) >= CHUNK:
                count += len(Delivery.objects.bulk_create(batch, ignore_conflicts=True))
                batch = []
        count += len(Delivery.objects.bulk_create(batch, ignore_conflicts=True))
        mailing.state = MailingState.SENDING
        mailing.started_at = timezone.now()
        mailing.run += 1
        mailing.save(update_fields=["state", "started_at", "run"])
        # In the same transaction: the task exists exactly when the mailing is sending.
        send_mailing_batch.enqueue(mailing_id=mailing.pk, run=mailing.run)
    return count


def mailing_pause(*, mailing: Mailing) -> bool:
    """Stop sending after the batch under way; True when it was sending."""
    return bool(
        Mailing.objects.filter(pk=mailing.pk, state=MailingState.SENDING).update(
            state=MailingState.PAUSED
        )
    )


def mailing_resume(*, mailing: Mailing) -> bool:
    """Go on sending a paused mailing (a new run: a batch of the old one stops)."""
    from freethem.actions.tasks.mailings import send_mailing_batch

    with transaction.atomic():
        updated = Mailing.objects.filter(pk=mailing.pk, state=MailingState.PAUSED).update(
            state=MailingState.SENDING, run=F("run") + 1
        )
        if updated:
            run = Mailing.objects.values_list("run", flat=True).get(pk=mailing.pk)
            send_mailing_batch.enqueue(mailing_id=mailing.pk, run=run)
    return bool(updated)


@dataclass(frozen=True)
class Log:
    queued: int
    sent: int
    failed: int
    skipped: int

    @property
    def total(self) -> int:
        return self.queued + self.sent + self.failed + self.skipped


def mailing_log(mailing: Mailing) -> Log:
    counts = dict(
        mailing.deliveries.values_list("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    return Log(
        queued=counts.get(DeliveryState.QUEUED, 0),
        sent=counts.get(DeliveryState.SENT, 0),
        failed=counts.get(DeliveryState.FAILED, 0),
        skipped=counts.get(DeliveryState.SKIPPED, 0),
    )


# The worker's part ----------------------------------------------------------------------


def batch_size(rate: int) -> int:
    return max(1, min(rate, BATCH_MAX))


def address_of(mailing: Mailing, delivery: Delivery) -> str | None:
    """The reader's address as it is now: None when they left the list, were erased or
    unsubscribed since the snapshot."""
    _label, _colon, pk = delivery.source.rpartition(":")
    if not pk.isdigit():
        return None
    row = list_rows(mailing).only("pk", "email").filter(pk=int(pk)).first()
    if row is None or not row.email:
        return None
    if unsubscribed_among([address_hash(row.email)], mailing_scope(mailing)):
        return None
    return row.email


def delivery_key(mailing: Mailing, delivery: Delivery) -> str:
    """The delivery's mail key, the same in every run ("mailing:<id>:<delivery id>"), made
    opaque: it becomes the Message-ID, where a colon is not allowed and a readable number
    would tell the reader how many were mailed."""
    return keyed_hash(f"mailing:{mailing.pk}:{delivery.pk}", purpose="mailing-delivery")[:32]


def delivery_send(*, mailing: Mailing, delivery: Delivery, now: datetime) -> str:
    """Send one delivery and record how it went: sent, skipped, failed, or queued again for
    later (not_before) when the server refused for now."""
    email = address_of(mailing, delivery)
    if email is None:
        Delivery.objects.filter(pk=delivery.pk).update(state=DeliveryState.SKIPPED)
        return DeliveryState.SKIPPED
    attempts = delivery.attempts + 1
    message = mailing_message(mailing, email=email, language=delivery.language)
    sent = {"state": DeliveryState.SENT, "attempts": attempts, "sent_at": now}
    try:
        send_once(message, key=delivery_key(mailing, delivery))
    except MailOutcomeUnknown:
        # The server may have taken it: never sent again (at most once).
        Delivery.objects.filter(pk=delivery.pk).update(**sent, error="outcome unknown")
        return DeliveryState.SENT
    except (smtplib.SMTPException, OSError) as error:
        code = smtp_code(error)
        reason = f"SMTP {code}" if code else type(error).__name__
        if (code and code >= 500) or attempts >= MAX_ATTEMPTS:
            Delivery.objects.filter(pk=delivery.pk).update(
                state=DeliveryState.FAILED, attempts=attempts, error=reason[:200]
            )
            return DeliveryState.FAILED
        Delivery.objects.filter(pk=delivery.pk).update(
            attempts=attempts, error=reason[:200], not_before=now + retry_delay(attempts)
        )
        # No address in the log: the delivery's number finds the row.
        logger.warning("Mailing %s delivery %s: %s, tried again later.", mailing.pk,
                       delivery.pk, reason)  # fmt: skip
        return DeliveryState.QUEUED
    # Sent now, or by an earlier run of the task that died before it could record so.
    Delivery.objects.filter(pk=delivery.pk).update(**sent, error="")
    return DeliveryState.SENT


def smtp_code(error: BaseException) -> int:
    """The server's reply code in an SMTP error (the first recipient's when refused)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused) and error.recipients:
        code = next(iter(error.recipients.values()))[0]
        return code if isinstance(code, int) else 0
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code if isinstance(error.smtp_code, int) else 0
    return 0


@dataclass(frozen=True)
class BatchResult:
    outcome: str  # "stopped", "sent", "finished"
    sent: int = 0
    next_at: datetime | None = None


def mailing_send_batch(*, mailing_id: int, run: int, now: datetime | None = None) -> BatchResult:
    """One run of the sending task: a batch of due deliveries (at most the rate's share), then
    when the next batch may go, or the mailing finished. A run that is not the mailing's
    current one (paused, resumed, finished, or a second copy) does nothing."""
    now = now or timezone.now()
    mailing = (
        Mailing.objects.select_related("appeal", "prisoner", "event")
        .filter(pk=mailing_id, state=MailingState.SENDING, run=run)
        .first()
    )
    if mailing is None:
        return BatchResult("stopped")
    rate = settings.FREETHEM_MAILING_RATE
    size = batch_size(rate)
    queued = mailing.deliveries.filter(state=DeliveryState.QUEUED)
    due = queued.filter(Q(not_before__isnull=True) | Q(not_before__lte=now)).order_by("pk")
    sent = 0
    for delivery in list(due[:size]):
        if delivery_send(mailing=mailing, delivery=delivery, now=now) == DeliveryState.SENT:
            sent += 1
    waiting = queued.aggregate(n=Count("pk"), first=Min("not_before"))
    if not waiting["n"]:
        Mailing.objects.filter(pk=mailing.pk, state=MailingState.SENDING, run=run).update(
            state=MailingState.SENT, finished_at=timezone.now()
        )
        return BatchResult("finished", sent)
    next_at = now + timedelta(seconds=60 * size / rate)
    if not queued.filter(Q(not_before__isnull=True) | Q(not_before__lte=next_at)).exists():
        next_at = max(next_at, waiting["first"])  # all wait for a retry: wake for the first
    return BatchResult("sent", sent, next_at)
