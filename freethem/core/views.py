from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from freethem.core.models import WORKER_HEARTBEAT, Heartbeat


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"today": timezone.localdate()})


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


def _worker_status() -> str:
    heartbeat = Heartbeat.objects.filter(name=WORKER_HEARTBEAT).first()
    if heartbeat is None:
        return "never-seen"
    return "ok" if heartbeat.is_fresh else "stale"


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for monitors: 200 while the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        worker = _worker_status()
    except DatabaseError:
        return JsonResponse(
            {"status": "error", "database": "unreachable", "worker": "unknown"}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok", "worker": worker})
