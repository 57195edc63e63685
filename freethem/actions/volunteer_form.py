"""The volunteer sign-up form: bounded plain text, the sign form's honeypot and proof of work
(appeals.defences.DefenceFields), and the consent it asks for."""

from django import forms
from django.utils.translation import gettext_lazy as _

from freethem.actions.vocab import Availability, Skill
from freethem.appeals.defences import DefenceFields
from freethem.appeals.forms import (
    TOO_LONG,
    CountryField,
    PlainTextField,
    country_choices,
    email_field,
    name_field,
)

# What a volunteer sees when something is wrong (tests assert on these).
CONSENT_REQUIRED = _("Please agree to how we keep your details, or we cannot take them.")
UNKNOWN_SKILL = _("Please choose from the skills listed.")
UNKNOWN_AVAILABILITY = _("Please choose from the times listed.")
PROOF_FAILED = _(
    "Your browser's check did not work or has expired. Please send the form again: nothing "
    "was kept."
)
LIMITED = _(
    "We have received many sign-ups from your connection in the last hour. Please try again "
    "later: nothing was kept."
)
MESSAGE_MAX = 2000


def availability_choices() -> list[tuple[str, str]]:
    return [("", _("Choose (optional)")), *Availability.choices]


class VolunteerForm(DefenceFields):
    name = name_field()
    email = email_field()
    safe_contact = PlainTextField(
        label=_("How to reach you safely (optional)"),
        max_length=200,
        required=False,
        help_text=_(
            "Such as a Signal number or username, if you would rather not be written to by email."
        ),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )
    languages = PlainTextField(
        label=_("Languages you speak (optional)"),
        max_length=200,
        required=False,
        help_text=_("For example: Persian, English, German."),
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    skills = forms.MultipleChoiceField(
        label=_("What you could help with (optional)"),
        choices=Skill.choices,
        required=False,
        error_messages={"invalid_choice": UNKNOWN_SKILL},
        widget=forms.CheckboxSelectMultiple,
    )
    country = CountryField(
        label=_("Country you live in (optional)"),
        choices=country_choices,
        required=False,
        error_messages={"invalid_choice": _("Please choose your country from the list.")},
        widget=forms.Select(attrs={"autocomplete": "country"}),
    )
    availability = forms.ChoiceField(
        label=_("When you could help (optional)"),
        choices=availability_choices,
        required=False,
        error_messages={"invalid_choice": UNKNOWN_AVAILABILITY},
    )
    message = forms.CharField(
        label=_("Anything else you would like us to know (optional)"),
        max_length=MESSAGE_MAX,
        required=False,
        error_messages={"max_length": TOO_LONG},
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )
    consent = forms.BooleanField(
        label=_("I agree that the campaign's organisers keep these details to ask me to help."),
        error_messages={"required": CONSENT_REQUIRED},
    )

    def clean_skills(self) -> list[str]:
        # In the vocabulary's order, each once, whatever order and repeats were posted.
        skills = self.cleaned_data["skills"]
        return [skill for skill in Skill.values if skill in skills]

    def error_summary(self) -> list[tuple[str, str]]:
        """(id of the input, message) for each error, in the form's order."""
        found = [("", str(message)) for message in self.non_field_errors()]
        for name in self.fields:
            if name in self.defence_fields or name not in self.errors:
                continue
            field = self[name]
            target = field.id_for_label or f"{field.auto_id}_0"
            found += [(target, str(message)) for message in field.errors]
        return found
