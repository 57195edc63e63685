"""The filled letter and the solidarity card as A4 PDFs (WeasyPrint), laid out right to left
for Persian and Arabic, in Vazirmatn (which covers Persian and Latin) read from our own files:
WeasyPrint may read those fonts and nothing else (appeals.printing.fetcher.LocalFontsOnly), so
laying out a PDF never reaches the network."""

from django.template.loader import render_to_string

from freethem.actions.services.letters import Letter
from freethem.appeals.printing import renderer
from freethem.appeals.printing.fetcher import FONT_BOLD, FONT_REGULAR, LocalFontsOnly


def _pdf(template: str, context: dict[str, object]) -> bytes:
    renderer()  # PrintingUnavailable, saying what to install, when Pango is missing
    from weasyprint import HTML

    source = render_to_string(
        template,
        {**context, "font_regular": FONT_REGULAR.as_uri(), "font_bold": FONT_BOLD.as_uri()},
    )
    return HTML(string=source, url_fetcher=LocalFontsOnly()).write_pdf()


def letter_pdf(letter: Letter, *, date_text: str) -> bytes:
    return _pdf("actions/urgent/letter.pdf.html", {"letter": letter, "date_text": date_text})


def card_pdf(*, greeting: str, signature: str, address: str, language: str) -> bytes:
    return _pdf(
        "actions/urgent/card.pdf.html",
        {
            "greeting": greeting,
            "signature": signature,
            "address": address,
            "language": language,
            "direction": "rtl" if language == "fa" else "ltr",
        },
    )
