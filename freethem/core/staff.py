"""The staff area: Django's admin at /staff/, open only to a session verified by a second factor."""

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Field, Model
from django.db.models.base import ModelBase
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

# The libraries' internal models (and core's heartbeat), seen in the staff area by superusers
# only: second-factor devices and their backup tokens (django-otp), lockout records
# (django-axes) and background task rows (django-tasks-db). An organiser's role holds every
# permission, so permissions alone would open them all to anyone with a phished organiser.
SUPERUSER_ONLY = frozenset(
    {
        "otp_totp.totpdevice",
        "otp_static.staticdevice",
        "otp_static.statictoken",
        "axes.accessattempt",
        "axes.accesslog",
        "axes.accessfailurelog",
        "django_tasks_database.dbtaskresult",
        "core.heartbeat",
    }
)
# Of those, the ones that hold a second factor's secret, which no page shows to anyone.
SECRET_HOLDING = frozenset(
    {"otp_totp.totpdevice", "otp_static.staticdevice", "otp_static.statictoken"}
)


class SuperuserOnlyAdmin(admin.ModelAdmin):
    """Mixed in front of the ModelAdmin of a SUPERUSER_ONLY model when it is registered: every
    permission also needs is_superuser."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser and super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return request.user.is_superuser and super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return request.user.is_superuser and super().has_add_permission(request, *args)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return request.user.is_superuser and super().has_delete_permission(request, obj)


class NoSecretsAdmin(SuperuserOnlyAdmin):
    """For second-factor devices: no key field, no otpauth URL or QR code, no backup tokens,
    and no device added by hand (a device comes only from enrolling with an invitation)."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def get_fieldsets(
        self, request: HttpRequest, obj: Model | None = None
    ) -> list[tuple[str | None, dict[str, Any]]]:
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "key"]})
            for name, options in super().get_fieldsets(request, obj)
        ]

    def get_list_display(self, request: HttpRequest) -> list[str | Callable]:
        return [name for name in super().get_list_display(request) if name != "qrcode_link"]

    def get_inline_instances(self, request: HttpRequest, obj: Model | None = None) -> list:
        return []

    # django-otp's views of a TOTP device's otpauth URL and of its QR code.
    def config_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        raise Http404

    def qrcode_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        raise Http404


STAFF_MEDIA = forms.Media(css={"all": ["core/staff.css"]})


class AutoDirection(admin.options.BaseModelAdmin):
    """Text inputs that take the direction of what is typed in them (a Persian name in an
    English page, a Latin one in a Persian page). Every registered ModelAdmin has it (see
    StaffStyleAdmin); an inline mixes it in itself."""

    def formfield_for_dbfield(
        self, db_field: Field, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(field.widget, forms.TextInput | forms.Textarea):
            field.widget.attrs.setdefault("dir", "auto")
        return field


class StaffStyleAdmin(AutoDirection, admin.ModelAdmin):
    """Mixed in front of every registered ModelAdmin: the staff area's stylesheet, and text
    inputs in the direction of what is typed."""

    @property
    def media(self) -> forms.Media:
        return super().media + STAFF_MEDIA


def staff_styled(admin_class: type[admin.ModelAdmin]) -> type[admin.ModelAdmin]:
    name = f"Styled{admin_class.__name__}"
    return type(name, (StaffStyleAdmin, admin_class), {"__module__": admin_class.__module__})


def guarded(model: type[Model], admin_class: type[admin.ModelAdmin]) -> type[admin.ModelAdmin]:
    """admin_class, behind SuperuserOnlyAdmin or NoSecretsAdmin when the model needs it."""
    label = model._meta.label_lower
    if label in SECRET_HOLDING:
        guard: type[admin.ModelAdmin] = NoSecretsAdmin
    elif label in SUPERUSER_ONLY:
        guard = SuperuserOnlyAdmin
    else:
        return admin_class
    name = f"{guard.__name__[: -len('Admin')]}{admin_class.__name__}"
    return type(name, (guard, admin_class), {"__module__": admin_class.__module__})


class StaffSite(admin.AdminSite):
    """Installed as `admin.site` by StaffAdminConfig; its URL names are `admin:*`."""

    site_header = _("freethem staff")
    site_title = _("freethem staff")
    index_title = _("Campaign administration")
    index_template = "admin/staff_index.html"  # a dashboard above the admin's list of models

    def register(
        self,
        model_or_iterable: ModelBase | Iterable[ModelBase],
        admin_class: type[admin.ModelAdmin] | None = None,
        **options: Any,
    ) -> None:
        # Every app registers here, the libraries too: guard their internal models once, here.
        models = (
            [model_or_iterable] if isinstance(model_or_iterable, ModelBase) else model_or_iterable
        )
        for model in models:
            guarded_class = guarded(model, admin_class or admin.ModelAdmin)
            super().register(model, staff_styled(guarded_class), **options)

    def has_permission(self, request: HttpRequest) -> bool:
        # A password alone is not enough: the session must have passed a second factor.
        user = request.user
        return bool(user.is_active and user.is_staff and user.is_verified())

    def index(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        from freethem.core.staff_dashboard import dashboard_panels  # reads the models

        context = {**(extra_context or {}), "dashboard": dashboard_panels(request)}
        return super().index(request, context)

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        query = urlencode({"next": request.GET.get("next", reverse("admin:index"))})
        return redirect(f"{reverse('staff_login')}?{query}")
