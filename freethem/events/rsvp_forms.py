"""The RSVP form: a name and an email, and a honeypot for bots."""

from typing import ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from freethem.appeals.defences import TrapInput
from freethem.appeals.forms import email_field, name_field


class RsvpForm(forms.Form):
    trap_fields: ClassVar[tuple[str, ...]] = ("website",)

    name = name_field()
    email = email_field(
        help_text=_(
            "We send you a link to confirm, then the details and a reminder. Never shown, "
            "never shared."
        )
    )
    # Named like a field a form might have, so bots fill it in; hidden from people (rsvp.css).
    website = forms.CharField(
        label=_("Website"), required=False, max_length=200, widget=TrapInput()
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["website"].widget.attrs["class"] = "rsvp-trap-input"

    def error_summary(self) -> list[tuple[str, str]]:
        """(id of the input, message) for each error, in the form's order."""
        found = [("", str(message)) for message in self.non_field_errors()]
        for name in self.fields:
            if name in self.trap_fields or name not in self.errors:
                continue
            found += [(self[name].id_for_label, str(message)) for message in self[name].errors]
        return found

    @property
    def is_trapped(self) -> bool:
        return bool(self.cleaned_data.get("website"))
