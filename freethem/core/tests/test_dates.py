import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from freethem.core.dates import (
    DATE_IN_FUTURE,
    DATE_NO_SUCH_DAY,
    DATE_NO_SUCH_MONTH,
    DATE_UNKNOWN,
    DATE_UNREADABLE,
    DATE_YEAR_AMBIGUOUS,
    PARTIAL_DATE_HELP,
    Calendar,
    PartialDate,
    PartialDateFormField,
    Precision,
    format_partial_date,
    parse_partial_date,
)

DAY, MONTH, YEAR = Precision.DAY, Precision.MONTH, Precision.YEAR
JALALI, GREGORIAN = Calendar.JALALI, Calendar.GREGORIAN
ABAN_10_1399 = datetime.date(2020, 10, 31)


@pytest.mark.parametrize(
    ("text", "date", "precision", "calendar"),
    [
        ("۱۳۹۹/۰۸/۱۰", ABAN_10_1399, DAY, JALALI),
        ("1399-08-10", ABAN_10_1399, DAY, JALALI),
        ("1399/8/10", ABAN_10_1399, DAY, JALALI),
        ("1399.08.10", ABAN_10_1399, DAY, JALALI),
        ("٢٠٢٠-١٠-٣١", ABAN_10_1399, DAY, GREGORIAN),
        ("2020-10-31", ABAN_10_1399, DAY, GREGORIAN),
        ("2020/10/31", ABAN_10_1399, DAY, GREGORIAN),
        ("1399/08", datetime.date(2020, 10, 22), MONTH, JALALI),
        ("2020-10", datetime.date(2020, 10, 1), MONTH, GREGORIAN),
        ("1399", datetime.date(2020, 3, 20), YEAR, JALALI),
        ("۱۳۹۹", datetime.date(2020, 3, 20), YEAR, JALALI),
        ("2020", datetime.date(2020, 1, 1), YEAR, GREGORIAN),
        ("1800", datetime.date(1800, 1, 1), YEAR, GREGORIAN),
        ("آبان ۱۳۹۹", datetime.date(2020, 10, 22), MONTH, JALALI),
        ("ابان ۱۳۹۹", datetime.date(2020, 10, 22), MONTH, JALALI),
        ("آبان ماه ۱۳۹۹", datetime.date(2020, 10, 22), MONTH, JALALI),
        ("۱۰ آبان ۱۳۹۹", ABAN_10_1399, DAY, JALALI),
        ("10 Aban 1399", ABAN_10_1399, DAY, JALALI),
        ("Aban 1399", datetime.date(2020, 10, 22), MONTH, JALALI),
        ("ABAN 1399", datetime.date(2020, 10, 22), MONTH, JALALI),
        ("Farvardin 1400", datetime.date(2021, 3, 21), MONTH, JALALI),
        ("Ordibehesht 1400", datetime.date(2021, 4, 21), MONTH, JALALI),
        ("Khordad 1400", datetime.date(2021, 5, 22), MONTH, JALALI),
        ("Tir 1400", datetime.date(2021, 6, 22), MONTH, JALALI),
        ("Mordad 1400", datetime.date(2021, 7, 23), MONTH, JALALI),
        ("Amordad 1400", datetime.date(2021, 7, 23), MONTH, JALALI),
        ("امرداد ۱۴۰۰", datetime.date(2021, 7, 23), MONTH, JALALI),
        ("مرداد ۱۴۰۰", datetime.date(2021, 7, 23), MONTH, JALALI),
        ("Shahrivar 1400", datetime.date(2021, 8, 23), MONTH, JALALI),
        ("Mehr 1400", datetime.date(2021, 9, 23), MONTH, JALALI),
        ("Azar 1400", datetime.date(2021, 11, 22), MONTH, JALALI),
        ("Dey 1400", datetime.date(2021, 12, 22), MONTH, JALALI),
        ("Dei 1400", datetime.date(2021, 12, 22), MONTH, JALALI),
        ("دي ۱۴۰۰", datetime.date(2021, 12, 22), MONTH, JALALI),  # Arabic yeh
        ("Bahman 1400", datetime.date(2022, 1, 21), MONTH, JALALI),
        ("Esfand 1400", datetime.date(2022, 2, 20), MONTH, JALALI),
        ("October 2020", datetime.date(2020, 10, 1), MONTH, GREGORIAN),
        ("31 October 2020", ABAN_10_1399, DAY, GREGORIAN),
        ("Oct 2020", datetime.date(2020, 10, 1), MONTH, GREGORIAN),
        ("October 31, 2020", ABAN_10_1399, DAY, GREGORIAN),
        ("اکتبر ۲۰۲۰", datetime.date(2020, 10, 1), MONTH, GREGORIAN),
        ("۳۱ اکتبر ۲۰۲۰", ABAN_10_1399, DAY, GREGORIAN),
        ("ژانویه ۲۰۲۱", datetime.date(2021, 1, 1), MONTH, GREGORIAN),
        ("فوریه ۲۰۲۱", datetime.date(2021, 2, 1), MONTH, GREGORIAN),
        ("مارس ۲۰۲۱", datetime.date(2021, 3, 1), MONTH, GREGORIAN),
        ("آوریل ۲۰۲۱", datetime.date(2021, 4, 1), MONTH, GREGORIAN),
        ("مه ۲۰۲۱", datetime.date(2021, 5, 1), MONTH, GREGORIAN),
        ("می ۲۰۲۱", datetime.date(2021, 5, 1), MONTH, GREGORIAN),
        ("ژوئن ۲۰۲۱", datetime.date(2021, 6, 1), MONTH, GREGORIAN),
        ("ژوئیه ۲۰۲۱", datetime.date(2021, 7, 1), MONTH, GREGORIAN),
        ("جولای ۲۰۲۱", datetime.date(2021, 7, 1), MONTH, GREGORIAN),
        ("اوت ۲۰۲۱", datetime.date(2021, 8, 1), MONTH, GREGORIAN),
        ("آگوست ۲۰۲۱", datetime.date(2021, 8, 1), MONTH, GREGORIAN),
        ("سپتامبر ۲۰۲۱", datetime.date(2021, 9, 1), MONTH, GREGORIAN),
        ("نوامبر ۲۰۲۱", datetime.date(2021, 11, 1), MONTH, GREGORIAN),
        ("دسامبر ۲۰۲۱", datetime.date(2021, 12, 1), MONTH, GREGORIAN),
    ],
)
def test_it_reads_dates_as_sources_give_them(
    text: str, date: datetime.date, precision: Precision, calendar: Calendar
) -> None:
    assert parse_partial_date(f"  {text} ") == PartialDate(date, precision, calendar, text)


