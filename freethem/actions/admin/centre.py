"""Staff pages: the action centre's list (order, texts, shown or hidden, counts) and the
front page's prisoners in the news. Organisers only (no role is granted them)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from freethem.actions.models import Action, NewsPick
from freethem.actions.services.centre import centre_counts, centre_forget, is_safe_link
from freethem.actions.vocab import ActionKind
from freethem.core.templatetags.freethem import grouped


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = (
            "kind",
            "slug",
            "position",
            "published",
            "title_en",
            "text_en",
            "button_en",
            "title_fa",
            "text_fa",
            "button_fa",
            "url",
        )

    def clean(self) -> dict:
        data = super().clean()
        url = (data.get("url") or "").strip()
        if data.get("kind") == ActionKind.LINK and not is_safe_link(url):
            raise ValidationError(
                {"url": gettext("Give a path on this site (/…) or an https:// address.")}
            )
        return data


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    form = ActionForm
    list_display = ("title_en", "position", "kind", "published", "count")
    list_display_links = ("title_en",)
    list_editable = ("position", "published")
    list_filter = ("published", "kind")
    search_fields = ("title_en", "title_fa", "slug")
    prepopulated_fields = {"slug": ("title_en",)}
    readonly_fields = ("done_count",)
    fieldsets = (
        (None, {"fields": ("kind", "slug", "position", "published")}),
        (_("English"), {"fields": ("title_en", "text_en", "button_en")}),
        (_("Persian"), {"fields": ("title_fa", "text_fa", "button_fa")}),
        (_("Another action"), {"fields": ("url", "done_count")}),
    )

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None) -> object:
        # Each action's count, as the public page gives it (one query); public figures, so one
        # organiser's list reading another's is harmless.
        self._counts = centre_counts(list(Action.objects.all()))
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("people who did it"))
    def count(self, action: Action) -> str:
        count = getattr(self, "_counts", {}).get(action.pk)
        return "–" if count is None else grouped(count)

    def save_model(self, request: HttpRequest, obj: Action, form: forms.Form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        centre_forget()


@admin.register(NewsPick)
class NewsPickAdmin(admin.ModelAdmin):
    list_display = ("prisoner", "position", "shown", "since", "note_en")
    list_editable = ("position", "shown")
    list_filter = ("shown",)
    autocomplete_fields = ("prisoner",)
    fields = ("prisoner", "position", "shown", "since", "note_en", "note_fa")

    def get_queryset(self, request: HttpRequest) -> QuerySet[NewsPick]:
        return super().get_queryset(request).select_related("prisoner")
