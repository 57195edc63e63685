"""Staff pages: mailings, for organisers only.

An organiser writes a mailing (its list: an appeal's signers who asked for news, a prisoner's
followers or an event's RSVPs; subject and message in English and Persian), sees how many it
would reach (a count: no address is shown), sends a test to their own address (through the
worker), then sends it after a confirmation page that says how many it goes to. Sending is
refused until a test of the latest text went out; a mailing sent can no longer be changed.
While it goes out (in batches, at the configured rate) it can be paused and resumed; its log
counts deliveries by state and lists failures by number, without addresses.

Starting a mailing and a test are written to the audit log (the worker reads addresses).
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from freethem.actions.models import Mailing
from freethem.actions.services import mailings as services
from freethem.actions.vocab import Audience, DeliveryState, MailingState
from freethem.core.audit import audit_record
from freethem.core.roles import is_organiser

# The field each list is chosen with.
LIST_FIELD = {
    Audience.APPEAL_SIGNERS: "appeal",
    Audience.FOLLOWERS: "prisoner",
    Audience.EVENT_RSVPS: "event",
}
LIST_NEEDED = _("Choose the appeal, prisoner or event whose list this mailing goes to.")
FAILURES_SHOWN = 100


class MailingForm(forms.ModelForm):
    class Meta:
        model = Mailing
        fields = ("audience", "appeal", "prisoner", "event", "subject_en", "body_en",
                  "subject_fa", "body_fa")  # fmt: skip
        widgets = {
            "audience": forms.RadioSelect,
            "subject_en": forms.TextInput(attrs={"size": 70, "dir": "auto"}),
            "subject_fa": forms.TextInput(attrs={"size": 70, "dir": "rtl", "lang": "fa"}),
            "body_en": forms.Textarea(attrs={"rows": 14, "dir": "auto"}),
            "body_fa": forms.Textarea(attrs={"rows": 14, "dir": "rtl", "lang": "fa"}),
        }
        help_texts = {
            "audience": _("Only those who opted in to the list receive it."),
            "body_en": _(
                "Plain text. Each reader gets it in their language; every mail ends with the "
                "links to leave the list and to manage their subscriptions."
            ),
            "subject_fa": _("Leave the Persian empty to send the English to everyone."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = Audience.choices  # no empty choice among the radios

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.instance.pk and self.instance.state != MailingState.DRAFT:
            raise ValidationError(services.NOT_DRAFT)
        chosen = LIST_FIELD.get(data.get("audience", ""))
        # Only the chosen list's subject is kept; the others are emptied.
        for field in LIST_FIELD.values():
            if field != chosen:
                data[field] = None
                setattr(self.instance, field, None)
        if chosen and not data.get(chosen):
            self.add_error(chosen, LIST_NEEDED)
        if bool(data.get("subject_fa", "").strip()) != bool(data.get("body_fa", "").strip()):
            self.add_error(
                "body_fa", _("Write both the Persian subject and message, or leave both empty.")
            )
        return data


@admin.register(Mailing)
class MailingAdmin(admin.ModelAdmin):
    form = MailingForm
    list_display = ("subject_en", "audience", "list_subject", "state", "created_at",
                    "started_at", "finished_at")  # fmt: skip
    list_filter = ("state", "audience")
    list_select_related = ("appeal", "prisoner", "event")
    search_fields = ("subject_en", "subject_fa")
    autocomplete_fields = ("appeal", "prisoner", "event")
    change_form_template = "actions/mailings/admin/change_form.html"
    fieldsets = (
        (_("List"), {"fields": ("audience", "appeal", "prisoner", "event")}),
        (_("English"), {"fields": ("subject_en", "body_en")}),
        (_("Persian"), {"fields": ("subject_fa", "body_fa")}),
    )

    # Organisers only: a mailing reaches supporters' addresses.
    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_organiser(request.user)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return is_organiser(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_organiser(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Mailing | None = None) -> bool:
        return is_organiser(request.user) and (obj is None or obj.state == MailingState.DRAFT)

    def has_delete_permission(self, request: HttpRequest, obj: Mailing | None = None) -> bool:
        return is_organiser(request.user) and (obj is None or obj.state == MailingState.DRAFT)

    def get_form(
        self, request: HttpRequest, obj: Mailing | None = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm]:
        form = super().get_form(request, obj, change, **kwargs)
        # A list is chosen here, never added, changed or deleted from this page.
        for name in LIST_FIELD.values():
            widget = form.base_fields[name].widget
            for flag in ("can_add_related", "can_change_related", "can_delete_related",
                         "can_view_related"):  # fmt: skip
                setattr(widget, flag, False)
        return form

    @admin.display(description=_("list"))
    def list_subject(self, mailing: Mailing) -> str:
        return services.list_name(mailing)

    def save_model(
        self, request: HttpRequest, obj: Mailing, form: forms.ModelForm, change: bool
    ) -> None:
        services.mailing_save(mailing=obj, user=request.user, changed=form.changed_data)

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/test/", view(self.test_view), name="actions_mailing_test"),
            path("<path:object_id>/send/", view(self.send_view), name="actions_mailing_send"),
            path("<path:object_id>/pause/", view(self.pause_view), name="actions_mailing_pause"),
            path("<path:object_id>/resume/", view(self.resume_view), name="actions_mailing_resume"),
            path("<path:object_id>/log/", view(self.log_view), name="actions_mailing_log"),
            *super().get_urls(),
        ]

    def _mailing(self, request: HttpRequest, object_id: str) -> Mailing:
        if not is_organiser(request.user):
            raise PermissionDenied
        key = str(unquote(object_id))
        related = Mailing.objects.select_related("appeal", "prisoner", "event", "created_by")
        mailing = related.filter(pk=int(key)).first() if key.isdigit() and len(key) < 19 else None
        if mailing is None:
            raise Http404
        return mailing

    def _context(self, request: HttpRequest, mailing: Mailing, title: str) -> dict[str, Any]:
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "original": mailing,
            "mailing": mailing,
            "list_name": services.list_name(mailing),
        }

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        mailing = self._mailing(request, object_id)
        if mailing.state != MailingState.DRAFT:
            return redirect("admin:actions_mailing_log", mailing.pk)
        extra = {
            **(extra_context or {}),
            "reach": services.mailing_reach(mailing),
            "staff_email": bool(request.user.email),
            "test_languages": services.test_languages(mailing),
        }
        return super().change_view(request, object_id, form_url, extra)

    def response_add(
        self, request: HttpRequest, obj: Mailing, post_url_continue: str | None = None
    ) -> HttpResponse:
        # Straight to the mailing's page: its next step is the test.
        return redirect("admin:actions_mailing_change", obj.pk)

    @staticmethod
    def _refused(request: HttpRequest, error: ValidationError) -> None:
        for text in error.messages:
            messages.error(request, text)

    def test_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        mailing = self._mailing(request, object_id)
        if request.method != "POST":
            return redirect("admin:actions_mailing_change", mailing.pk)
        try:
            count = services.mailing_send_test(mailing=mailing, user=request.user)
        except ValidationError as error:
            self._refused(request, error)
        else:
            audit_record(user=request.user, action="test mailing", subject=f"mailing {mailing.pk}")
            messages.success(
                request,
                ngettext(
                    "The test is on its way to your address. Once it has gone (reload this "
                    "page), you can send the mailing.",
                    "The %(count)d tests (one per language) are on their way to your address. "
                    "Once they have gone (reload this page), you can send the mailing.",
                    count,
                )
                % {"count": count},
            )
        return redirect("admin:actions_mailing_change", mailing.pk)

    def send_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        mailing = self._mailing(request, object_id)
        if mailing.state != MailingState.DRAFT:
            return redirect("admin:actions_mailing_log", mailing.pk)
        if mailing.test_sent_at is None:
            messages.error(request, services.TEST_FIRST)
            return redirect("admin:actions_mailing_change", mailing.pk)
        if request.method == "POST":
            try:
                count = services.mailing_start(mailing=mailing)
            except ValidationError as error:
                self._refused(request, error)
                return redirect("admin:actions_mailing_change", mailing.pk)
            audit_record(
                user=request.user,
                action="send mailing",
                subject=f"mailing {mailing.pk}",
                detail=f"{count} recipients",
            )
            self.log_change(request, mailing, [{"changed": {"fields": ["state"]}}])
            return redirect("admin:actions_mailing_log", mailing.pk)
        context = {
            **self._context(request, mailing, gettext("Send this mailing?")),
            "reach": services.mailing_reach(mailing),
        }
        return TemplateResponse(request, "actions/mailings/admin/confirm.html", context)

    def pause_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        return self._step(request, object_id, services.mailing_pause)

    def resume_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        return self._step(request, object_id, services.mailing_resume)

    def _step(
        self, request: HttpRequest, object_id: str, step: Callable[..., bool]
    ) -> HttpResponse:
        mailing = self._mailing(request, object_id)
        if request.method == "POST":
            step(mailing=mailing)
        return redirect("admin:actions_mailing_log", mailing.pk)

    def log_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        mailing = self._mailing(request, object_id)
        failures = mailing.deliveries.filter(state=DeliveryState.FAILED).order_by("pk")
        retrying = mailing.deliveries.filter(state=DeliveryState.QUEUED, attempts__gt=0)
        context = {
            **self._context(request, mailing, gettext("Send log")),
            "log": services.mailing_log(mailing),
            "failures": list(failures.values("pk", "attempts", "error")[:FAILURES_SHOWN]),
            "more_failures": max(0, failures.count() - FAILURES_SHOWN),
            "retrying": retrying.count(),
            "refresh": 10 if mailing.state == MailingState.SENDING else 0,
        }
        return TemplateResponse(request, "actions/mailings/admin/log.html", context)
