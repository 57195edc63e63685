"""The protest tracker's writes (the records helper's modules join these at merge)."""

from freethem.protests.services.reports import Outcome, report_submit

__all__ = ["Outcome", "report_submit"]
