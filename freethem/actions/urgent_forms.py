"""The letter writer's form and the solidarity card's: what the supporter types, checked and
never stored."""

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from freethem.actions.models import Official, UrgentAction
from freethem.actions.vocab import LETTER_LANGUAGES, OfficialRole
from freethem.appeals.forms import CONTROL_CHARACTERS, PlainTextField, country_choices

NAME_REQUIRED = _("Please enter your name: it signs the letter.")
FIRST_NAME_REQUIRED = _("Please enter your first name: it signs the card.")
CHOOSE_LANGUAGE = _("Please choose one of the languages the letter is written in.")
CHOOSE_OFFICIAL = _("Please choose whom to write to from the list.")

# Besides the controls and bidi embeddings PlainTextField refuses: the invisible direction
# marks, which can make a printed name read in another order than it was typed.
MARKS = re.compile("[\u200e\u200f\u061c]")


class NameField(PlainTextField):
    def to_python(self, value: object) -> str:
        if isinstance(value, str) and MARKS.search(value):
            raise forms.ValidationError(CONTROL_CHARACTERS, code="control")
        return super().to_python(value)


class Summarised(forms.Form):
    @property
    def error_summary(self) -> list[tuple[str, str]]:
        """(the field's id, message) of each problem, for the summary above the form."""
        return [
            (self[name].id_for_label if name in self.fields else "", str(message))
            for name, messages in self.errors.items()
            for message in messages
        ]


def _languages(urgent_action: UrgentAction) -> list[tuple[str, str]]:
    names = dict(LETTER_LANGUAGES)
    written = {letter.language for letter in urgent_action.letters.all()}
    return [(code, names[code]) for code, _name in LETTER_LANGUAGES if code in written]


def targets(urgent_action: UrgentAction) -> list[Official]:
    return [o for o in urgent_action.officials.all() if o.role == OfficialRole.TARGET]


class LetterForm(Summarised):
    name = NameField(
        label=_("Your name"),
        max_length=100,
        error_messages={"required": NAME_REQUIRED},
    )
    town = NameField(label=_("Town or city (optional)"), max_length=100, required=False)
    country = forms.ChoiceField(label=_("Country (optional)"), required=False)
    language = forms.ChoiceField(
        label=_("Language of the letter"),
        error_messages={"required": CHOOSE_LANGUAGE, "invalid_choice": CHOOSE_LANGUAGE},
    )
    official = forms.TypedChoiceField(
        label=_("Write to"),
        coerce=int,
        error_messages={"required": CHOOSE_OFFICIAL, "invalid_choice": CHOOSE_OFFICIAL},
    )

    def __init__(self, *args: Any, urgent_action: UrgentAction, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()
        self.fields["language"].choices = _languages(urgent_action)
        self.officials = {official.pk: official for official in targets(urgent_action)}
        self.fields["official"].choices = [
            (pk, official.name) for pk, official in self.officials.items()
        ]


class CardForm(Summarised):
    first_name = NameField(
        label=_("Your first name"),
        max_length=40,
        error_messages={"required": FIRST_NAME_REQUIRED},
        help_text=_("Only your first name: the card must not put you at risk."),
    )
    town = NameField(label=_("Town or city (optional)"), max_length=100, required=False)