def test_it_keeps_a_month_without_inventing_a_day() -> None:
    value = parse_partial_date("آبان ۱۳۹۹")
    assert value.precision == Precision.MONTH
    assert value.date == datetime.date(2020, 10, 22)
    assert value.calendar == Calendar.JALALI
    assert value.text == "آبان ۱۳۹۹"


def test_it_reads_empty_text_as_unknown() -> None:
    assert parse_partial_date("  ") == PartialDate(None, Precision.UNKNOWN, GREGORIAN, "")
    assert PartialDate.unknown("?") == PartialDate(None, Precision.UNKNOWN, GREGORIAN, "?")


def test_it_accepts_esfand_30_only_in_a_leap_year() -> None:
    assert parse_partial_date("1399/12/30").date == datetime.date(2021, 3, 20)
    with pytest.raises(ValidationError) as error:
        parse_partial_date("1400/12/30")
    assert error.value.messages == [str(DATE_NO_SUCH_DAY)]


def test_it_accepts_today_but_not_tomorrow() -> None:
    today = timezone.localdate()
    assert parse_partial_date(today.isoformat()).date == today
    with pytest.raises(ValidationError) as error:
        parse_partial_date((today + datetime.timedelta(days=1)).isoformat())
    assert error.value.code == "future"


def error_for(text: str) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        parse_partial_date(text)
    return error.value


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        ("hello", "unreadable", DATE_UNREADABLE),
        ("31/10/2020", "unreadable", DATE_UNREADABLE),  # day first is ambiguous
        ("99/08/10", "unreadable", DATE_UNREADABLE),
        ("Aban 2020", "unreadable", DATE_UNREADABLE),  # a Solar Hijri month, a Gregorian year
        ("October 1399", "unreadable", DATE_UNREADABLE),
        ("Brumaire 1399", "unreadable", DATE_UNREADABLE),
        ("0000", "unreadable", DATE_UNREADABLE),
        ("October 999, 2020", "unreadable", DATE_UNREADABLE),
        ("2020-10-31T10:00", "unreadable", DATE_UNREADABLE),
        ("1399/08/32", "no_such_day", DATE_NO_SUCH_DAY),
        ("1399/08/00", "no_such_day", DATE_NO_SUCH_DAY),
        ("2021-02-29", "no_such_day", DATE_NO_SUCH_DAY),
        ("31 Aban 1399", "no_such_day", DATE_NO_SUCH_DAY),
        ("1750", "year_ambiguous", DATE_YEAR_AMBIGUOUS),
        ("1799-01-01", "year_ambiguous", DATE_YEAR_AMBIGUOUS),
        ("2999", "future", DATE_IN_FUTURE),
        ("1450/01", "future", DATE_IN_FUTURE),
    ],
)
def test_it_says_what_is_wrong(text: str, code: str, message: str) -> None:
    error = error_for(text)
    assert (error.code, error.messages) == (code, [str(message)])


