"""The font size of the names: as large as lets them fill the page(s), never below legible.

Each name stands on its own line (the name, a middle dot, its country) in columns; a line longer
than the column wraps. The estimate measures each line with Vazirmatn's advance widths (no
shaping: close enough for a count of lines), picks a column width that most names fit in, and
solves for the size at which the lines fill the area left for them. Below MIN_POINTS the size
stays at MIN_POINTS and the names take more pages.
"""

import math
from dataclasses import dataclass
from functools import cache

from fontTools.ttLib import TTFont

from freethem.appeals.printing.fetcher import FONT_REGULAR

MIN_POINTS = 5.5  # smaller than this is not legible in print
LINE_HEIGHT = 1.2  # em
COLUMN_GAP = 1.5  # em
MIN_COLUMN, MAX_COLUMN = 9.0, 26.0  # em
SEPARATOR = 0.9  # em: the middle dot and spaces between the name and its country


@dataclass(frozen=True)
class Fit:
    points: float  # font size of the names
    column_em: float  # column width in em of that size
    columns: int
    lines: int  # estimated lines of names
    pages: int  # estimated pages, counting the first page's share as one


def _lines(width: float, column: float) -> int:
    """Lines a name of this width takes in a column."""
    return max(1, math.ceil(width / column))


@cache
def _metrics() -> tuple[dict[int, float], float]:
    font = TTFont(FONT_REGULAR, lazy=True)
    per_em = font["head"].unitsPerEm
    hmtx = font["hmtx"]
    widths = {code: hmtx[glyph][0] / per_em for code, glyph in font.getBestCmap().items()}
    return widths, widths.get(ord("n"), 0.55)


def text_em(text: str) -> float:
    """Width of text in em, from the font's advance widths (unknown letters as an "n")."""
    widths, fallback = _metrics()
    return sum(widths.get(ord(letter), fallback) for letter in text)


def line_widths(entries: list[tuple[str, str]]) -> list[float]:
    """Each (name, country) line's width in em of the names' size."""
    countries: dict[str, float] = {}
    found = []
    for name, country in entries:
        if country not in countries:
            countries[country] = text_em(country)
        found.append(text_em(name) + SEPARATOR + countries[country])
    return found


def column_choices(widths: list[float]) -> list[float]:
    """Column widths to try: as wide as 90 or 97 in 100 lines, within bounds (narrower
    columns let more names wrap, which reads badly)."""
    if not widths:
        return [MIN_COLUMN]
    ranked = sorted(widths)
    found = {
        min(MAX_COLUMN, max(MIN_COLUMN, ranked[int(share * (len(ranked) - 1))] + 0.5))
        for share in (0.9, 0.97)
    }
    return sorted(found)


def fit(
    widths: list[float], *, width: float, first_height: float, height: float, max_points: float
) -> Fit:
    """The size for lines of these widths (em) in columns across width points, first_height
    points high on the first page and height on the next ones: of the column widths tried,
    the one that lets the names be largest, or, at the smallest size, take fewest pages."""
    tried = [
        _fit_columns(widths, column, width, first_height, height, max_points)
        for column in column_choices(widths)
    ]
    return min(tried, key=lambda found: (found.pages, -found.points))


def _fit_columns(
    widths: list[float],
    column_em: float,
    width: float,
    first_height: float,
    height: float,
    max_points: float,
) -> Fit:
    # Start from the size at which the lines, unwrapped, would just fill the first page, and
    # step down from there: the steps only count the lines that wrap.
    area = width * first_height
    needed = max(1, len(widths)) * LINE_HEIGHT * (column_em + COLUMN_GAP)
    points = max(MIN_POINTS, min(max_points, math.sqrt(area / needed)))
    while True:
        columns = max(1, math.floor((width / points + COLUMN_GAP) / (column_em + COLUMN_GAP)))
        # The columns share the whole width: each is a little wider than asked.
        real_column = (width / points + COLUMN_GAP) / columns - COLUMN_GAP
        lines = sum(_lines(w, real_column) for w in widths)
        per_column_first = math.floor(first_height / (points * LINE_HEIGHT))
        per_column = math.floor(height / (points * LINE_HEIGHT))
        room = per_column_first * columns
        if lines <= room or points <= MIN_POINTS:
            break
        points = max(MIN_POINTS, points * 0.97)
    rest = max(0, lines - room)
    pages = 1 + (math.ceil(rest / (per_column * columns)) if rest else 0)
    return Fit(round(points, 2), round(real_column, 2), columns, lines, pages)
