"""Password guessing is limited per username across all addresses: after
FREETHEM_ACCOUNT_FAILURE_LIMIT failures sign-in to it pauses for 1, 2, 4 ... minutes (at most an
hour), even for the right password and code, whether or not the account exists; the owner is
mailed once per run of failures and at most a few times a day; organisers lift the locks."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from freethem.core.admin import SIGNIN_UNLOCKED
from freethem.core.forms import LOGIN_FAILED, SIGNIN_PAUSED
from freethem.core.models import AccountLock, AuditEntry
from freethem.core.services import (
    signin_failure_record,
    signin_lock_length,
    signin_success_record,
)
from freethem.core.testing.smtp import SMTPServer
from freethem.core.testing.smtp import smtp_server as smtp_server  # the fixture
from freethem.core.tests.factories import PASSWORD, current_code, staff_user

pytestmark = pytest.mark.django_db

LIMIT = 10  # FREETHEM_ACCOUNT_FAILURE_LIMIT's default


def attempt(
    username: str, address: str, password: str = "a guess", code: str = "000000"
) -> HttpResponse:
    """One sign-in from its own client and address, as from another machine."""
    return Client(REMOTE_ADDR=address).post(
        "/staff/login/", {"username": username, "password": password, "code": code}
    )


def guesses(username: str, count: int, first: int = 1) -> None:
    for host in range(first, first + count):  # a new address each time: django-axes never locks
        response = attempt(username, f"198.51.100.{host}")
        assert str(LOGIN_FAILED) in response.content.decode()


def lock_runs_out(username: str = "") -> None:
    """As if the current lock had ended (no test waits for the clock)."""
    AccountLock.objects.update(locked_until=timezone.now() - timedelta(seconds=1))


def test_it_pauses_a_username_guessed_from_many_addresses_even_for_the_right_code() -> None:
    user = staff_user()
    guesses(user.username, LIMIT)
    assert not AccessAttempt.objects.filter(failures_since_start__gt=1).exists()

    client = Client(REMOTE_ADDR="192.0.2.1")
    right = client.post(
        "/staff/login/",
        {"username": user.username, "password": PASSWORD, "code": current_code(user)},
    )
    assert right.status_code == 429
    assert str(SIGNIN_PAUSED) in right.content.decode()
    assert client.get("/staff/").status_code == 302


def test_it_pauses_a_username_with_no_account_just_the_same() -> None:
    staff_user()
    guesses("nobody-here", LIMIT)
    guesses("researcher1", LIMIT)
    nobody = attempt("nobody-here", "192.0.2.1")
    somebody = attempt("researcher1", "192.0.2.1")
    assert nobody.status_code == somebody.status_code == 429
    assert str(SIGNIN_PAUSED) in nobody.content.decode()
    assert str(SIGNIN_PAUSED) in somebody.content.decode()
    assert AccountLock.objects.count() == 2  # keyed hashes: neither name is stored
    assert not AccountLock.objects.filter(key__contains="researcher1").exists()


def test_it_counts_wrong_codes_and_any_spelling_of_the_username() -> None:
    user = staff_user()
    for host in range(LIMIT):
        username = user.username.upper() if host % 2 else f" {user.username}"
        attempt(username, f"198.51.100.{host}", password=PASSWORD)  # right password, wrong code
    right = attempt(user.username, "192.0.2.1", password=PASSWORD, code=current_code(user))
    assert str(SIGNIN_PAUSED) in right.content.decode()


def test_it_waits_twice_as_long_after_each_lock_up_to_an_hour() -> None:
    minutes = [signin_lock_length(locks).total_seconds() / 60 for locks in range(9)]
    assert minutes == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_it_locks_again_at_each_failure_after_the_limit_and_forgets_after_a_success() -> None:
    user = staff_user()
    guesses(user.username, LIMIT)
    lock_runs_out()
    guesses(user.username, 1, first=50)  # one more failure: locked again, for longer
    lock = AccountLock.objects.get()
    assert lock.locks == 2
    assert timedelta(minutes=1) < lock.locked_until - timezone.now() <= timedelta(minutes=2)
    assert str(SIGNIN_PAUSED) in attempt(user.username, "192.0.2.1").content.decode()

    lock_runs_out()
    client = Client(REMOTE_ADDR="192.0.2.1")
    client.post(
        "/staff/login/",
        {"username": user.username, "password": PASSWORD, "code": current_code(user)},
    )
    assert client.get("/staff/").status_code == 200
    assert not AccountLock.objects.exists()  # a success forgets the failures
    guesses(user.username, LIMIT - 1, first=60)
    assert not AccountLock.objects.get().is_locked


def run_worker() -> None:
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_it_mails_the_owner_once_while_the_guessing_goes_on(smtp_server: SMTPServer) -> None:
    user = staff_user()
    smtp_server.start()
    with override_settings(**smtp_server.email_settings()):
        guesses(user.username, LIMIT)
        assert smtp_server.messages == []  # the worker sends it, not the sign-in page
        run_worker()
        lock_runs_out()
        guesses(user.username, 1, first=50)
        run_worker()
    assert smtp_server.recipients == [["researcher1@example.org"]]
    message = smtp_server.messages[0]
    assert message["Subject"].strip() == (
        "Sign-in to your staff account was paused / ورود به حساب کارکنان شما متوقف شد"
    )
    body = message.get_body(("plain",)).get_content()
    assert '"researcher1"' in body and "several places" in body and "organiser" in body
    assert "http" not in body  # a warning with a link would look like phishing


def test_it_mails_an_owner_at_most_three_times_a_day() -> None:
    user = staff_user()
    with override_settings(FREETHEM_ACCOUNT_FAILURE_LIMIT=1):
        for _run in range(5):
            signin_failure_record(username=user.username)
            signin_success_record(username=user.username)
        signin_failure_record(username="nobody-here")
    assert DBTaskResult.objects.count() == 3


def locked_out(user: User) -> None:
    guesses(user.username, LIMIT)
    for _ in range(5):  # and django-axes locks this address for an hour
        attempt(user.username, "192.0.2.1")


def test_it_lets_an_organiser_lift_both_locks(client: Client) -> None:
    member = staff_user(username="member")
    locked_out(member)
    organiser = staff_user(username="organiser1", role="organiser")
    client.post(
        "/staff/login/",
        {"username": organiser.username, "password": PASSWORD, "code": current_code(organiser)},
    )
    page = client.get(f"/staff/auth/user/{member.pk}/change/").content.decode()
    assert "Sign-in is paused until" in page and "Lift the sign-in lock" in page

    lifted = client.post(f"/staff/auth/user/{member.pk}/sign-in-unlock/", follow=True)
    assert str(SIGNIN_UNLOCKED) % {"username": "member"} in lifted.content.decode()
    assert AuditEntry.objects.filter(
        username="organiser1", action="lift sign-in lock", subject="user member"
    ).exists()
    again = Client(REMOTE_ADDR="192.0.2.1")  # the address django-axes had locked too
    again.post(
        "/staff/login/",
        {"username": "member", "password": PASSWORD, "code": current_code(member)},
    )
    assert again.get("/staff/").status_code == 200


def test_it_keeps_lifting_locks_for_organisers(client: Client) -> None:
    member = staff_user(username="member")
    locked_out(member)
    researcher = staff_user(username="researcher2")
    client.post(
        "/staff/login/",
        {"username": researcher.username, "password": PASSWORD, "code": current_code(researcher)},
    )
    assert client.post(f"/staff/auth/user/{member.pk}/sign-in-unlock/").status_code == 403
    assert AccountLock.objects.get().is_locked
    assert AccessAttempt.objects.filter(username="member").exists()
