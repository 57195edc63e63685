"""The staff home: what needs doing now, from every app, as far as this user may see it.

Each app declares in its apps.py `staff_dashboard = ("dotted.path.to.function", ...)`
(freethem.core.registry): each function takes the request and returns the Panels that this
user may see, [] when none; it is imported when the home is shown. Core adds the recent
activity: the staff area's log of changes, and for organisers the audit log.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib import admin
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.html import conditional_escape, escape, format_html
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.timesince import timesince
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from freethem.core.models import AuditEntry
from freethem.core.registry import declared
from freethem.core.roles import is_organiser
from freethem.core.templatetags.freethem import num

ACTIVITY_SHOWN = 12
JUST_NOW = timedelta(minutes=1)
# Log entries read to find ACTIVITY_SHOWN this user may see (some are about models they may not).
ACTIVITY_READ = 100

ADDED = _("%(who)s added %(object)s")
CHANGED = _("%(who)s changed %(object)s")
DELETED = _("%(who)s deleted %(object)s")
AUDITED = _("%(who)s: %(action)s, %(subject)s")
SENTENCES = {ADDITION: ADDED, CHANGE: CHANGED, DELETION: DELETED}


@dataclass(frozen=True)
class Panel:
    """One block on the staff home: a heading, the template that draws its body (it gets
    `data`, this panel's context), and its place: lower `order` first (10 the appeals' counts,
    20-40 what waits for someone, 90 the recent activity)."""

    title: Promise | str
    template: str
    data: Mapping[str, Any] = field(default_factory=dict)
    order: int = 50


PanelSource = Callable[[HttpRequest], list[Panel]]


def dashboard_panels(request: HttpRequest) -> list[Panel]:
    """Every app's panels for this user, then the recent activity, in their order."""
    panels = [
        panel for path in declared("staff_dashboard", str) for panel in import_string(path)(request)
    ]
    panels += outbox_panel(request) + activity_panel(request)
    return sorted(panels, key=lambda panel: panel.order)


def outbox_panel(request: HttpRequest) -> list[Panel]:
    # The outbox holds signers' addresses: organisers only (freethem.core.staff_views).
    if not is_organiser(request.user):
        return []
    return [Panel(_("Mail"), "admin/staff/_outbox.html", order=80)]


# Recent activity ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Activity:
    at: datetime
    sentence: SafeString
    detail: str = ""

    @property
    def ago(self) -> str:
        if timezone.now() - self.at < JUST_NOW:
            return gettext("just now")
        return gettext("%(time)s ago") % {"time": num(timesince(self.at, depth=1))}


def sentence(template: str, **parts: object) -> SafeString:
    """A translated sentence with its parts (already HTML where marked safe) put in."""
    return mark_safe(escape(template) % {k: conditional_escape(v) for k, v in parts.items()})  # noqa: S308


def isolated(text: object) -> SafeString:
    return format_html("<bdi>{}</bdi>", text)


def logged_changes(request: HttpRequest) -> list[Activity]:
    """The newest changes made in the staff area to what this user may see."""
    found = []
    entries = LogEntry.objects.select_related("content_type", "user")[:ACTIVITY_READ]
    for entry in entries:
        model = entry.content_type.model_class() if entry.content_type else None
        model_admin = admin.site._registry.get(model) if model else None
        if model_admin is None or not model_admin.has_view_or_change_permission(request):
            continue
        url = "" if entry.action_flag == DELETION else entry.get_admin_url()
        name = isolated(entry.object_repr)
        thing = format_html('<a href="{}">{}</a>', url, name) if url else name
        kind = capfirst(model._meta.verbose_name)
        what = format_html('{} <span class="kind">({})</span>', thing, kind)
        template = gettext(SENTENCES.get(entry.action_flag, CHANGED))
        who = isolated(entry.user.get_username())
        found.append(
            Activity(
                entry.action_time,
                sentence(template, who=who, object=what),
                entry.get_change_message(),
            )
        )
        if len(found) == ACTIVITY_SHOWN:
            break
    return found


def audited(request: HttpRequest) -> list[Activity]:
    """The newest audit log entries, for organisers (who alone may read the log)."""
    if not is_organiser(request.user):
        return []
    found = []
    for entry in AuditEntry.objects.all()[:ACTIVITY_SHOWN]:
        url = reverse("admin:core_auditentry_change", args=[entry.pk])
        subject = format_html('<a href="{}">{}</a>', url, isolated(entry.subject))
        parts = {
            "who": isolated(entry.username or gettext("(no user)")),
            # Actions are stored in English, marked with gettext_noop where they are written.
            "action": gettext(entry.action),
            "subject": subject,
        }
        found.append(Activity(entry.at, sentence(gettext(AUDITED), **parts), entry.detail))
    return found


def activity_panel(request: HttpRequest) -> list[Panel]:
    entries = sorted(
        logged_changes(request) + audited(request), key=lambda entry: entry.at, reverse=True
    )
    data = {"entries": entries[:ACTIVITY_SHOWN], "audit_log": is_organiser(request.user)}
    return [Panel(_("Recent activity"), "admin/staff/_activity.html", data, order=90)]
