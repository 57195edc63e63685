from typing import Any

from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ManyToManyField, QuerySet
from django.forms import CheckboxSelectMultiple, ModelMultipleChoiceField
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device

from freethem.core.models import AccountLock, AuditEntry, EnrolmentInvitation, Heartbeat
from freethem.core.roles import ROLE_LABELS, is_organiser
from freethem.core.services import (
    invitation_issue,
    invitation_url,
    second_factor_reset,
    signin_key,
    signin_lock_lift,
)

SECOND_FACTOR_RESET = _(
    "The second factor of %(username)s is reset: they cannot sign in until they set up an "
    "authenticator with a new invitation."
)
SIGNIN_UNLOCKED = _(
    "Sign-in for %(username)s is open again from every address. If they did not make the failed "
    "attempts, ask them to change their password."
)


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ("name", "seen_at")
    readonly_fields = ("name", "seen_at")


class AuditActionFilter(admin.SimpleListFilter):
    """The actions in the log, in this page's language (they are stored in English, marked
    for translation with gettext_noop where they are written)."""

    title = _("action")
    parameter_name = "action"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        actions = AuditEntry.objects.order_by("action").values_list("action", flat=True)
        return [(action, gettext(action)) for action in actions.distinct()]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log, read-only: an entry is never added, changed or deleted by hand."""

    list_display = ("at", "username", "action_words", "subject", "detail")
    list_filter = (AuditActionFilter,)
    search_fields = ("username", "subject")
    date_hierarchy = "at"
    fields = ("at", "username", "action_words", "subject", "detail")
    readonly_fields = fields
    show_full_result_count = False

    @admin.display(description=_("action"), ordering="action")
    def action_words(self, entry: AuditEntry) -> str:
        return gettext(entry.action)

    def has_view_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return is_organiser(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_organiser(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False


def role_label(group: Group) -> str:
    """A role by what it may do, in this page's language; another group by its name."""
    label = ROLE_LABELS.get(group.name)
    return str(label) if label else group.name


admin.site.unregister(Group)


@admin.register(Group)
class RoleAdmin(GroupAdmin):
    """The roles (groups) with what each may do, in words. Their permissions follow the apps'
    declarations at every migrate (freethem.core.roles)."""

    list_display = ("name", "role")

    @admin.display(description=_("what this role may do"))
    def role(self, group: Group) -> str:
        return role_label(group)


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Staff accounts. Only a superuser makes or changes a superuser: otherwise an organiser
    (or a phished organiser's session) could tick the box, or take over a superuser's account,
    and reach what the staff site keeps for superusers (core/staff.py).

    Organisers manage a user's sign-in from the user's page: issue an enrolment invitation
    (its link is shown once), reset the second factor, and lift a sign-in lock (django-axes'
    pages are for superusers). Each is written to the audit log.
    """

    change_form_template = "admin/auth/user/staff_change_form.html"

    # Roles as checkboxes that say what each may do. Permissions one by one are for
    # superusers: everyone else gets them from roles.
    filter_horizontal = ("user_permissions",)

    def get_fieldsets(self, request: HttpRequest, obj: User | None = None) -> list:
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "user_permissions"]})
            for name, options in fieldsets
        ]

    def formfield_for_manytomany(
        self, db_field: ManyToManyField, request: HttpRequest, **kwargs: Any
    ) -> ModelMultipleChoiceField | None:
        if db_field.name == "groups":
            kwargs["widget"] = CheckboxSelectMultiple
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and db_field.name == "groups":
            field.label_from_instance = role_label
        return field

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None) -> tuple:
        readonly = tuple(super().get_readonly_fields(request, obj))
        return readonly if request.user.is_superuser else (*readonly, "is_superuser")

    def has_change_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/invitation/",
                view(self.invitation_view),
                name="auth_user_invitation",
            ),
            path(
                "<path:object_id>/second-factor-reset/",
                view(self.second_factor_reset_view),
                name="auth_user_second_factor_reset",
            ),
            path(
                "<path:object_id>/sign-in-unlock/",
                view(self.signin_unlock_view),
                name="auth_user_signin_unlock",
            ),
            *super().get_urls(),
        ]

    def may_manage_sign_in(self, request: HttpRequest, user: User) -> bool:
        return is_organiser(request.user) and self.has_change_permission(request, user)

    def managed_user(self, request: HttpRequest, object_id: str) -> User:
        """The user of a sign-in button's POST, if this organiser may manage their sign-in."""
        user = self.get_object(request, unquote(object_id))
        if user is None:
            raise Http404
        if request.method != "POST" or not self.may_manage_sign_in(request, user):
            raise PermissionDenied
        return user

    def invitation_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        user = self.managed_user(request, object_id)
        try:
            invitation, token = invitation_issue(user=user, by=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return redirect(reverse("admin:auth_user_change", args=[user.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": user,
            "title": _("Enrolment invitation"),
            "invitation": invitation,
            "link": invitation_url(token),
        }
        return TemplateResponse(request, "admin/auth/user/invitation.html", context)

    def second_factor_reset_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        user = self.managed_user(request, object_id)
        second_factor_reset(user=user, by=request.user)
        self.message_user(request, gettext(SECOND_FACTOR_RESET) % {"username": user.username})
        return redirect(reverse("admin:auth_user_change", args=[user.pk]))

    def signin_unlock_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        user = self.managed_user(request, object_id)
        signin_lock_lift(user=user, by=request.user)
        self.message_user(request, gettext(SIGNIN_UNLOCKED) % {"username": user.username})
        return redirect(reverse("admin:auth_user_change", args=[user.pk]))

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: User | None = None,
    ) -> HttpResponse:
        if obj is not None:
            context["sign_in"] = {
                "may_manage": self.may_manage_sign_in(request, obj),
                "has_device": user_has_device(obj),
                "invitation": EnrolmentInvitation.objects.usable().filter(user=obj).first(),
                "lock": AccountLock.objects.filter(key=signin_key(obj.username)).first(),
                "address_locks": AccessAttempt.objects.filter(username=obj.username).exists(),
            }
        return super().render_change_form(request, context, add, change, form_url, obj)
