import datetime
import re

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import translation

pytestmark = pytest.mark.django_db


def render(source: str, **context: object) -> str:
    return Template(source).render(Context(context))


def test_it_serves_english_left_to_right_at_the_root(client: Client) -> None:
    html = client.get("/").content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "Free Iran's political prisoners now" in html


def test_it_serves_persian_right_to_left_under_fa(client: Client) -> None:
    response = client.get("/fa/")
    html = response.content.decode()
    assert response["Content-Language"] == "fa"
    assert '<html lang="fa" dir="rtl">' in html
    assert "زندانیان سیاسی ایران را آزاد کنید" in html


def test_it_links_each_page_to_the_same_page_in_the_other_language(client: Client) -> None:
    english = client.get("/privacy/?from=switcher").content.decode()
    persian = client.get("/fa/privacy/?from=switcher").content.decode()
    assert 'href="/fa/privacy/?from=switcher" hreflang="fa"' in english
    assert 'href="/privacy/?from=switcher" hreflang="en"' in persian
    assert re.search(r'<span aria-current="true" lang="fa">فارسی</span>', persian)


def test_it_shows_the_date_in_both_calendars_with_persian_digits(client: Client) -> None:
    html = client.get("/fa/").content.decode()
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\d">[۰-۹]+ \S+ ۱۴[۰-۹]{2} \(', html)
    assert not re.search(r"<time[^>]*>[^<]*[0-9]", html)  # no Latin digit in the date


def test_it_formats_a_known_date_in_both_calendars() -> None:
    day = datetime.date(2026, 11, 28)
    with translation.override("fa"):
        persian = render("{% both_dates day %}", day=day)
    with translation.override("en"):
        english = render("{% both_dates day %}", day=day)
    assert persian == '<time datetime="2026-11-28">۷ آذر ۱۴۰۵ (۲۸ نوامبر ۲۰۲۶)</time>'
    assert english == '<time datetime="2026-11-28">28 November 2026</time>'


def test_it_keeps_the_day_of_a_late_evening_time_in_the_site_time_zone() -> None:
    moment = datetime.datetime(2020, 10, 31, 23, 30, tzinfo=datetime.UTC)
    with translation.override("fa"):
        assert "۱۰ آبان ۱۳۹۹" in render("{% both_dates moment %}", moment=moment)


def test_it_writes_numbers_in_persian_digits_on_persian_pages_only() -> None:
    with translation.override("fa"):
        assert render("{{ n|num }}", n=3100) == "۳۱۰۰"
    with translation.override("en"):
        assert render("{{ n|num }}", n=3100) == "3100"
