"""Lay out the front matter and the names as PDF with WeasyPrint, in chunks, and draw page 1.

A long list is laid out in chunks of names (WeasyPrint keeps a whole document's boxes in
memory): each chunk but the last drops its last page, whose names start the next chunk, so
every page but the very last is full and each name is printed once. The chunks' PDFs are
joined with pypdf.
"""

import html
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from django.template.loader import render_to_string
from pypdf import PdfWriter
from weasyprint import HTML
from weasyprint.document import Document, Page
from weasyprint.formatting_structure.boxes import Box

from freethem.appeals.printing import fit as fitting
from freethem.appeals.printing.entries import Entry
from freethem.appeals.printing.fetcher import FONT_BOLD, FONT_REGULAR, LocalFontsOnly
from freethem.appeals.printing.presets import PageSize

# Names per chunk laid out by one WeasyPrint document (at least a few pages' worth).
CHUNK = 4000
PREVIEW_WIDTH = 1240  # pixels of page 1's PNG
MARKER = "names-start"
PT_PER_PX = 0.75
FSI, PDI = "\u2068", "\u2069"
SEPARATOR = " \u00b7 "  # a middle dot between the name and the country

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Rendered:
    pages: int
    points: float  # font size of the names
    columns: int


def margin(size: PageSize) -> float:
    """The page's margin in points: 4% of the shorter side, at least 10 mm."""
    return max(28.35, 0.04 * min(size.width, size.height))


def stylesheet(size: PageSize, *, points: float, columns: int, language: str) -> str:
    unit = min(size.width, size.height) / 595  # 1 on A4: the front matter scales with the page
    return render_to_string(
        "appeals/print/print.css",
        {
            "size": size,
            "margin": round(margin(size), 2),
            "font_regular": FONT_REGULAR.as_uri(),
            "font_bold": FONT_BOLD.as_uri(),
            "points": points,
            "columns": columns,
            "gap": fitting.COLUMN_GAP,
            "line_height": fitting.LINE_HEIGHT,
            "unit": round(unit, 4),
            "rtl": language == "fa",
        },
    )


def names_html(entries: list[Entry], start: int) -> str:
    """One <li> per name, in the edition's direction: the name isolated (FSI ... PDI, which
    Pango honours where WeasyPrint lacks unicode-bidi: isolate), so a Persian name runs right
    to left in an English ad and a Latin one left to right in a Persian ad; then its country.
    One text run per name: a styled inline box per part would double the layout time."""
    escape = html.escape
    return "".join(
        f'<li data-i="{start + i}">{FSI}{escape(entry.name)}{PDI}{SEPARATOR}'
        f"{escape(entry.country)}</li>"
        for i, entry in enumerate(entries)
    )


def document(*, css: str, front: str, names: str, language: str) -> str:
    direction = "rtl" if language == "fa" else "ltr"
    return (
        f'<!doctype html><html lang="{language}" dir="{direction}"><head><meta charset="utf-8">'
        f"<style>{css}</style></head><body>{front}"
        f'<div id="{MARKER}"></div><ul class="names">{names}</ul></body></html>'
    )


def _layout(source: str) -> Document:
    return HTML(string=source, url_fetcher=LocalFontsOnly()).render()


def _boxes(page: Page) -> Iterator[Box]:
    # The page's laid-out boxes: WeasyPrint's own structure (its version is pinned in
    # requirements.txt); the tests would see a change of it as names lost or doubled.
    yield from page._page_box.descendants()


def front_room(size: PageSize, front: str, language: str) -> tuple[float, int]:
    """How many points of height the front matter leaves for names on its last page, and
    how many pages it fills before that one."""
    css = stylesheet(size, points=10, columns=1, language=language)
    laid = _layout(document(css=css, front=front, names="", language=language))
    bottom = size.height - margin(size)
    for box in _boxes(laid.pages[-1]):
        if box.element is not None and box.element.get("id") == MARKER:
            # WeasyPrint lays out in CSS pixels (1/96 inch).
            return max(0.0, bottom - box.position_y * PT_PER_PX), len(laid.pages) - 1
    return 0.0, len(laid.pages)


def choose_fit(
    size: PageSize, entries: list[Entry], front: str, language: str
) -> tuple[fitting.Fit, int]:
    room, front_pages = front_room(size, front, language)
    inner = size.width - 2 * margin(size)
    page_height = size.height - 2 * margin(size)
    widths = fitting.line_widths([(entry.name, entry.country) for entry in entries])
    # Few names are not blown up past a readable heading size: 14 pt on A4, more on posters.
    largest = 14 * math.sqrt(size.width * size.height / (595 * 842))
    if room < 6 * fitting.MIN_POINTS * fitting.LINE_HEIGHT:
        room = page_height  # no useful room left under the front matter: names start a page
        front_pages += 1
    found = fitting.fit(
        widths, width=inner, first_height=room, height=page_height, max_points=largest
    )
    return found, front_pages


def render(
    *,
    size: PageSize,
    front: str,
    entries: list[Entry],
    language: str,
    out: Path,
    progress: Progress | None = None,
) -> Rendered:
    """Write the PDF to out; progress(names laid out, total) after each chunk."""
    found, front_pages = choose_fit(size, entries, front, language)
    points = found.points
    if len(entries) <= CHUNK and found.pages == 1 and points > fitting.MIN_POINTS:
        points = _shrink_to_fit(size, front, entries, language, found, pages=front_pages + 1)
    css = stylesheet(size, points=points, columns=found.columns, language=language)
    writer = PdfWriter()
    start, chunk, total = 0, CHUNK, len(entries)
    first = True
    while first or start < total:
        part = entries[start : start + chunk]
        final = start + len(part) >= total
        laid = _layout(
            document(
                css=css,
                front=front if first else "",
                names=names_html(part, start),
                language=language,
            )
        )
        keep = laid.pages
        following = total
        if not final:
            if len(laid.pages) < 2:  # the chunk did not fill a page: take more names
                chunk *= 2
                continue
            following = _first_name_on(laid.pages[-1], default=start + len(part))
            keep = laid.pages[:-1]
        buffer = BytesIO()
        laid.copy(keep).write_pdf(buffer)
        writer.append(BytesIO(buffer.getvalue()))
        start, first = following, False
        if progress:
            progress(min(start, total), total)
    with out.open("wb") as file:
        writer.write(file)
    return Rendered(pages=len(writer.pages), points=points, columns=found.columns)


def _first_name_on(page: Page, *, default: int) -> int:
    found = [
        int(box.element.get("data-i"))
        for box in _boxes(page)
        if box.element is not None and box.element_tag == "li" and box.element.get("data-i")
    ]
    return min(found, default=default)


def _shrink_to_fit(
    size: PageSize,
    front: str,
    entries: list[Entry],
    language: str,
    found: fitting.Fit,
    *,
    pages: int,
) -> float:
    """Check the estimate with a layout: while the names spill onto another page, smaller."""
    points = found.points
    for _attempt in range(6):
        css = stylesheet(size, points=points, columns=found.columns, language=language)
        laid = _layout(
            document(css=css, front=front, names=names_html(entries, 0), language=language)
        )
        if len(laid.pages) <= pages or points <= fitting.MIN_POINTS:
            return points
        points = max(fitting.MIN_POINTS, points * 0.92)
    return points


def preview(pdf: Path, png: Path, *, width: int = PREVIEW_WIDTH) -> None:
    """Draw the PDF's first page as a PNG width pixels wide."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        page = document[0]
        image = page.render(scale=width / page.get_width()).to_pil()
        image.save(png, format="PNG", optimize=True)
    finally:
        document.close()
