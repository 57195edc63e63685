"""What the renderer lays out: a name with its country. Apart from the renderer, so that the
names are collected (and sorted) without loading WeasyPrint."""

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    name: str
    country: str


def is_rtl(text: str) -> bool:
    """Whether the first strong letter of text runs right to left (Persian, Arabic, Hebrew)."""
    for letter in text:
        kind = unicodedata.bidirectional(letter)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False
