"""The form to follow a prisoner: an email, and a honeypot for bots (appeals' defences)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from freethem.appeals.defences import TrapInput
from freethem.appeals.forms import email_field


class FollowForm(forms.Form):
    email = email_field(label=_("Your email"))
    # Named like a field a form might have, so bots fill it in; hidden from people.
    website = forms.CharField(
        label=_("Website"), required=False, max_length=200, widget=TrapInput()
    )

    def __init__(self, *args: object, prefix_id: str = "follow", **kwargs: object) -> None:
        kwargs.setdefault("auto_id", f"{prefix_id}-%s")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def is_trapped(self) -> bool:
        return bool(self.cleaned_data.get("website"))
