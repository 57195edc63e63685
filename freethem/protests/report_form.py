"""The public report form: bounded, plain text, and nothing that locates the reporter."""

import datetime
import re
from datetime import timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from freethem.appeals.defences import DefenceFields
from freethem.appeals.forms import PlainTextField
from freethem.core.dates import Precision, parse_partial_date
from freethem.protests.models import IRAN, ParticipantGroup
from freethem.protests.vocab import Province

MAX_LINKS = 10
MAX_DESCRIPTION = 3000
# A report of a protest years ago is history, not news: staff have other ways to add it.
OLDEST_DAYS = 2 * 366

DATE_REQUIRED = _("Please give the day of the protest.")
DATE_INVALID = _(
    "Please give the day as year/month/day, Solar Hijri or Gregorian: 1405/07/10 or 2026-10-02."
)
DATE_DAY_NEEDED = _("Please give the day, not only the month or the year.")
DATE_FUTURE = _("This date is in the future. Please give the day the protest took place.")
DATE_OLD = _("This form is for protests of the last two years.")
TOWN_REQUIRED = _("Please name the town or city.")
DESCRIPTION_REQUIRED = _("Please say what happened.")
TOO_LONG = _("Please shorten this to %(limit_value)d characters (it has %(show_value)d).")
TOO_MANY_LINKS = _("Please give at most %(limit)s links.")
BAD_LINK = _("“%(value)s” is not a web address (it should start with https://).")
PROVINCE_FOR_IRAN = _("Please choose the province (for a protest in Iran).")
LIMITED = _(
    "We have received many reports from your connection in the last hour. Please try again "
    "later; nothing was lost on our side, but this report was not sent."
)

URL = re.compile(r"\S+")


def country_choices() -> list[tuple[str, str]]:
    others = [(code, name) for code, name in countries if code != IRAN]
    return [(IRAN, countries.name(IRAN)), *others]


def province_choices() -> list[tuple[str, str]]:
    return [("", _("Choose the province")), *Province.choices]


class DayField(forms.CharField):
    """A day as people in Iran write it, Solar Hijri (1405/07/10, ۱۰ مهر ۱۴۰۵) or Gregorian
    (2026-10-02, 2 October 2026); cleans to the Gregorian date."""

    def to_python(self, value: object) -> datetime.date | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        super().run_validators(text)  # the length first: no reading of an over-long text
        try:
            day = parse_partial_date(text)
        except ValidationError as error:
            if error.code == "future":
                raise ValidationError(DATE_FUTURE, code="future") from None
            if error.code in ("no_such_day", "no_such_month"):
                raise
            raise ValidationError(DATE_INVALID, code="invalid") from None
        if day.precision != Precision.DAY:
            raise ValidationError(DATE_DAY_NEEDED, code="day")
        return day.date

    def run_validators(self, value: object) -> None:
        """Nothing left to do: to_python ran them on the text."""


class ReportForm(DefenceFields):
    date = DayField(
        label=_("Day of the protest"),
        max_length=40,
        error_messages={"required": DATE_REQUIRED},
        help_text=_("Solar Hijri or Gregorian, for example 1405/07/10 or 2026-10-02."),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )
    country = forms.ChoiceField(
        label=_("Country"),
        choices=country_choices,
        initial=IRAN,
        help_text=_("Iran, or the country of a solidarity protest abroad."),
    )
    province = forms.ChoiceField(
        label=_("Province (in Iran)"), choices=province_choices, required=False
    )
    location = PlainTextField(
        label=_("Town or city"),
        max_length=100,
        error_messages={"required": TOWN_REQUIRED},
        help_text=_("Only the town: no street or address."),
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    description = forms.CharField(
        label=_("What happened"),
        max_length=MAX_DESCRIPTION,
        error_messages={"required": DESCRIPTION_REQUIRED, "max_length": TOO_LONG},
        help_text=_("Who gathered, why, what they said or wrote, what the police did."),
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
    )
    size_text = PlainTextField(
        label=_("How many people (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    groups = forms.ModelMultipleChoiceField(
        label=_("Who took part (optional)"),
        queryset=ParticipantGroup.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    links = forms.CharField(
        label=_("Links to reports, photos or videos (optional)"),
        max_length=MAX_LINKS * 300,
        required=False,
        error_messages={"max_length": TOO_LONG},
        help_text=_("One per line, at most 10. Links only: please do not send files."),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
    )
    contact = PlainTextField(
        label=_("How we can reach you (optional)"),
        max_length=200,
        required=False,
        help_text=_(
            "An email address, Signal or Telegram name, if you are willing to answer a "
            "question. Kept encrypted, seen by our researchers only, never published."
        ),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )

    def clean_date(self) -> datetime.date:
        day = self.cleaned_data["date"]
        today = timezone.localdate()
        if day < today - timedelta(days=OLDEST_DAYS):
            raise forms.ValidationError(DATE_OLD, code="old")
        return day

    def clean_links(self) -> str:
        links = URL.findall(self.cleaned_data["links"])
        if len(links) > MAX_LINKS:
            raise forms.ValidationError(TOO_MANY_LINKS, params={"limit": MAX_LINKS})
        check = URLValidator(schemes=["http", "https"])
        for link in links:
            try:
                check(link)
            except forms.ValidationError:
                raise forms.ValidationError(BAD_LINK, params={"value": link[:80]}) from None
            if len(link) > 300:
                raise forms.ValidationError(BAD_LINK, params={"value": link[:80] + "…"})
        return "\n".join(links)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("country") == IRAN and not cleaned.get("province"):
            self.add_error("province", forms.ValidationError(PROVINCE_FOR_IRAN))
        if cleaned.get("country") and cleaned["country"] != IRAN:
            cleaned["province"] = ""
        return cleaned

    def error_summary(self) -> list[tuple[str, str]]:
        found = [("", str(message)) for message in self.non_field_errors()]
        for name in self.fields:
            if name in self.defence_fields or name not in self.errors:
                continue
            field = self[name]
            target = field.id_for_label or f"{field.auto_id}_0"
            found += [(target, str(message)) for message in field.errors]
        return found
