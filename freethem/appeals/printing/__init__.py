"""Print-ready PDFs of an appeal's names with WeasyPrint: the page sizes (presets), the
local-only URL fetcher (fetcher), the font size that fills the pages (fit), the layout in
chunks and the PNG preview (render). The jobs and their files: appeals.services.publication.
"""

import logging
from types import ModuleType

# WeasyPrint logs each step of each layout at INFO: thousands of lines for a long list.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# The system libraries WeasyPrint lays text out with (Debian's names).
PANGO = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"


class PrintingUnavailable(RuntimeError):
    """WeasyPrint cannot run here: the system has no Pango."""


def unavailable() -> str:
    """Why PDFs cannot be made on this machine, in one line; empty when they can. The site
    runs without Pango: only the PDF jobs need it, so it is loaded when one runs."""
    try:
        import weasyprint  # noqa: F401 - loads Pango
    except OSError as error:
        return f"WeasyPrint cannot load Pango ({error}); on Debian: apt-get install {PANGO}"
    return ""


def renderer() -> ModuleType:
    """freethem.appeals.printing.render, or PrintingUnavailable saying what to install."""
    reason = unavailable()
    if reason:
        raise PrintingUnavailable(reason)
    from freethem.appeals.printing import render

    return render
