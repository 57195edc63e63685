import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.db import DatabaseError, connection
from django.db.models import Min
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult, get_date_max

from freethem.core import artwork, registry
from freethem.core.models import WORKER_HEARTBEAT, Heartbeat
from freethem.core.ratelimit import redis_status

logger = logging.getLogger(__name__)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "today": timezone.localdate(),
        # The sections the apps add to the front page (the appeal, urgent actions, what you
        # can do, ...), and the stylesheets they need.
        "panels": registry.panels("home", request),
        "stylesheets": registry.panel_stylesheets("home"),
    }
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


# Error pages. 400, 403 and 404 are Django's own views with our templates (400.html, 403.html,
# 404.html): rendered with the request, in the language of the address (LocaleMiddleware has
# read it by then). A failed CSRF check and the 500 page have views of their own.


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """settings.CSRF_FAILURE_VIEW: a form sent without a valid token, most often from a page
    left open too long or with cookies blocked. What Django found (reason) is logged by the
    CSRF middleware, not shown."""
    return render(request, "403_csrf.html", status=403)


# The 500 page when even the template fails: both languages, no template, no translation.
PLAIN_SERVER_ERROR = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Server error</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><h1>Something went wrong</h1>
<p>The site could not show this page. Please try again in a few minutes.
<a href="/">Home page</a></p>
<div lang="fa" dir="rtl"><h2>خطایی رخ داد</h2>
<p>سایت نتوانست این صفحه را نشان دهد. لطفاً چند دقیقهٔ دیگر دوباره امتحان کنید.
<a href="/fa/">صفحهٔ اصلی</a></p></div></body></html>
"""


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: 500.html in the language of the address, rendered without the request's
    context processors (the database, the session or the user may be what failed), and a
    plain page if even that fails."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            html = loader.render_to_string("500.html", {"error_page": True})
    except Exception:  # whatever broke the site must not take the error page with it
        logger.exception("The 500 page could not be rendered; sent the plain one")
        html = PLAIN_SERVER_ERROR
    return HttpResponseServerError(html)
