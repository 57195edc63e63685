"""A mailing reaches exactly the consenting members of its list, through the real SMTP server
on loopback: an appeal's confirmed signers who asked for updates, a prisoner's confirmed
followers, an event's confirmed RSVPs; never those who did not opt in, were erased or left."""

from email.message import EmailMessage

import pytest
from django.test import override_settings
from django.utils import timezone

from freethem.actions.models import Delivery, Mailing, Unsubscribe
from freethem.actions.services import mailings as services
from freethem.actions.subscriptions import address_hash
from freethem.actions.tests.factories import make_follow, make_mailing
from freethem.actions.vocab import Audience, DeliveryState, FollowState, MailingState
from freethem.appeals.tests.factories import make_appeal, signed
from freethem.core.testing.smtp import SMTPServer
from freethem.core.testing.smtp import smtp_server as smtp_server  # the fixture
from freethem.events.tests.factories import make_event
from freethem.events.tests.rsvp_factories import deliver, make_rsvp
from freethem.events.vocab import RsvpState
from freethem.prisoners.tests.factories import make_person

pytestmark = pytest.mark.django_db(transaction=True)


def after_test(mailing: Mailing) -> Mailing:
    Mailing.objects.filter(pk=mailing.pk).update(test_sent_at=timezone.now())
    mailing.refresh_from_db()
    return mailing


def send(mailing: Mailing, smtp_server: SMTPServer) -> list[EmailMessage]:
    smtp_server.start()
    with override_settings(**smtp_server.email_settings()):
        deliver()  # the signers' own mails (confirmation) first
        smtp_server.messages.clear()
        services.mailing_start(mailing=after_test(mailing))
        deliver()
    return smtp_server.messages


def to(messages: list[EmailMessage]) -> list[str]:
    return sorted(str(message["To"]) for message in messages)


def test_it_mails_only_the_signers_who_asked_for_updates(smtp_server: SMTPServer) -> None:
    appeal = make_appeal(slug="list")
    signed(appeal, 1, wants_updates=True)
    signed(appeal, 2, wants_updates=True, language="fa")
    signed(appeal, 3, wants_updates=False)  # did not ask
    signed(appeal, 4, wants_updates=True, confirm=False)  # never confirmed
    erased = signed(appeal, 5, wants_updates=True)
    type(erased).objects.filter(pk=erased.pk).update(email=None)  # erased on schedule
    signed(appeal, 6, wants_updates=True)
    Unsubscribe.objects.create(
        email_hash=address_hash("S6@example.org"), scope=f"appeal:{appeal.pk}"
    )
    signed(appeal, 7, wants_updates=True)
    Unsubscribe.objects.create(email_hash=address_hash("s7@example.org"), scope="all")
    signed(appeal, 8, wants_updates=True)
    Unsubscribe.objects.create(email_hash=address_hash("s8@example.org"), scope="appeal:999999")
    signed(make_appeal(slug="other"), 9, wants_updates=True)  # another appeal's list
    mailing = make_mailing(audience=Audience.APPEAL_SIGNERS, appeal=appeal)

    assert services.mailing_reach(mailing) == 3
    messages = send(mailing, smtp_server)

    assert to(messages) == ["s1@example.org", "s2@example.org", "s8@example.org"]
    assert [to for (to,) in smtp_server.recipients[-3:]] == [str(m["To"]) for m in messages]
    mailing.refresh_from_db()
    assert mailing.state == MailingState.SENT and mailing.finished_at is not None
    assert services.mailing_log(mailing) == services.Log(queued=0, sent=3, failed=0, skipped=0)


