"""Staff forms of the case database.

Dates are entered as sources give them: each partial date's four model fields (`<f>`,
`<f>_precision`, `<f>_calendar`, `<f>_text`) are one text input that reads "۱۳۹۹/۰۸/۱۰",
"1399-08-10", "2020-10-31" or "آبان ۱۳۹۹", and shows the text as it was typed when the record is
edited again.
"""

import re
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _

from freethem.core.dates import PartialDate, PartialDateFormField
from freethem.prisoners.exchange import MAX_IMPORT_BYTES, TOO_LARGE
from freethem.prisoners.models import Case, Event, Person, partial_date
from freethem.prisoners.search import duplicates_for
from freethem.prisoners.services import photo_strip_metadata

MAX_DUPLICATES_SHOWN = 10
OTHER_NAMES_PREFIX = "other_names"  # the prefix of the Person admin's inline of other names

POSSIBLE_DUPLICATE = _(
    "This may be a person who is in the database already, under another spelling or in the "
    "other script. Check the records listed below. If this is a different person, tick "
    "“This is a different person” and save again."
)
DIFFERENT_PERSON = _("This is a different person")
DIFFERENT_PERSON_HELP = _("Tick after checking the possible duplicates listed above.")
SLUG_HELP = _("The address of the public page. Leave empty to make one from the Latin name.")

IMPORT_FORMAT_FROM_NAME = ""
IMPORT_FORMATS = (
    (IMPORT_FORMAT_FROM_NAME, _("From the file name (.csv or .json)")),
    ("csv", _("CSV")),
    ("json", _("JSON")),
)
IMPORT_FORMAT_UNKNOWN = _("Name the file .csv or .json, or choose its format.")


# Partial dates -----------------------------------------------------------------------------


def partial_date_field(model: type[models.Model], name: str) -> PartialDateFormField:
    """One text input for the model's partial date `name`, labelled as the model labels it."""
    model_field = model._meta.get_field(name)
    text_field = model._meta.get_field(f"{name}_text")
    return PartialDateFormField(
        label=capfirst(model_field.verbose_name),
        required=False,
        max_length=text_field.max_length,
    )


def set_partial_date(instance: models.Model, name: str, value: PartialDate) -> None:
    setattr(instance, name, value.date)
    setattr(instance, f"{name}_precision", value.precision)
    setattr(instance, f"{name}_calendar", value.calendar)
    setattr(instance, f"{name}_text", value.text)


