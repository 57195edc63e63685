"""What WeasyPrint may read while it lays out a PDF: the fonts shipped with freethem, nothing else.

The PDFs hold signers' names and are rendered from organisers' text; a URL that reaches the
network (or a file outside the fonts) would leak that a PDF is being made, or read what it
should not. Every other URL stops the rendering.
"""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

FONT_DIR = Path(settings.BASE_DIR) / "node_modules" / "vazirmatn" / "fonts" / "ttf"
FONT_REGULAR = FONT_DIR / "Vazirmatn-Regular.ttf"
FONT_BOLD = FONT_DIR / "Vazirmatn-Bold.ttf"


class RemoteURLRefused(FatalURLFetchingError):
    """The PDF asked for something outside the local fonts."""


class LocalFontsOnly(URLFetcher):
    """Serves file:// URLs inside the allowed directories; refuses everything else."""

    def __init__(self, allowed: tuple[Path, ...] = (FONT_DIR,)) -> None:
        super().__init__(allowed_protocols=("file",), fail_on_errors=True)
        self.allowed = tuple(directory.resolve() for directory in allowed)

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RemoteURLRefused(f"refused to fetch {url[:200]!r}: not a local file")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(directory) for directory in self.allowed):
            raise RemoteURLRefused(f"refused to read {path}: outside the fonts")
        return URLFetcherResponse(url, path.read_bytes())
