"""Print-ready PDFs of an appeal's names with WeasyPrint: the page sizes (presets), the
local-only URL fetcher (fetcher), the font size that fills the pages (fit), the layout in
chunks and the PNG preview (render). The jobs and their files: appeals.services.publication.
"""

import logging

# WeasyPrint logs each step of each layout at INFO: thousands of lines for a long list.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
