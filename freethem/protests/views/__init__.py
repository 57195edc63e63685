"""The protest tracker's public views (pages, stats, the exchange file and the report form)."""

from freethem.protests.views.exchange import export_csv
from freethem.protests.views.report import report, report_thanks

__all__ = ["export_csv", "report", "report_thanks"]
