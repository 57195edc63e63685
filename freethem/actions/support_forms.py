"""The give form of a fundraising drive: an amount (a preset, or another typed in Latin or
Persian digits), and a name to show publicly for those who ask to be named."""

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from freethem.appeals.defences import TrapInput
from freethem.appeals.forms import PlainTextField

# Presets, in the drive's currency; "other" takes the amount typed.
PRESETS = (25, 50, 100, 250, 500)
DEFAULT_PRESET = "50"
OTHER = "other"
# Bounds of a gift online; larger gifts are welcome offline, where the organisers can talk to
# the donor first.
MIN_AMOUNT = Decimal(1)
MAX_AMOUNT = Decimal(10000)

AMOUNT_REQUIRED = _("Please choose an amount, or type one under “Another amount”.")
AMOUNT_INVALID = _("Please type the amount in figures, such as 40 or 12.50.")
AMOUNT_TOO_SMALL = _("The smallest gift we can take online is %(minimum)s.")
AMOUNT_TOO_LARGE = _(
    "Online gifts go up to %(maximum)s. For a larger gift, please give offline: see below."
)
NAME_WITHOUT_CONSENT = _(
    "Tick the box to have this name shown, or leave the name empty to give anonymously."
)
CONSENT_WITHOUT_NAME = _("Please type the name to show, or untick the box.")
TOO_MANY_GIFTS = _(
    "Too many gifts were started from your network in the last hour. Please try again later."
)

# Persian (U+06F0-06F9) and Arabic-Indic (U+0660-0669) digits, as phones type them.
DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
# A plain amount once digits are Latin and grouping is gone: no sign, no exponent.
AMOUNT = re.compile(r"[0-9]{1,9}(\.[0-9]{1,2})?")
MAX_TYPED = 20


def parse_amount(text: str) -> Decimal | None:
    """'1,250.50', '۱۰۰', '۱۲٫۵' -> a Decimal; None for anything else ('1e9', '-5', '0x10')."""
    plain = text.strip().translate(DIGITS)
    # Grouping (comma, Arabic thousands separator, spaces) goes; the Arabic decimal separator
    # is a point.
    plain = re.sub(r"[,\u066c\s\u00a0\u202f']", "", plain).replace("\u066b", ".")
    if not AMOUNT.fullmatch(plain):
        return None
    return Decimal(plain)


class GiveForm(forms.Form):
    trap_fields: ClassVar[tuple[str, ...]] = ("website",)

    preset = forms.ChoiceField(
        label=_("Amount"),
        required=False,
        widget=forms.RadioSelect,
    )
    other = forms.CharField(
        label=_("Another amount"),
        required=False,
        max_length=MAX_TYPED,
        widget=forms.TextInput(
            attrs={
                "inputmode": "decimal",
                "autocomplete": "off",
                "dir": "ltr",
                "aria-describedby": "other-help",
            }
        ),
    )
    public_name = PlainTextField(
        label=_("Your name, as it should appear"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "name", "dir": "auto"}),
    )
    named = forms.BooleanField(
        label=_("Show this name in the list of donors"),
        required=False,
    )
    website = forms.CharField(
        label=_("Website"), required=False, max_length=200, widget=TrapInput()
    )

    def __init__(
        self, *args: Any, currency: str, money: Callable[[Decimal], str], **kwargs: Any
    ) -> None:
        """`money(amount)` writes an amount in the drive's currency for the page's language."""
        super().__init__(*args, **kwargs)
        self.currency, self.money = currency, money
        self.fields["preset"].choices = [
            *((str(value), money(Decimal(value))) for value in PRESETS),
            (OTHER, _("Other")),
        ]
        self.fields["preset"].initial = DEFAULT_PRESET
        self.fields["website"].widget.attrs["class"] = "give-trap-input"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        typed, preset = data.get("other", ""), data.get("preset", "")
        if typed:
            # What the visitor typed wins: without JavaScript, a preset stays ticked beside it.
            amount = parse_amount(typed)
            field = "other"
        elif preset and preset != OTHER:
            amount, field = Decimal(preset), "preset"
        else:
            self.add_error("other" if preset == OTHER else "preset", AMOUNT_REQUIRED)
            return data
        if amount is None:
            self.add_error(field, AMOUNT_INVALID)
        elif amount < MIN_AMOUNT:
            self.add_error(field, AMOUNT_TOO_SMALL % {"minimum": self.money(MIN_AMOUNT)})
        elif amount > MAX_AMOUNT:
            self.add_error(field, AMOUNT_TOO_LARGE % {"maximum": self.money(MAX_AMOUNT)})
        else:
            data["amount"] = amount
        name, named = data.get("public_name", ""), data.get("named")
        if name and not named:
            self.add_error("named", NAME_WITHOUT_CONSENT)
        elif named and not name:
            self.add_error("public_name", CONSENT_WITHOUT_NAME)
        return data

    def error_summary(self) -> list[tuple[str, str]]:
        """(id of the input, message) for each error, in the form's order."""
        found = [("", str(message)) for message in self.non_field_errors()]
        for name in self.fields:
            if name in self.trap_fields or name not in self.errors:
                continue
            target = f"{self[name].auto_id}_0" if name == "preset" else self[name].id_for_label
            found += [(target, str(message)) for message in self[name].errors]
        return found

    @property
    def is_trapped(self) -> bool:
        return bool(self.cleaned_data.get("website"))
