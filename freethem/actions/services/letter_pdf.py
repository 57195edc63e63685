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


FSI, PDI = "\u2068", "\u2069"


def isolated(*lines: str) -> str:
    """Lines each isolated (FSI ... PDI, which Pango honours where WeasyPrint lacks
    unicode-bidi: isolate), so "1209 Geneva" stays so in a Persian letter and a Persian name
    reads right to left in an English one."""
    parts = (part.strip() for line in lines for part in line.splitlines())
    return "\n".join(f"{FSI}{part}{PDI}" for part in parts if part)


def letter_pdf(letter: Letter, *, date_text: str) -> bytes:
    official = letter.official
    supporter = letter.supporter
    context = {
        "letter": letter,
        "date_text": date_text,
        "sender": isolated(supporter.name, supporter.town),
        "recipient": isolated(official.name, official.title, official.address),
        "copies": [
            isolated(copy.name, ", ".join(copy.address.split("\n"))) for copy in letter.copies
        ],
    }
    return _pdf("actions/urgent/letter.pdf.html", context)


def card_pdf(*, greeting: str, signature: str, address: str, language: str) -> bytes:
    return _pdf(
        "actions/urgent/card.pdf.html",
        {
            "greeting": greeting,
            "signature": isolated(signature),
            "address": isolated(address),
            "language": language,
            "direction": "rtl" if language == "fa" else "ltr",
        },
    )