class PartialDatesForm(forms.ModelForm):
    """A model form whose PartialDateFormFields fill the four model fields of their date.

    Declare each date as `arrested_on = partial_date_field(Case, "arrested_on")` and leave its
    companions (arrested_on_precision, _calendar, _text) out of Meta.fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        given = kwargs.get("initial") or {}
        for name in self.partial_date_names():
            if name not in given:
                self.initial[name] = partial_date(self.instance, name)

    def partial_date_names(self) -> list[str]:
        return [name for name, f in self.fields.items() if isinstance(f, PartialDateFormField)]

    def _post_clean(self) -> None:
        # Set the four fields here, and hide the PartialDates from construct_instance, which
        # would put them in the DateFields as they are.
        dates = {
            name: self.cleaned_data.pop(name)
            for name in self.partial_date_names()
            if name in self.cleaned_data
        }
        for name, value in dates.items():
            set_partial_date(self.instance, name, value)
        try:
            super()._post_clean()
        finally:
            self.cleaned_data.update(dates)


class CaseForm(PartialDatesForm):
    arrested_on = partial_date_field(Case, "arrested_on")
    verdict_on = partial_date_field(Case, "verdict_on")

    class Meta:
        model = Case
        fields = (
            "person",
            "arrested_on",
            "arrest_place_en",
            "arrest_place_fa",
            "arresting_body",
            "held_incommunicado",
            "charges",
            "court",
            "court_branch",
            "judge",
            "lawyer",
            "lawyer_access",
            "verdict_on",
            "verdict_en",
            "verdict_fa",
            "appeal_outcome",
            "prison",
            "sources",
        )


class EventForm(PartialDatesForm):
    occurred_on = partial_date_field(Event, "occurred_on")

    class Meta:
        model = Event
        fields = (
            "person",
            "kind",
            "occurred_on",
            "case",
            "place_en",
            "place_fa",
            "prison",
            "description_en",
            "description_fa",
            "sources",
        )


# People ------------------------------------------------------------------------------------


def posted_other_names(data: Mapping[str, Any]) -> list[str]:
    """The other names typed into the inline of other names, less those marked for deletion."""
    pattern = re.compile(rf"{OTHER_NAMES_PREFIX}-(\d+)-name")
    names = []
    for key in data:
        match = pattern.fullmatch(key)
        value = str(data.get(key) or "").strip()
        if match and value and not data.get(f"{OTHER_NAMES_PREFIX}-{match[1]}-DELETE"):
            names.append(value)
    return names


def unique_slug(name: str, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:100] or "person"
    taken = set(
        Person.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


class PersonForm(PartialDatesForm):
    """The Person admin's form: one birth date input, a photo stripped of its metadata, and a
    check for people already in the database under another spelling or script."""

    birth_date = partial_date_field(Person, "birth_date")
    different_person = forms.BooleanField(
        label=DIFFERENT_PERSON, help_text=DIFFERENT_PERSON_HELP, required=False
    )

    class Meta:
        model = Person
        fields = (
            "name_fa",
            "name_latin",
            "slug",
            "sex",
            "birth_date",
            "birthplace_en",
            "birthplace_fa",
            "citizenships",
            "ethnicity",
            "religion",
            "occupation_en",
            "occupation_fa",
            "categories",
            "summary_en",
            "summary_fa",
            "photo",
            "photo_visibility",
            "photo_credit",
            "custody_status",
            "current_prison",
            "designated_political_prisoner",
            "designated_by",
            "designated_on",
            "verification",
            "family_contacts",
            "researcher_notes",
            "is_demo",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.duplicates: list[Person] = []
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = SLUG_HELP

    def clean_photo(self) -> object:
        photo = self.cleaned_data.get("photo")
        if isinstance(photo, UploadedFile):
            return photo_strip_metadata(upload=photo)
        return photo

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "slug" in self.fields and not cleaned.get("slug") and cleaned.get("name_latin"):
            cleaned["slug"] = unique_slug(cleaned["name_latin"], exclude_pk=self.instance.pk)
        if self.names_changed():
            self.duplicates = self.find_duplicates(cleaned)
        if self.duplicates and not cleaned.get("different_person"):
            raise ValidationError(POSSIBLE_DUPLICATE, code="possible_duplicate")
        return cleaned

    def names_changed(self) -> bool:
        if self.instance.pk is None:
            return True
        if {"name_fa", "name_latin"} & set(self.changed_data):
            return True
        saved = set(self.instance.other_names.values_list("name", flat=True))
        return set(posted_other_names(self.data)) != saved

    def find_duplicates(self, cleaned: dict[str, Any]) -> list[Person]:
        name_fa, name_latin = cleaned.get("name_fa") or "", cleaned.get("name_latin") or ""
        if not (name_fa or name_latin):
            return []
        people = duplicates_for(
            name_fa=name_fa,
            name_latin=name_latin,
            other_names=posted_other_names(self.data),
            exclude_pk=self.instance.pk,
        )
        return list(people[:MAX_DUPLICATES_SHOWN])


# Import ------------------------------------------------------------------------------------


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("A CSV or JSON file in the layout of the staff export.")
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=IMPORT_FORMATS, required=False, initial=IMPORT_FORMAT_FROM_NAME
    )
    check_only = forms.BooleanField(
        label=_("Only check the file"),
        help_text=_("Report the errors and what would change, and import nothing."),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        if upload.size > MAX_IMPORT_BYTES:
            params = {"megabytes": MAX_IMPORT_BYTES // (1024 * 1024)}
            raise ValidationError(TOO_LARGE, code="too_large", params=params)
        if not cleaned.get("format"):
            extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
            if extension not in ("csv", "json"):
                raise ValidationError(IMPORT_FORMAT_UNKNOWN, code="format")
            cleaned["format"] = extension
        return cleaned
