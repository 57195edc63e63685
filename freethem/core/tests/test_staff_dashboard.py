"""The staff home: a dashboard of what waits for someone, from every app, each block linking to
where to act, and showing each role only what it may open; in English and Persian."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from freethem.core.tests.factories import PASSWORD, current_code, staff_user
from freethem.core.tests.staff_dashboard_support import campaign, panels, text_of

pytestmark = pytest.mark.django_db

APPEALS = "Appeals"
HELD = "Signatures waiting for review"
ALERTS = "Abuse alerts"
RECORDS = "Records waiting for review"
PROTESTS = "Protest tracker"
EVENTS = "Upcoming events"
ACTIONS = "Things to do"
MAIL = "Mail"
ACTIVITY = "Recent activity"


def signed_in(client: Client, role: str, *, superuser: bool = False) -> User:
    user = staff_user(username=f"{role}-home", role=role)
    if superuser:
        User.objects.filter(pk=user.pk).update(is_superuser=True)
    response = client.post(
        "/staff/login/",
        {"username": user.username, "password": PASSWORD, "code": current_code(user)},
    )
    assert response.status_code == 302
    return user


def test_it_shows_an_organiser_what_waits_with_the_numbers_and_where_to_act(
    client: Client,
) -> None:
    made = campaign()
    signed_in(client, "organiser")
    home = panels(client.get("/staff/").content.decode())
    assert list(home) == [APPEALS, HELD, ALERTS, RECORDS, PROTESTS, EVENTS, ACTIONS, MAIL, ACTIVITY]

    appeals = text_of(home[APPEALS])
    assert (
        "Appeal free-them open Confirmed 3 Waiting for confirmation 2 Held for review 1 "
        "Goal 5,000" in appeals
    )
    assert appeals.index("Appeal free-them") < appeals.index("Appeal draft-one")  # open first
    assert (
        f'href="/staff/appeals/reviewsignature/?appeal__id__exact={made.appeal.pk}"'
        in home[APPEALS]
    )

    held = text_of(home[HELD])
    assert "1 signature is held for review: it counts once released." in held
    assert "Leila Held (No browser check)" in held
    assert "1 marked suspect, not counted" in held
    assert 'href="/staff/appeals/reviewsignature/"' in home[HELD]

    alerts = text_of(home[ALERTS])
    assert "2 open alerts" in alerts and "old.example" not in alerts
    assert "spam.example (email domain): 320 signatures" in alerts
    assert 'href="/staff/appeals/alert/?seen__exact=0"' in home[ALERTS]

    records = text_of(home[RECORDS])
    assert "1 record is waiting for review" in records and "Draft Person" not in records
    assert "سپیده قلیان · Sepideh Qolian submitted by researcher1" in records
    assert f'href="/staff/prisoners/person/{made.waiting.pk}/change/"' in home[RECORDS]
    assert 'href="/staff/prisoners/person/?publication__exact=review"' in home[RECORDS]
    assert "Review and publish them" in records  # organisers publish


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("moderator", [APPEALS, HELD, ALERTS, ACTIVITY]),
        ("researcher", [RECORDS, PROTESTS, ACTIONS, ACTIVITY]),
        ("events", [EVENTS, ACTIVITY]),
    ],
)
def test_it_shows_each_role_only_the_blocks_it_may_act_on(
    client: Client, role: str, shown: list[str]
) -> None:
    campaign()
    signed_in(client, role)
    page = client.get("/staff/").content.decode()
    assert list(panels(page)) == shown
    assert "/staff/core/auditentry/" not in page  # the audit log is for organisers
    assert "/staff/outbox/" not in page


def test_it_tells_who_did_what_and_links_to_it(client: Client) -> None:
    made = campaign()
    signed_in(client, "organiser")
    activity = panels(client.get("/staff/").content.decode())[ACTIVITY]
    text = text_of(activity)
    assert "researcher1 changed Sepideh Qolian / سپیده قلیان (Prisoner)" in text
    assert "Changed custody status." in text
    assert f'href="/staff/prisoners/person/{made.waiting.pk}/change/"' in activity
    assert "(no user): view outbox, page 1" in text  # the audit log, for organisers
    assert "just now" in text
    assert 'href="/staff/core/auditentry/"' in activity


def test_it_keeps_from_the_activity_what_the_role_may_not_see(client: Client) -> None:
    campaign()
    signed_in(client, "moderator")
    text = text_of(panels(client.get("/staff/").content.decode())[ACTIVITY])
    assert "Sepideh" not in text  # a record a moderator may not open
    assert "view outbox" not in text  # the audit log
    assert "Nothing yet." in text


def test_it_shows_a_superuser_the_dashboard_and_the_internal_sections(client: Client) -> None:
    campaign()
    signed_in(client, "organiser", superuser=True)
    page = client.get("/staff/").content.decode()
    assert list(panels(page)) == [
        APPEALS,
        HELD,
        ALERTS,
        RECORDS,
        PROTESTS,
        EVENTS,
        ACTIONS,
        MAIL,
        ACTIVITY,
    ]
    for path in ("axes/accessattempt", "otp_totp/totpdevice", "core/heartbeat"):
        assert f"/staff/{path}/" in page


def test_it_keeps_the_internal_sections_from_an_organiser(client: Client) -> None:
    signed_in(client, "organiser")
    page = client.get("/staff/").content.decode()
    for path in (
        "axes/accessattempt", "axes/accesslog", "otp_totp/totpdevice", "otp_static/staticdevice",
        "django_tasks_database/dbtaskresult", "core/heartbeat",
    ):  # fmt: skip
        assert f"/staff/{path}/" not in page
        assert client.get(f"/staff/{path}/").status_code == 403


def test_it_speaks_persian_at_fa_staff(client: Client) -> None:
    made = campaign()
    signed_in(client, "organiser")
    page = client.get("/fa/staff/").content.decode()
    home = panels(page)
    assert list(home) == [
        "فراخوان‌ها",
        "امضاهای در انتظار بررسی",
        "هشدارهای سوءاستفاده",
        "رکوردهای در انتظار بازبینی",
        "ثبت اعتراض‌ها",
        "رویدادهای پیش رو",
        "کارهایی که می‌توان کرد",
        "نامه",
        "کارهای اخیر",
    ]
    assert "تأییدشده ۳ در انتظار تأیید ۲ نگه‌داشته برای بررسی ۱ هدف ۵٬۰۰۰" in text_of(
        home["فراخوان‌ها"]
    )
    held = text_of(home["امضاهای در انتظار بررسی"])
    assert "۱ امضا برای بررسی نگه داشته شده است" in held
    assert "Leila Held (بدون بررسی مرورگر)" in held
    assert "بررسی کنید" in held
    assert "۲ هشدار باز" in text_of(home["هشدارهای سوءاستفاده"])
    assert "بازبینی و انتشار" in text_of(home["رکوردهای در انتظار بازبینی"])
    activity = text_of(home["کارهای اخیر"])
    assert "researcher1 Sepideh Qolian / سپیده قلیان (زندانی) را تغییر داد" in activity
    assert "همین حالا" in activity
    assert "همهٔ قسمت‌های بخش کارکنان" in page
    assert f'href="/fa/staff/prisoners/person/{made.waiting.pk}/change/"' in page
