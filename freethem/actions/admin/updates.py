"""Staff pages: updates (researchers and organisers write them), their video and audio, and
the followers of prisoners (organisers only: addresses are personal data, and every page that
shows them is written to the audit log, without the addresses)."""

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet, URLField
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext

from freethem.actions.models import Follow, Update, UpdateMedia
from freethem.actions.services.updates import followers_mail_queue, update_publish
from freethem.actions.vocab import State
from freethem.core.audit import audit_record
from freethem.core.roles import is_organiser


class UpdateMediaInline(admin.TabularInline):
    model = UpdateMedia
    extra = 0
    formfield_overrides = {URLField: {"assume_scheme": "https"}}
    fields = ("kind", "title", "url", "position")


class UpdateForm(forms.ModelForm):
    class Meta:
        model = Update
        fields = (
            "kind", "state", "published_at", "slug", "author", "title_en", "summary_en",
            "body_en", "title_fa", "summary_fa", "body_fa", "prisoners", "appeals", "events",
        )  # fmt: skip

    def clean(self) -> dict:
        data = super().clean()
        # Published without a time: published now.
        if data.get("state") == State.PUBLISHED and not data.get("published_at"):
            data["published_at"] = timezone.now()
        return data


@admin.register(Update)
class UpdateAdmin(admin.ModelAdmin):
    form = UpdateForm
    list_display = ("title_en", "kind", "state", "published_at", "followers_mailed_at")
    list_filter = ("kind", "state")
    search_fields = ("title_en", "title_fa", "slug", "author")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title_en",)}
    autocomplete_fields = ("prisoners", "appeals", "events")
    readonly_fields = ("followers_mailed_at",)
    inlines = (UpdateMediaInline,)
    actions = ("publish",)
    fieldsets = (
        (None, {"fields": ("kind", "state", "published_at", "slug", "author")}),
        (_("English"), {"fields": ("title_en", "summary_en", "body_en")}),
        (_("Persian"), {"fields": ("title_fa", "summary_fa", "body_fa")}),
        (_("What it concerns"), {"fields": ("prisoners", "appeals", "events")}),
        (_("Followers"), {"fields": ("followers_mailed_at",)}),
    )

    def save_related(
        self, request: HttpRequest, form: forms.ModelForm, formsets: list, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        # Its prisoners are saved now: mail their followers if the update is out (once).
        if form.instance.state == State.PUBLISHED:
            followers_mail_queue(update=form.instance)

    @admin.action(description=_("Publish the selected updates (and mail their followers)"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Update]) -> None:
        published = 0
        for update in queryset.exclude(state=State.PUBLISHED):
            update_publish(update=update)
            published += 1
        self.message_user(
            request,
            ngettext("%(n)d update published.", "%(n)d updates published.", published)
            % {"n": published},
            messages.SUCCESS,
        )


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    """Organisers only (no role is given this model's permissions): who follows whom, with
    counts per prisoner and state in the filters. Supporters follow through the site only."""

    list_display = ("__str__", "prisoner", "state", "language", "created_at", "address")
    list_filter = ("state", ("prisoner", admin.RelatedOnlyFieldListFilter))
    show_facets = admin.ShowFacets.ALWAYS
    list_select_related = ("prisoner",)
    fields = ("prisoner", "state", "language", "created_at", "confirmed_at", "stopped_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Follow | None = None) -> bool:
        return False

    @admin.display(description=_("email"))
    def address(self, follow: Follow) -> str:
        return follow.email or ""

    def get_list_display(self, request: HttpRequest) -> tuple[str, ...]:
        shown = super().get_list_display(request)
        return shown if is_organiser(request.user) else shown[:-1]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        if is_organiser(request.user) and getattr(response, "context_data", None):
            shown = response.context_data.get("cl")
            audit_record(
                user=request.user,
                action=gettext_noop("view followers"),
                subject="followers",
                detail=f"{len(shown.result_list) if shown else 0} addresses shown",
            )
        return response
