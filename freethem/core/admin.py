from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.http import HttpRequest

from freethem.core.models import AuditEntry, Heartbeat
from freethem.core.roles import is_organiser


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ("name", "seen_at")
    readonly_fields = ("name", "seen_at")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log, read-only: an entry is never added, changed or deleted by hand."""

    list_display = ("at", "username", "action", "subject", "detail")
    list_filter = ("action",)
    search_fields = ("username", "subject")
    date_hierarchy = "at"
    fields = ("at", "username", "action", "subject", "detail")
    readonly_fields = fields
    show_full_result_count = False

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


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Staff accounts. Only a superuser makes or changes a superuser: otherwise an organiser
    (or a phished organiser's session) could tick the box, or take over a superuser's account,
    and reach what the staff site keeps for superusers (core/staff.py)."""

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
