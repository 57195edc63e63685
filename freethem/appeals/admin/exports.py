"""The export of signatures as CSV, from the staff area's lists (an action; "select all" takes
every signature matching the list's filters).

It streams: rows are read in chunks with values_list (no model instances), each encrypted field
decrypted as its row goes out, and written by core.spreadsheet's one streaming writer, so a
million signatures take the memory of one chunk (bench/bench_export.py measures it).
Organisers get the signer's full name, email and IP address; a moderator's export has another
set of columns, without them. Both are written to the audit log.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.db import connections
from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_noop

from freethem.appeals.models import Appeal, Signature
from freethem.core.audit import audit_record
from freethem.core.roles import is_organiser
from freethem.core.spreadsheet import csv_response

CHUNK = 2000
# (header, field) in the order of the columns.
SHARED_COLUMNS = (
    ("appeal", "appeal__slug"),
    ("name_as_shown", "public_name"),
    ("show_name_as", "display"),
    ("country", "country"),
    ("city", "city"),
    ("affiliation", "affiliation"),
    ("language", "language"),
    ("notable", "notable"),
    ("state", "state"),
    ("suspect", "suspect"),
    ("held", "held"),
    ("reasons", "reasons"),
    ("email_domain", "email_domain"),
    ("signed_at", "created_at"),
    ("confirmed_at", "confirmed_at"),
)
PERSONAL_COLUMNS = (
    ("full_name", "name"),
    ("email", "email"),
    ("wants_updates", "wants_updates"),
    ("ip", "ip"),
)
ORGANISER_COLUMNS = (SHARED_COLUMNS[0], *PERSONAL_COLUMNS, *SHARED_COLUMNS[1:])
MODERATOR_COLUMNS = SHARED_COLUMNS


def export_columns(request: HttpRequest) -> tuple[tuple[str, str], ...]:
    """Organisers see personal data; everyone else (moderators) never an email or IP."""
    return ORGANISER_COLUMNS if is_organiser(request.user) else MODERATOR_COLUMNS


def signature_rows(
    signatures: QuerySet[Signature], columns: Sequence[tuple[str, str]]
) -> Iterator[Sequence[object]]:
    """The header, then one row per signature, read CHUNK at a time (decrypted as they come)."""
    yield [header for header, _field in columns]
    fields = [name for _header, name in columns]
    with _unmapped(signatures.db):
        yield from signatures.order_by("pk").values_list(*fields).iterator(chunk_size=CHUNK)


@contextmanager
def _unmapped(alias: str) -> Iterator[None]:
    """On SQLite, read without the memory map (settings: PRAGMA mmap_size) while exporting:
    every page of the table passes once, and mapped it would stay in the process's resident set
    (up to the map's size, 256 MB) for nothing. The map comes back afterwards."""
    connection = connections[alias]
    size = None
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            row = cursor.execute("PRAGMA mmap_size").fetchone()  # none for a database in memory
        size = row[0] if row else None
    if not size:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA mmap_size=0")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA mmap_size={int(size)}")


def signatures_csv(
    request: HttpRequest, signatures: QuerySet[Signature], label: str
) -> StreamingHttpResponse:
    """Every signature given, as a streaming CSV download, in the columns of the user's role;
    the export is written to the audit log (who, how many, which columns)."""
    if not request.user.has_perm("appeals.view_signature"):
        raise PermissionDenied
    columns = export_columns(request)
    personal = columns is ORGANISER_COLUMNS
    appeals = Appeal.objects.filter(pk__in=signatures.values("appeal_id")).order_by("slug")
    with _unmapped(signatures.db):  # the count reads a whole index: not through the map either
        slugs = ", ".join(appeals.values_list("slug", flat=True))
        count = signatures.count()
    audit_record(
        user=request.user,
        action=gettext_noop("export signatures"),
        subject=f"{label}: {slugs}" if slugs else label,
        detail=f"{count} signatures, "
        + ("with names, emails and IPs" if personal else "without emails or IPs"),
    )
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    return csv_response(signature_rows(signatures, columns), filename=f"signatures-{stamp}.csv")
