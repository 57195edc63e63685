"""Template helpers of the fundraising pages. {% load giving %}."""

from decimal import Decimal

from django import template

from freethem.actions import money as amounts
from freethem.actions.models.base import Bilingual

register = template.Library()


@register.filter
def money(amount: Decimal | int, currency: str) -> str:
    """{{ totals.raised|money:drive.currency }}: "$4,210" in English, "۴٬۲۱۰ دلار" in Persian."""
    return amounts.money(Decimal(amount), currency)


@register.filter
def in_language(obj: Bilingual, name: str) -> str:
    """{{ drive|in_language:"title" }}: the text in the reader's language (English when the
    Persian is not written yet)."""
    return obj.in_language(name)
