"""Every write of appeals, and what the writes need to share: views, the admin, the tasks and
the management commands call these.

- signing: signing, confirming, changing and withdrawing signatures, and the signers' links;
- counting: the appeal's count;
- moderation: staff writes on appeals and signatures;
- defences: the counts the defences take for a signing or a mail;
- lifecycle: the periodic erasures and count snapshots;
- circulation: share and source codes, and what each signature came through.
"""

from freethem.appeals.services.circulation import (
    Via,
    attribution_record,
    share_code_for,
    share_count,
    source_code_check,
    source_code_create,
    source_code_tidy,
    via_normalise,
    via_resolve,
)
from freethem.appeals.services.counting import (
    COUNT_CACHE_SECONDS,
    count_adjust,
    count_data,
    count_data_by_slug,
    count_forget,
    count_totals,
)
from freethem.appeals.services.defences import checks_record, mail_allowance_take
from freethem.appeals.services.lifecycle import (
    Erased,
    appeal_close_dates_set,
    appeal_personal_data_erase,
    ips_erase,
    personal_data_erase,
    run_periodic,
    snapshot_counts,
)
from freethem.appeals.services.moderation import (
    NOT_OPEN,
    NOT_PAUSED,
    STAFF_REASON,
    appeal_create,
    appeal_pause,
    appeal_resume,
    signature_clear_suspect,
    signature_mark_suspect,
    signature_release,
)
from freethem.appeals.services.signing import (
    CONFIRM_MAX_AGE,
    CONFIRM_SALT,
    MAIL_ALREADY,
    MAIL_CONFIRM,
    PERSONAL_SALT,
    confirm_token,
    email_hash,
    normalise_email,
    personal_token,
    public_name_for,
    signature_confirm,
    signature_create,
    signature_data,
    signature_from_confirm_token,
    signature_from_personal_token,
    signature_mark_confirm_mail_sent,
    signature_resend,
    signature_update_display,
    signature_withdraw,
    site_url,
)

__all__ = [
    "CONFIRM_MAX_AGE",
    "CONFIRM_SALT",
    "COUNT_CACHE_SECONDS",
    "MAIL_ALREADY",
    "MAIL_CONFIRM",
    "NOT_OPEN",
    "NOT_PAUSED",
    "PERSONAL_SALT",
    "STAFF_REASON",
    "Erased",
    "Via",
    "appeal_close_dates_set",
    "appeal_create",
    "appeal_pause",
    "appeal_personal_data_erase",
    "appeal_resume",
    "attribution_record",
    "checks_record",
    "confirm_token",
    "count_adjust",
    "count_data",
    "count_data_by_slug",
    "count_forget",
    "count_totals",
    "email_hash",
    "ips_erase",
    "mail_allowance_take",
    "normalise_email",
    "personal_data_erase",
    "personal_token",
    "public_name_for",
    "run_periodic",
    "share_code_for",
    "share_count",
    "signature_clear_suspect",
    "signature_confirm",
    "signature_create",
    "signature_data",
    "signature_from_confirm_token",
    "signature_from_personal_token",
    "signature_mark_confirm_mail_sent",
    "signature_mark_suspect",
    "signature_release",
    "signature_resend",
    "signature_update_display",
    "signature_withdraw",
    "site_url",
    "snapshot_counts",
    "source_code_check",
    "source_code_create",
    "source_code_tidy",
    "via_normalise",
    "via_resolve",
]
