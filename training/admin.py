"""The admin site for training: community admins manage providers, their faculty admins, programmes,
cohorts, targets and records here. Imports are read-only: they are made on the import pages."""

from django.contrib import admin

from core.admin_audit import AuditedModelAdmin
from training.models import (
    Cohort,
    FacultyAdmin,
    ImportBatch,
    ImproverTarget,
    Interest,
    Programme,
    Provider,
    Trainee,
    TrainingRecord,
)


class FacultyAdminInline(admin.TabularInline):
    model = FacultyAdmin
    extra = 1
    autocomplete_fields = ["user"]


class ProgrammeInline(admin.TabularInline):
    model = Programme
    extra = 0
    fields = ["name", "code", "level", "strand", "mode", "competent_improver", "is_active"]
    show_change_link = True


@admin.register(Provider)
class ProviderAdmin(AuditedModelAdmin):
    list_display = ["name", "short_name", "organisation"]
    search_fields = ["name", "short_name"]
    list_select_related = ["organisation"]
    inlines = [FacultyAdminInline, ProgrammeInline]


@admin.register(FacultyAdmin)
class FacultyAdminAdmin(AuditedModelAdmin):
    list_display = ["user", "provider", "added_at"]
    list_filter = ["provider"]
    list_select_related = ["user", "provider"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user", "provider"]


@admin.register(Programme)
class ProgrammeAdmin(AuditedModelAdmin):
    list_display = ["name", "provider", "level", "strand", "mode", "competent_improver", "is_active"]
    list_filter = ["provider", "level", "strand", "mode", "competent_improver", "is_active"]
    list_select_related = ["provider"]
    search_fields = ["name", "code"]


@admin.register(Cohort)
class CohortAdmin(AuditedModelAdmin):
    list_display = ["name", "programme", "starts_on", "ends_on", "mode", "capacity", "open_for_booking"]
    list_filter = ["open_for_booking", "mode", "programme__provider"]
    list_select_related = ["programme", "programme__provider"]
    search_fields = ["name", "programme__name", "venue"]
    date_hierarchy = "starts_on"
    autocomplete_fields = ["programme"]


@admin.register(Trainee)
class TraineeAdmin(AuditedModelAdmin):
    list_display = ["name", "email", "organisation", "user"]
    list_filter = ["organisation"]
    list_select_related = ["organisation", "user"]
    search_fields = ["name", "email"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(TrainingRecord)
class TrainingRecordAdmin(AuditedModelAdmin):
    list_display = ["trainee", "programme", "cohort", "status", "completed_on", "source"]
    list_filter = ["status", "source", "programme__provider", "programme__level"]
    list_select_related = ["trainee", "programme", "programme__provider", "cohort"]
    search_fields = ["trainee__name", "trainee__email", "programme__name"]
    autocomplete_fields = ["trainee", "programme", "cohort"]
    raw_id_fields = ["import_batch"]
    date_hierarchy = "completed_on"


@admin.register(ImportBatch)
class ImportBatchAdmin(AuditedModelAdmin):
    list_display = ["filename", "provider", "uploaded_by", "uploaded_at", "state", "row_count", "error_count"]
    list_filter = ["state", "provider"]
    list_select_related = ["provider", "uploaded_by"]
    readonly_fields = [f.name for f in ImportBatch._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(Interest)
class InterestAdmin(AuditedModelAdmin):
    list_display = ["user", "programme", "registered_at"]
    list_select_related = ["user", "programme", "programme__provider"]
    list_filter = ["programme__provider"]


@admin.register(ImproverTarget)
class ImproverTargetAdmin(AuditedModelAdmin):
    list_display = ["__str__", "organisation", "starts_on", "ends_on", "count"]
    list_select_related = ["organisation"]
