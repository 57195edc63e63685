"""The payment processor's webhook, POST /hooks/payments/ (no language prefix, no CSRF token:
the processor signs each delivery instead; freethem.actions.services.payments).

Answers, as Stripe reads them (it retries a delivery that gets no 2xx, for up to three days):
- 200 for every event whose signature holds, acted on or not: an event about a payment that is
  not one of our gifts (another use of the same account) or of a kind we ignore will never
  become one, so a retry would only repeat it. Such events are logged (and kept as
  PaymentEvent rows) for staff.
- 400 for a bad or stale signature, or a body that is not an event: the processor's dashboard
  shows the failure, so a wrong secret is noticed.
- 413 for a body larger than any event we act on; 405 for anything but POST.
"""

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from freethem.actions.services import payments

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def payments_hook(request: HttpRequest) -> HttpResponse:
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > payments.MAX_BODY:
        return JsonResponse({"error": "too large"}, status=413)
    body = request.read(payments.MAX_BODY + 1)
    if len(body) > payments.MAX_BODY:
        return JsonResponse({"error": "too large"}, status=413)
    header = request.headers.get("Stripe-Signature", "")
    try:
        handled = payments.payment_event_handle(body, header)
    except payments.BadSignature as error:
        logger.warning("Payment webhook refused: %s.", error)
        return JsonResponse({"error": "bad signature"}, status=400)
    except payments.BadEvent as error:
        logger.warning("Payment webhook could not read the event: %s.", error)
        return JsonResponse({"error": "bad event"}, status=400)
    return JsonResponse({"received": True, "outcome": handled.outcome})