def test_it_names_the_month_that_does_not_exist() -> None:
    error = error_for("۱۳۹۹/۱۳/۰۱")
    assert error.code == "no_such_month"
    assert error.messages == ["There is no month 13: months run from 1 to 12."]
    assert error.messages == [str(DATE_NO_SUCH_MONTH) % {"month": 13}]


@pytest.mark.parametrize(
    ("text", "english", "persian"),
    [
        ("1399/08/10", "31 October 2020 (10 Aban 1399)", "۱۰ آبان ۱۳۹۹ (۳۱ اکتبر ۲۰۲۰)"),
        ("2020-10-31", "31 October 2020", "۱۰ آبان ۱۳۹۹ (۳۱ اکتبر ۲۰۲۰)"),
        ("آبان ۱۳۹۹", "Aban 1399 (October–November 2020)", "آبان ۱۳۹۹"),
        ("Dey 1399", "Dey 1399 (December 2020–January 2021)", "دی ۱۳۹۹"),
        ("October 2020", "October 2020", "اکتبر ۲۰۲۰ (مهر–آبان ۱۳۹۹)"),
        ("2021-03", "March 2021", "مارس ۲۰۲۱ (اسفند ۱۳۹۹–فروردین ۱۴۰۰)"),
        ("1399", "1399 (2020–2021)", "۱۳۹۹"),
        ("2020", "2020", "۲۰۲۰ (۱۳۹۸–۱۳۹۹)"),
    ],
)
def test_it_formats_at_the_precision_given(text: str, english: str, persian: str) -> None:
    value = parse_partial_date(text)
    assert format_partial_date(value, "en") == english
    assert format_partial_date(value, "fa") == persian


def test_it_says_a_date_is_unknown_in_the_language_asked_for() -> None:
    with translation.override("fa"):
        assert format_partial_date(PartialDate.unknown(), "en") == "date unknown"
        persian = str(DATE_UNKNOWN)
    with translation.override("en"):
        assert format_partial_date(PartialDate.unknown("?"), "fa") == persian


class DatedForm(forms.Form):
    arrested = PartialDateFormField()
    born = PartialDateFormField(required=False, max_length=20)


def test_it_cleans_a_form_field_to_a_partial_date() -> None:
    form = DatedForm(data={"arrested": "آبان ۱۳۹۹", "born": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "arrested": PartialDate(datetime.date(2020, 10, 22), MONTH, JALALI, "آبان ۱۳۹۹"),
        "born": PartialDate.unknown(),
    }
    assert DatedForm.base_fields["arrested"].help_text == PARTIAL_DATE_HELP


def test_it_shows_the_error_and_keeps_the_typed_text() -> None:
    form = DatedForm(data={"arrested": "1400/12/30", "born": "x" * 21})
    assert not form.is_valid()
    assert form.errors["arrested"] == [str(DATE_NO_SUCH_DAY)]
    assert form.errors["born"] == [
        "Ensure this value has at most 20 characters (it has 21).",
    ]
    assert 'value="1400/12/30"' in str(form["arrested"])


def test_it_requires_a_required_date() -> None:
    form = DatedForm(data={"arrested": "  ", "born": ""})
    assert form.errors == {"arrested": ["This field is required."]}


def test_it_redisplays_a_stored_date_as_it_was_typed() -> None:
    typed = PartialDate(ABAN_10_1399, DAY, JALALI, "۱۰ آبان ۱۳۹۹")
    untyped = PartialDate(datetime.date(2020, 10, 22), MONTH, JALALI, "")
    form = DatedForm(initial={"arrested": typed, "born": untyped})
    assert 'value="۱۰ آبان ۱۳۹۹"' in str(form["arrested"])
    assert 'value="1399/08"' in str(form["born"])
    assert parse_partial_date("1399/08") == PartialDate(untyped.date, MONTH, JALALI, "1399/08")


def test_it_notices_only_real_changes() -> None:
    typed = PartialDate(ABAN_10_1399, DAY, JALALI, "1399/08/10")
    unchanged = DatedForm(initial={"arrested": typed}, data={"arrested": " 1399/08/10 "})
    changed = DatedForm(initial={"arrested": typed}, data={"arrested": "1399/08/11"})
    assert unchanged.changed_data == []
    assert changed.changed_data == ["arrested"]
