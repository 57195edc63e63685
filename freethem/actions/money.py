"""Amounts of money as a page shows them: grouped, in the page's digits, with the currency's
sign or name in the page's language ("$15,000" in English, "۱۵٬۰۰۰ دلار" in Persian)."""

from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from freethem.core.templatetags.freethem import grouped, is_persian, num

# How an amount is written in the currencies campaigns raise in; others show their ISO code.
FORMATS = {
    "USD": _("$%(amount)s"),
    "EUR": _("€%(amount)s"),
    "GBP": _("£%(amount)s"),
    "CAD": _("CA$%(amount)s"),
    "AUD": _("A$%(amount)s"),
    "CHF": _("%(amount)s Swiss francs"),
    "SEK": _("%(amount)s Swedish kronor"),
}
# Persian's decimal separator (U+066B).
PERSIAN_DECIMAL = "\u066b"


def number(amount: Decimal) -> str:
    """15000 -> '15,000'; 12.5 -> '12.50' (cents only when there are some)."""
    value = abs(Decimal(amount).quantize(Decimal("0.01")))
    whole, cents = divmod(value, 1)
    text = grouped(int(whole))
    if cents:
        separator = PERSIAN_DECIMAL if is_persian() else "."
        text += separator + num(f"{int(cents * 100):02d}")
    return text


def money(amount: Decimal, currency: str) -> str:
    """'$1,234.50'; a negative amount (a balance overspent) with a minus sign in front."""
    shape = FORMATS.get(currency.upper())
    if shape is None:
        text = gettext("%(amount)s %(currency)s") % {"amount": number(amount), "currency": currency}
    else:
        text = str(shape) % {"amount": number(amount)}
    # U+2212, the minus sign, which no bidi algorithm mistakes for a hyphen.
    return f"\u2212{text}" if amount < 0 else text
