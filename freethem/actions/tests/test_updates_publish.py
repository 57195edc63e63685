"""Publishing an update mails the confirmed followers of its prisoners, through the worker and
a real SMTP server on loopback: each once (publishing again, or a worker started again after
it stopped halfway, mails nobody twice), in their language, with the one-click unsubscribe
headers (RFC 8058) and the links to stop and to manage subscriptions; never someone pending,
stopped or unsubscribed."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from freethem.actions.models import Follow, Unsubscribe, Update
from freethem.actions.services.follows import followers_scope
from freethem.actions.services.updates import update_publish, updates_mail_due
from freethem.actions.subscriptions import address_hash, read_token
from freethem.actions.tests.factories import make_follow, make_update
from freethem.actions.vocab import FollowState, State
from freethem.core.testing.smtp import SMTPServer
from freethem.core.testing.smtp import smtp_server as smtp_server  # the fixture
from freethem.prisoners.tests.factories import make_person

pytestmark = pytest.mark.django_db(transaction=True)

SITE = "https://freethem.example.org"


def run_worker() -> None:
    """One run of the site's background worker: every task that is due, then it exits."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def _draft(**fields: object) -> Update:
    return make_update(state=State.DRAFT, published_at=None, **fields)


def test_it_mails_each_confirmed_follower_once_with_the_unsubscribe_headers(
    smtp_server: SMTPServer,
) -> None:
    person = make_person(name_latin="Narges Mohammadi", name_fa="نرگس محمدی")
    other = make_person()
    make_follow(person, email="ada@example.org")
    make_follow(person, email="babak@example.org", language="fa")
    make_follow(person, email="both@example.org")
    make_follow(other, email="both@example.org")  # follows both: one mail
    make_follow(person, email="pending@example.org", state="pending")
    make_follow(person, email="stopped@example.org", state="stopped")
    make_follow(person, email="left@example.org")
    make_follow(person, email="leftall@example.org")
    make_follow(other, email="other@example.org")
    make_follow(make_person(), email="unrelated@example.org")
    Unsubscribe.objects.create(
        email_hash=address_hash("left@example.org"), scope=followers_scope(person)
    )
    Unsubscribe.objects.create(email_hash=address_hash("leftall@example.org"), scope="all")
    update = _draft(title_en="Released on bail", title_fa="آزادی با وثیقه", prisoners=(person,))
    smtp_server.start()
    with override_settings(FREETHEM_SITE_URL=SITE, **smtp_server.email_settings()):
        update_publish(update=update)
        run_worker()
        update_publish(update=update)  # published again: nobody is mailed twice
        run_worker()
    to = sorted(recipients[0] for recipients in smtp_server.recipients)
    assert to == ["ada@example.org", "babak@example.org", "both@example.org"]
    by_address = {message["To"]: message for message in smtp_server.messages}
    english = by_address["ada@example.org"]
    assert (
        english["Subject"].strip() == "\u2068Narges Mohammadi\u2069: \u2068Released on bail\u2069"
    )
    body = english.get_content()
    assert f"{SITE}/updates/{update.slug}/" in body
    assert "/updates/following/" in body and "/stop/" in body  # the stop link
    assert f"{SITE}/subscriptions/manage/" in body  # the page to manage subscriptions
    assert english["List-Unsubscribe-Post"].strip() == "List-Unsubscribe=One-Click"
    link = english["List-Unsubscribe"].strip().strip("<>")
    assert link.startswith(f"{SITE}/subscriptions/unsubscribe/")
    token = link.removeprefix(f"{SITE}/subscriptions/unsubscribe/").removesuffix("/")
    assert read_token(token) == (address_hash("ada@example.org"), followers_scope(person))
    # The mail program's one-click unsubscribe (RFC 8058) stops this follower, and only them.
    answer = Client().post(link.removeprefix(SITE), {"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    states = dict(Follow.objects.values_list("email_hash", "state"))
    assert states[address_hash("ada@example.org")] == FollowState.STOPPED
    assert states[address_hash("babak@example.org")] == FollowState.CONFIRMED
    persian = by_address["babak@example.org"]
    assert "نرگس محمدی" in persian["Subject"] and "آزادی با وثیقه" in persian["Subject"]
    assert f"{SITE}/fa/updates/{update.slug}/" in persian.get_content()
    assert Update.objects.get().followers_mailed_at is not None


def test_it_goes_on_where_it_stopped_when_the_server_failed_halfway(
    smtp_server: SMTPServer,
) -> None:
    person = make_person()
    for n in range(3):
        make_follow(person, email=f"reader{n}@example.org")
    update = _draft(prisoners=(person,))
    smtp_server.start()
    with override_settings(**smtp_server.email_settings()):
        update_publish(update=update)
        smtp_server.refusals = 0
        first = {"taken": 0}

        def refuse_after_one() -> None:
            first["taken"] += 1
            if first["taken"] == 1:
                smtp_server.refusals = 5  # the server turns busy after the first mail

        smtp_server.on_data = refuse_after_one
        run_worker()
        assert len(smtp_server.messages) == 1
        smtp_server.on_data, smtp_server.refusals = None, 0
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        run_worker()
    to = sorted(recipients[0] for recipients in smtp_server.recipients)
    assert to == [f"reader{n}@example.org" for n in range(3)]


def test_it_mails_an_update_published_for_later_once_its_time_has_come(
    smtp_server: SMTPServer,
) -> None:
    person = make_person()
    make_follow(person)
    update = _draft(prisoners=(person,))
    smtp_server.start()
    with override_settings(**smtp_server.email_settings()):
        update_publish(update=update, at=timezone.now() + timedelta(days=1))
        assert updates_mail_due() == 0
        run_worker()
        assert smtp_server.messages == []
        Update.objects.update(published_at=timezone.now() - timedelta(minutes=1))
        assert updates_mail_due() == 1
        assert updates_mail_due() == 0
        run_worker()
    assert smtp_server.recipients == [["ada@example.org"]]


def test_it_mails_nobody_for_an_update_without_prisoners_or_a_draft(
    smtp_server: SMTPServer,
) -> None:
    person = make_person()
    make_follow(person)
    smtp_server.start()
    with override_settings(**smtp_server.email_settings()):
        update_publish(update=_draft())
        _draft(prisoners=(person,))
        assert updates_mail_due() == 0
        run_worker()
    assert smtp_server.messages == []
