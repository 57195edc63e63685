"""The sign form, and the small forms of the confirmation and personal pages."""

import re
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core import validators
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from freethem.appeals import defences, typos
from freethem.appeals.models import Display
from freethem.appeals.services import normalise_email, via_normalise
from freethem.appeals.templatetags.appeals import isolate

# What a signer sees when a field is wrong (tests assert on these).
NAME_REQUIRED = _("Please enter your name.")
EMAIL_REQUIRED = _("Please enter your email address: we send the confirmation link there.")
INVALID_EMAIL = _("This is not an email address we can write to. Please check it.")
COUNTRY_REQUIRED = _("Please choose your country.")
UNKNOWN_COUNTRY = _("Please choose your country from the list.")
TOO_LONG = _("Please shorten this to %(limit_value)d characters (it has %(show_value)d).")
CONTROL_CHARACTERS = _(
    "This contains invisible control or text-direction characters. Please type it again "
    "without them."
)
DISPOSABLE_EMAIL = _(
    "Addresses from throwaway mail services cannot sign. Please use an address you keep."
)
EMAIL_TYPO = _("Did you mean %(suggestion)s?")

# The button that signs with the suggested address, and the hidden input that remembers the
# address a suggestion was made for: sent again unchanged, it is taken as typed.
USE_SUGGESTION = "use_suggestion"
KEEP_EMAIL = "keep_email"

# C0 and C1 controls (tab and newline too: none belongs in a name) and the bidi embeddings,
# overrides and isolates, which can make a name read differently from what is stored.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class PlainTextField(forms.CharField):
    """One line of text for the public list: no control or bidi-override characters."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", {}).setdefault("max_length", TOO_LONG)
        super().__init__(**kwargs)
        # to_python's check covers the NUL character, with a clearer message.
        self.validators = [
            validator
            for validator in self.validators
            if not isinstance(validator, validators.ProhibitNullCharactersValidator)
        ]

    def to_python(self, value: object) -> str:
        # Judged before stripping, so a trailing control character is refused too.
        text = "" if value in self.empty_values else str(value)
        if CONTROL.search(text):
            raise forms.ValidationError(CONTROL_CHARACTERS, code="control")
        return super().to_python(value)


def country_choices() -> list[tuple[str, str]]:
    return [("", _("Choose your country")), *countries]


class CountryField(forms.ChoiceField):
    """The country select. A submitted code is checked by lookup rather than by walking the
    250 choices, which the sign request would otherwise do on every signature."""

    def valid_value(self, value: str) -> bool:
        return value in countries


def _with_suggestion_taken(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """The posted data, with the suggested address in the email field when the signer pressed
    the button that takes it (and the address is still the one it was suggested for)."""
    chosen = str(data.get(USE_SUGGESTION) or "").strip()
    if not chosen or chosen != typos.suggested_email(str(data.get("email") or "")):
        return data
    data = data.copy()  # type: ignore[attr-defined]  # a QueryDict or a dict
    data["email"] = chosen
    return data


class ViaField(forms.CharField):
    """The share or source code the signer came through (hidden): never an error, whatever is
    posted; anything that cannot be a code is dropped (circulation.via_normalise)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, widget=forms.HiddenInput, **kwargs)
        self.validators = []

    def to_python(self, value: object) -> str:
        return via_normalise(value)

    def prepare_value(self, value: object) -> str:
        return via_normalise(value)  # a form shown again carries no oversized or odd value


def name_field() -> PlainTextField:
    """A person's name, as every public form asks it (sign, RSVP, volunteer): plain text,
    at most 100 characters, in its own direction."""
    return PlainTextField(
        label=_("Your name"),
        max_length=100,
        error_messages={"required": NAME_REQUIRED},
        widget=forms.TextInput(attrs={"autocomplete": "name", "dir": "auto"}),
    )


def email_field(
    *, label: Promise | None = None, help_text: Promise | None = None
) -> forms.EmailField:
    """An email address to confirm, as every public form asks it; left to right."""
    return forms.EmailField(
        label=_("Email") if label is None else label,
        max_length=254,
        help_text=(
            _("We send you a link to confirm. Never shown, never shared.")
            if help_text is None
            else help_text
        ),
        error_messages={
            "required": EMAIL_REQUIRED,
            "invalid": INVALID_EMAIL,
            "max_length": TOO_LONG,
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )


class SignForm(defences.DefenceFields):
    # What a signer types takes its own direction (dir="auto"): a Persian name on an English
    # page, a Latin one on a Persian page; an address is always left to right.
    name = name_field()
    email = email_field()
    country = CountryField(
        label=_("Country"),
        choices=country_choices,
        error_messages={"required": COUNTRY_REQUIRED, "invalid_choice": UNKNOWN_COUNTRY},
        widget=forms.Select(attrs={"autocomplete": "country"}),
    )
    city = PlainTextField(
        label=_("City (optional)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    affiliation = PlainTextField(
        label=_("Affiliation or title (optional)"),
        max_length=200,
        required=False,
        help_text=_("For example: Professor of Law, University of Oslo."),
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    display = forms.ChoiceField(
        label=_("Show my name on the public list as"),
        choices=Display.choices,
        initial=Display.FULL,
        widget=forms.RadioSelect,
    )
    wants_updates = forms.BooleanField(
        label=_("Send me occasional updates about this campaign."),
        required=False,
        help_text=_("Optional. You can stop them at any time."),
    )
    via = ViaField()

    def __init__(self, data: Mapping[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(None if data is None else _with_suggestion_taken(data), **kwargs)
        # The likely address behind a mistyped one, once clean_email has found one.
        self.email_suggestion: str | None = None

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        # A slip is asked about before the domain is judged: typo domains are often in the
        # disposable list too, and "throwaway mail service" would puzzle someone who slipped.
        # The address is isolated in the message, to read whole in a Persian sentence.
        suggestion = typos.suggested_email(email)
        if suggestion and str(self.data.get(KEEP_EMAIL) or "").strip() != email:
            self.email_suggestion = suggestion
            raise forms.ValidationError(
                EMAIL_TYPO, code="typo", params={"suggestion": isolate(suggestion)}
            )
        if defences.refused_domain(normalise_email(email).rsplit("@", 1)[1]):
            raise forms.ValidationError(DISPOSABLE_EMAIL, code="disposable")
        return email

    def error_summary(self) -> list[tuple[str, str]]:
        """(id of the input to go to, or "" for the form as a whole; message) for each error
        the signer can fix, in the order of the form: the error summary's list."""
        found = [("", str(message)) for message in self.non_field_errors()]
        for name in self.fields:
            if name in self.defence_fields or name not in self.errors:
                continue
            field = self[name]
            # A radio group's label names no input: the first radio is the one to go to.
            target = field.id_for_label or f"{field.auto_id}_0"
            found += [(target, str(message)) for message in field.errors]
        return found


class EmailForm(forms.Form):
    """Asks for the address again to send a new link (nothing tells whether it signed)."""

    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        error_messages={
            "required": EMAIL_REQUIRED,
            "invalid": INVALID_EMAIL,
            "max_length": TOO_LONG,
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )


class DisplayForm(forms.Form):
    display = forms.ChoiceField(
        label=_("Show my name on the public list as"),
        choices=Display.choices,
        widget=forms.RadioSelect,
    )
