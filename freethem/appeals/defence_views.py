"""The proof-of-work challenge the sign form's ALTCHA widget fetches."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from freethem.appeals import defences


@require_GET
@never_cache  # each signer needs a challenge of their own
def challenge(request: HttpRequest) -> JsonResponse:
    return JsonResponse(defences.challenge_create())
