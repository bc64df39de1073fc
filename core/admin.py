from django.contrib import admin

from core.admin_audit import AuditedAdminMixin, AuditedModelAdmin, ReadOnlyModelAdmin
from core.models import AuditEntry, WorkerHeartbeat


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyModelAdmin):
    list_display = ["at", "actor", "action", "content_type", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "message", "actor__email"]
    list_select_related = ["actor", "content_type"]
    date_hierarchy = "at"

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(AuditedModelAdmin):
    list_display = ["hostname", "seen_at"]


def _audit_registered_before_core() -> None:
    """The admin pages of Django's groups, allauth's email addresses and DRF's tokens (apps listed before
    `core`) are audited too: each is registered again as an audited subclass of itself."""
    for model, model_admin in list(admin.site._registry.items()):
        if not isinstance(model_admin, AuditedAdminMixin):
            base = type(model_admin)
            audited = type(f"Audited{base.__name__}", (AuditedAdminMixin, base), {"__module__": __name__})
            admin.site.unregister(model)
            admin.site.register(model, audited)


_audit_registered_before_core()
