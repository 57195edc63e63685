"""Template helpers for the appeal's numbers: shares as percentages and the days on the
count chart's time axis, in the page's language and calendar."""

import datetime

from django import template
from django.utils import formats
from persiantools import digits
from persiantools.jdatetime import JalaliDate

from freethem.core.dates import JALALI_MONTHS_FA
from freethem.core.templatetags.freethem import is_persian

register = template.Library()

# Persian writes a decimal point as U+066B and a percent sign as U+066A.
PERSIAN_DECIMAL, PERSIAN_PERCENT = "\u066b", "\u066a"


@register.filter
def percent(value: object) -> str:
    """A percentage given as a string with a point ("12.5"): "12.5%", or "۱۲٫۵٪" in Persian."""
    text = str(value)
    if is_persian():
        return digits.en_to_fa(text).replace(".", PERSIAN_DECIMAL) + PERSIAN_PERCENT
    return f"{text}%"


@register.filter
def chart_day(value: datetime.datetime) -> str:
    """A day on the chart's time axis: "1 Dec" in English, the Solar Hijri "۱۰ آذر" in
    Persian."""
    if is_persian():
        jdate = JalaliDate(value.date())
        return digits.en_to_fa(f"{jdate.day} {JALALI_MONTHS_FA[jdate.month - 1]}")
    return formats.date_format(value, "j M")
