from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from community.models import Organisation, Place, SystemPriority, User
from core.admin_audit import AuditedAdminMixin, AuditedModelAdmin


@admin.register(User)
class UserAdmin(AuditedAdminMixin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "organisation", "job_title", "is_active"]
    list_filter = ["is_active", "groups", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["email", "first_name", "last_name", "job_title"]
    autocomplete_fields = ["organisation", "place"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "organisation", "job_title", "place")}),
        ("Roles and access", {"fields": ("is_active", "groups", "is_staff", "is_superuser")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    filter_horizontal = ["groups"]


@admin.register(Organisation)
class OrganisationAdmin(AuditedModelAdmin):
    list_display = ["name", "short_name", "kind", "headcount", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name"]


@admin.register(Place)
class PlaceAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name"]
    autocomplete_fields = ["parent"]


@admin.register(SystemPriority)
class SystemPriorityAdmin(AuditedModelAdmin):
    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
