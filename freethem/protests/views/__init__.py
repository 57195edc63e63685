"""The protest tracker's views, one module per subject: the public pages (list and record),
the figures and the map, the exchange file and the report form."""

from freethem.protests.views.exchange import export_csv
from freethem.protests.views.report import report, report_thanks

__all__ = ["export_csv", "report", "report_thanks"]
