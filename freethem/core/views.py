from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.db import DatabaseError, connection
from django.db.models import Min
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult, get_date_max

from freethem.core import artwork, registry
from freethem.core.models import WORKER_HEARTBEAT, Heartbeat
from freethem.core.ratelimit import redis_status
from freethem.core.registry import things_to_do


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    context = {"today": timezone.localdate(), "things_to_do": things_to_do()}
    return render(request, "core/home.html", context)


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


def _oldest_due_task() -> datetime | None:
    """When the task that has waited longest became due (None with no task waiting)."""
    ready = DBTaskResult.objects.ready()
    now_ones = ready.filter(run_after=get_date_max()).aggregate(due=Min("enqueued_at"))["due"]
    later_ones = ready.exclude(run_after=get_date_max()).aggregate(due=Min("run_after"))["due"]
    return min((due for due in (now_ones, later_ones) if due is not None), default=None)


def _worker_status() -> str:
    heartbeat = Heartbeat.objects.filter(name=WORKER_HEARTBEAT).first()
    if heartbeat is None:
        return "never-seen"
    if not heartbeat.is_fresh:
        return "stale"
    # Alive but not keeping up: mail waits. (How many wait is not said: that would tell a
    # flooder whether their signatures make mail.)
    due = _oldest_due_task()
    behind_after = timedelta(seconds=settings.FREETHEM_WORKER_BEHIND_AFTER)
    return "behind" if due is not None and timezone.now() - due > behind_after else "ok"


# Worker states with which the site does its work: "behind" is a worker alive and sending,
# with mail waiting (a surge of signatures); the JSON says so, but it is no outage.
WORKER_WORKING = {"ok", "behind"}


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """For monitors: 200 with "status": "ok" only when the database answers, the worker
    reported within FREETHEM_WORKER_STALE_AFTER and Redis (when configured) answers; else 503,
    "degraded" (signing works, mail or shared rate limits do not) or "error" (no database)."""
    redis = redis_status()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        worker = _worker_status()
    except DatabaseError:
        health = {"status": "error", "database": "unreachable", "worker": "unknown"}
        return JsonResponse({**health, "redis": redis}, status=503)
    healthy = worker in WORKER_WORKING and redis != "unreachable"
    health = {"status": "ok" if healthy else "degraded", "database": "ok", "worker": worker}
    return JsonResponse({**health, "redis": redis}, status=200 if healthy else 503)


# Files at the site's root (core/root_urls.py). The pictures are drawn once per process
# (freethem.core.artwork) and may be cached by browsers and proxies for a day.
ARTWORK_MAX_AGE = 60 * 60 * 24


def _artwork(content: bytes, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    patch_cache_control(response, public=True, max_age=ARTWORK_MAX_AGE)
    return response


@require_safe
def favicon_ico(request: HttpRequest) -> HttpResponse:
    return _artwork(artwork.favicon_ico(), "image/vnd.microsoft.icon")


@require_safe
def favicon_svg(request: HttpRequest) -> HttpResponse:
    return _artwork(artwork.mark_svg(), "image/svg+xml")


@require_safe
def share_image(request: HttpRequest) -> HttpResponse:
    """The picture that previews of shared links show (Open Graph and Twitter cards)."""
    return _artwork(artwork.share_png(), "image/png")


def _language_prefixes() -> list[str]:
    """ "/" for the default language, "/fa/" for Persian: where each language's pages start."""
    prefixes = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            prefixes.append(reverse("core:home"))
    return prefixes


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read every public page; not the staff area nor a signer's secret links
    (each app names its own paths: `not_for_robots`), in any language."""
    private = [
        f"Disallow: {prefix}{path}"
        for prefix in _language_prefixes()
        for path in registry.not_for_robots()
    ]
    sitemap = settings.FREETHEM_SITE_URL + reverse("sitemap_xml")
    lines = ["User-agent: *", *private, "Allow: /", "", f"Sitemap: {sitemap}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def sitemap_xml(request: HttpRequest) -> HttpResponse:
    """Every public page in both languages, from the sitemaps the apps declare."""
    maps = {path: import_string(path) for path in registry.sitemaps()}
    return sitemap_views.sitemap(request, sitemaps=maps)
