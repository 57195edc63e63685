"""Every write of the protest tracker: the staff area, the moderation of reports, the demo and
the management commands call these.

- records: creating records under our own ids, changing them, and their states;
- merging: one record per place per day: finding duplicates and merging them;
- moderation: staff decisions on the reports the public sends in;
- reports: the public's reports of protests, through the form.
"""

from freethem.protests.services.merging import (
    Merged,
    merge_preview,
    protest_duplicates,
    protests_merge,
    protests_unmerge,
)
from freethem.protests.services.moderation import report_accept, report_reject
from freethem.protests.services.records import (
    id_prefix,
    is_ours,
    lowest_reported,
    next_event_id,
    protest_archive,
    protest_create,
    protest_publish,
    protest_source_add,
    protest_submit,
    protest_to_draft,
    protest_update,
    publication_problems,
)
from freethem.protests.services.reports import Outcome, report_submit

__all__ = [
    "Merged", "Outcome", "id_prefix", "is_ours", "lowest_reported", "merge_preview",
    "next_event_id",
    "protest_archive", "protest_create", "protest_duplicates", "protest_publish",
    "protest_source_add", "protest_submit", "protest_to_draft", "protest_update",
    "protests_merge", "protests_unmerge", "publication_problems", "report_accept", "report_reject",
    "report_submit",
]  # fmt: skip
