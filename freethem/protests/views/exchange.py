"""The public ACLED-format export of published records (exchange.export_lines)."""

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from freethem.core import ratelimit
from freethem.core.crypto import keyed_hash
from freethem.core.net import client_ip
from freethem.core.spreadsheet import csv_response
from freethem.protests.exchange import export_rows
from freethem.protests.models import Protest

# The whole file is made for each download: a few an hour per address is plenty for a
# researcher, and bounds what a crawler costs.
EXPORTS_PER_HOUR = 20
TOO_MANY_EXPORTS = _("Too many downloads from your address; please try again in an hour.")


@require_safe
def export_csv(request: HttpRequest) -> HttpResponse:
    key = f"protest-export:{keyed_hash(client_ip(request), purpose='ip')}"
    if ratelimit.hit(key, window=60 * 60) > EXPORTS_PER_HOUR:
        return HttpResponse(
            gettext(TOO_MANY_EXPORTS), status=429, content_type="text/plain; charset=utf-8"
        )
    rows = export_rows(Protest.objects.all(), public=True)
    name = f"protests-{timezone.localdate().isoformat()}.csv"
    return csv_response(rows, filename=name, guarded=False)
