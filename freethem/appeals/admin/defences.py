"""The defences in the staff area: block and allow rules, the rate limits, abuse alerts, and the
trending view (where signatures came from in the last hour and day).

Moderators and organisers use them (moderators see no email or IP: emails in rules are keyed
hashes, addresses are shown masked, as 203.0.113.x with a short tag that tells addresses in
one network apart). The trending view is at /staff/appeals/alert/trending/.
"""

import ipaddress
from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from freethem.appeals import defences
from freethem.appeals.models import Alert, Limits, Rule, RuleKind, Signature
from freethem.appeals.services import normalise_email
from freethem.core.crypto import keyed_hash

INVALID_NETWORK = _("Enter an IP address or a network such as 203.0.113.0/24.")
INVALID_DOMAIN = _("Enter a domain such as example.org, without @.")
INVALID_EMAIL = _("Enter an email address.")
EMAIL_STORED_AS_HASH = _("(keyed hash of an email)")
MARKED_SEEN = _("Marked as seen: %(count)s.")
TOP = 20  # rows per table on the trending page
RECENT_IPS = 5000  # the IP table looks at this many of the newest signatures


# Rules --------------------------------------------------------------------------------------


class RuleForm(forms.ModelForm):
    """An email is typed in clear and stored as the keyed hash of its normalised form."""

    class Meta:
        model = Rule
        fields = ["kind", "action", "value", "note"]
        help_texts = {
            "value": _(
                "An IP address or network (203.0.113.0/24, 2001:db8::/48), an email domain "
                "(example.org), or an email address: it is stored only as a keyed hash."
            )
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind, value = data.get("kind"), (data.get("value") or "").strip()
        if not value:
            return data
        if kind == RuleKind.EMAIL and self.instance.pk and value == self.instance.value:
            return data  # unchanged: already the hash
        data["value"] = self._normalised(kind, value)
        return data

    def _normalised(self, kind: str, value: str) -> str:
        if kind == RuleKind.NETWORK:
            try:
                return str(ipaddress.ip_network(value, strict=False))
            except ValueError:
                raise forms.ValidationError({"value": INVALID_NETWORK}) from None
        if kind == RuleKind.DOMAIN:
            domain = value.lower().strip(".")
            if "@" in domain or "." not in domain or " " in domain:
                raise forms.ValidationError({"value": INVALID_DOMAIN})
            return domain
        try:
            forms.EmailField().clean(value)
        except forms.ValidationError:
            raise forms.ValidationError({"value": INVALID_EMAIL}) from None
        return keyed_hash(normalise_email(value), purpose="email")


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    form = RuleForm
    list_display = ["shown_value", "kind", "action", "note", "created_at"]
    list_filter = ["kind", "action"]
    search_fields = ["value", "note"]
    ordering = ["kind", "value"]

    @admin.display(description=_("value"), ordering="value")
    def shown_value(self, rule: Rule) -> str:
        return str(EMAIL_STORED_AS_HASH) if rule.kind == RuleKind.EMAIL else rule.value

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        # A search for an email address finds its rule by the hash.
        if "@" in search_term:
            hashed = keyed_hash(normalise_email(search_term.strip()), purpose="email")
            return queryset.filter(kind=RuleKind.EMAIL, value=hashed), False
        return super().get_search_results(request, queryset, search_term)


# Limits -------------------------------------------------------------------------------------


@admin.register(Limits)
class LimitsAdmin(admin.ModelAdmin):
    """One row: the list opens it straight away."""

    def changelist_view(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponse:
        limits = Limits.current()
        return redirect(reverse("admin:appeals_limits_change", args=[limits.pk]))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Limits | None = None) -> bool:
        return False


# Alerts and trending ------------------------------------------------------------------------


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ["label", "kind", "count", "created_at", "seen"]
    list_filter = ["seen", "kind"]
    readonly_fields = ["kind", "label", "count", "created_at"]
    fields = ["kind", "label", "count", "created_at", "seen"]
    actions = ["mark_seen"]
    change_list_template = "admin/appeals/alert/change_list.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Mark as seen"), permissions=["change"])
    def mark_seen(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = queryset.update(seen=True)
        self.message_user(request, MARKED_SEEN % {"count": count}, messages.SUCCESS)

    def get_urls(self) -> list[URLPattern]:
        trending = self.admin_site.admin_view(self.trending_view)
        return [path("trending/", trending, name="appeals_alert_trending"), *super().get_urls()]

    def trending_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            return self._mark_all_seen(request)
        now = timezone.now()
        periods = [
            (_("Last hour"), now - timedelta(hours=1)),
            (_("Last day"), now - timedelta(days=1)),
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Where signatures come from"),
            "opts": self.model._meta,
            "alerts": Alert.objects.filter(seen=False)[:50],
            "may_mark_seen": self.has_change_permission(request),
            "periods": [
                {
                    "title": title,
                    "ips": top_ips(since),
                    "networks": top_networks(since),
                    "domains": top_domains(since),
                }
                for title, since in periods
            ],
            "recent_ips": RECENT_IPS,
        }
        return TemplateResponse(request, "admin/appeals/alert/trending.html", context)

    def _mark_all_seen(self, request: HttpRequest) -> HttpResponseRedirect:
        if not self.has_change_permission(request):
            raise PermissionDenied
        count = Alert.objects.filter(seen=False).update(seen=True)
        self.message_user(request, MARKED_SEEN % {"count": count}, messages.SUCCESS)
        return redirect("admin:appeals_alert_trending")


def _counted(rows: QuerySet, field: str) -> QuerySet:
    return (
        rows.exclude(**{field: ""})
        .values(field)
        .annotate(total=Count("pk"), suspect=Count("pk", filter=Q(suspect=True) | Q(held=True)))
        .order_by("-total", field)[:TOP]
    )


def top_domains(since: datetime) -> list[dict]:
    rows = _counted(Signature.objects.filter(created_at__gte=since), "email_domain")
    return [
        {"label": row["email_domain"], "total": row["total"], "suspect": row["suspect"]}
        for row in rows
    ]


def top_networks(since: datetime) -> list[dict]:
    """The /24 and /48 networks with most signatures. A network is stored as a keyed hash; its
    label comes from the (encrypted) address of one of its signatures while that is kept."""
    recent = Signature.objects.filter(created_at__gte=since)
    result = []
    for row in _counted(recent, "network_hash"):
        sample = recent.filter(network_hash=row["network_hash"], ip__isnull=False).first()
        network = defences.network_of(sample.ip) if sample else None
        label = str(network) if network else str(_("(address erased)"))
        result.append({"label": label, "total": row["total"], "suspect": row["suspect"]})
    return result


def top_ips(since: datetime) -> list[dict]:
    """The addresses with most signatures among the newest RECENT_IPS, masked."""
    counts: dict[str, dict] = {}
    recent = Signature.objects.filter(created_at__gte=since, ip__isnull=False)
    for ip, suspect, held in recent.values_list("ip", "suspect", "held")[:RECENT_IPS]:
        network = defences.network_of(ip)
        if network is None:
            continue
        tag = keyed_hash(ip, purpose="ip")[:6]
        row = counts.setdefault(
            tag, {"label": f"{defences.masked(network)} #{tag}", "total": 0, "suspect": 0}
        )
        row["total"] += 1
        row["suspect"] += suspect or held
    return sorted(counts.values(), key=lambda row: -row["total"])[:TOP]