def test_it_writes_to_each_in_their_language_with_unsubscribe_headers_and_footer(
    smtp_server: SMTPServer,
) -> None:
    appeal = make_appeal(slug="languages")
    signed(appeal, 1, wants_updates=True)
    signed(appeal, 2, wants_updates=True, language="fa")
    (english, persian) = sorted(
        send(make_mailing(appeal=appeal, audience=Audience.APPEAL_SIGNERS), smtp_server),
        key=lambda message: str(message["To"]),
    )
    assert english["Subject"] == "News of the appeal"
    assert persian["Subject"] == "خبر فراخوان"
    assert "delivered today" in english.get_content()
    persian_body = persian.get_content()
    assert "فراخوان امروز تحویل داده شد" in persian_body
    assert "/fa/subscriptions/unsubscribe/" in persian_body
    assert "/fa/subscriptions/manage/" in persian_body
    for message in (english, persian):
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        link = "".join(str(message["List-Unsubscribe"]).split()).strip("<>")
        assert "/subscriptions/unsubscribe/" in link
        assert link in message.get_content().replace("\r\n", "\n")
        assert message["Precedence"] == "bulk"
    assert "/subscriptions/manage/" in english.get_content()
    assert "s1@example.org" not in english.get_content()  # no address in the text


def test_it_falls_back_to_english_when_the_persian_is_not_written(
    smtp_server: SMTPServer,
) -> None:
    appeal = make_appeal(slug="english-only")
    signed(appeal, 2, wants_updates=True, language="fa")
    mailing = make_mailing(
        audience=Audience.APPEAL_SIGNERS, appeal=appeal, subject_fa="", body_fa=""
    )
    (message,) = send(mailing, smtp_server)
    assert message["Subject"] == "News of the appeal"
    assert "/subscriptions/unsubscribe/" in message.get_content()
    assert "/fa/" not in str(message["List-Unsubscribe"])


def test_it_mails_a_prisoners_confirmed_followers_only(smtp_server: SMTPServer) -> None:
    prisoner = make_person()
    make_follow(prisoner, email="on@example.org")
    make_follow(prisoner, email="pending@example.org", state=FollowState.PENDING, confirmed_at=None)
    make_follow(prisoner, email="stopped@example.org", state=FollowState.STOPPED)
    make_follow(make_person(), email="elsewhere@example.org")
    mailing = make_mailing(audience=Audience.FOLLOWERS, prisoner=prisoner)
    assert to(send(mailing, smtp_server)) == ["on@example.org"]
    assert Delivery.objects.get().source.startswith("actions.follow:")


def test_it_mails_an_events_confirmed_rsvps_only(smtp_server: SMTPServer) -> None:
    event = make_event()
    make_rsvp(event, email="going@example.org")
    make_rsvp(event, email="waiting@example.org", state=RsvpState.WAITING, language="fa")
    make_rsvp(event, email="pending@example.org", state=RsvpState.PENDING)
    make_rsvp(event, email="cancelled@example.org", state=RsvpState.CANCELLED)
    make_rsvp(make_event(slug="other"), email="other@example.org")
    mailing = make_mailing(audience=Audience.EVENT_RSVPS, event=event)
    messages = send(mailing, smtp_server)
    assert to(messages) == ["going@example.org", "waiting@example.org"]
    assert any("شب‌زنده‌داری" in message.get_content() for message in messages)


def test_it_skips_those_erased_or_unsubscribed_after_sending_began(smtp_server: SMTPServer) -> None:
    appeal = make_appeal(slug="since")
    signed(appeal, 1, wants_updates=True)
    erased = signed(appeal, 2, wants_updates=True)
    signed(appeal, 3, wants_updates=True)
    mailing = after_test(make_mailing(audience=Audience.APPEAL_SIGNERS, appeal=appeal))
    smtp_server.start()
    with override_settings(**smtp_server.email_settings()):
        deliver()
        smtp_server.messages.clear()
        assert services.mailing_start(mailing=mailing) == 3  # the snapshot
        type(erased).objects.filter(pk=erased.pk).update(email=None)
        Unsubscribe.objects.create(email_hash=address_hash("s3@example.org"), scope="all")
        deliver()
    assert to(smtp_server.messages) == ["s1@example.org"]
    assert services.mailing_log(mailing) == services.Log(queued=0, sent=1, failed=0, skipped=2)
    assert Delivery.objects.filter(state=DeliveryState.SKIPPED).count() == 2
