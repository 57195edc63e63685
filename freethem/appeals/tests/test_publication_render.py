"""The PDF renderer on its own: it reads the local fonts and nothing else, and picks a font
size that fills the page without going below legible."""

# ruff: noqa: E402 - the imports below wait for the check that Pango is here
from freethem.appeals import printing
from freethem.core.testing.requires import require_module_level

require_module_level(printing.unavailable())


from pathlib import Path

import pytest
from pypdf import PdfReader
from weasyprint import HTML

from freethem.appeals.printing import fit, render
from freethem.appeals.printing.fetcher import FONT_REGULAR, LocalFontsOnly, RemoteURLRefused
from freethem.appeals.printing.presets import PRESETS


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/font.ttf",
        "http://198.51.100.7/logo.png",
        "ftp://example.org/x.css",
        "data:text/css,body{}",
        "file://example.org/etc/passwd",
        "file:///etc/passwd",
        f"{FONT_REGULAR.parent.as_uri()}/../../../../../etc/passwd",
    ],
)
def test_it_refuses_anything_but_the_local_fonts(url: str) -> None:
    with pytest.raises(RemoteURLRefused):
        LocalFontsOnly().fetch(url)


def test_it_reads_the_local_fonts() -> None:
    assert LocalFontsOnly().fetch(FONT_REGULAR.as_uri()).read(4) == b"\x00\x01\x00\x00"


def test_it_stops_a_layout_that_asks_for_a_remote_url() -> None:
    html = '<p>Names</p><img src="https://example.org/pixel.png">'
    with pytest.raises(RemoteURLRefused):
        HTML(string=html, url_fetcher=LocalFontsOnly()).write_pdf()


def area(**sizes: float) -> dict[str, float]:
    return {"width": 500.0, "first_height": 400.0, "height": 700.0, "max_points": 14.0, **sizes}


def test_it_sets_few_names_large_and_many_small_but_never_below_legible() -> None:
    widths = fit.line_widths([("Ada Lovelace", "United Kingdom")] * 20)
    few = fit.fit(widths, **area())
    many = fit.fit(widths * 10, **area())
    huge = fit.fit(widths * 5000, **area())

    assert few.points == 14 and few.pages == 1  # no bigger than a heading
    assert fit.MIN_POINTS < many.points < few.points
    assert huge.points == fit.MIN_POINTS and huge.pages > 1
    assert huge.columns * (700 // (fit.MIN_POINTS * fit.LINE_HEIGHT)) * huge.pages >= 100_000


def test_it_measures_persian_and_latin_names() -> None:
    assert 0 < fit.text_em("نرگس محمدی") < fit.text_em("Narges Mohammadi Narges")


def test_it_prints_markup_in_a_name_as_text(tmp_path: Path) -> None:
    name = '<img src="https://example.org/x.png"> Eve'
    out = tmp_path / "ad.pdf"
    render.render(
        size=PRESETS["a4"],
        front="<h1>&lt;b&gt;Title</h1>",
        entries=[render.Entry(name, "Iran"), render.Entry("Ada Lovelace", "Germany")],
        language="en",
        out=out,
    )
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "x.png" in text and "Ada Lovelace" in text  # printed, not fetched
