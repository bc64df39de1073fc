from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from core.audit import audit_record, changes_between, snapshot
from projects.models import Attachment, Method, Project, ProjectUpdate, Tag, TeamMember
from projects.rules import AUDITED_FIELDS


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0
    autocomplete_fields = ["user"]


class ProjectUpdateInline(admin.StackedInline):
    model = ProjectUpdate
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["title", "file", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = ["file", "content_type", "size", "uploaded_by", "uploaded_at"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # uploads go through the project page, which checks the file's content


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "lead", "status", "progress_score", "published_at", "updated_at"]
    list_filter = ["status", "progress_score", "organisations", "priorities"]
    list_select_related = ["lead"]
    search_fields = ["title", "aim", "problem"]
    autocomplete_fields = ["lead", "organisations", "places", "priorities", "tags"]
    filter_horizontal = ["methods"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    inlines = [TeamMemberInline, ProjectUpdateInline, AttachmentInline]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        # Remember the values before the change so that save_related can audit what changed.
        request._project_before = snapshot(obj, AUDITED_FIELDS) if obj is not None else {}  # type: ignore[attr-defined]
        return super().get_form(request, obj, change, **kwargs)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        project = form.instance
        before = getattr(request, "_project_before", {})
        changes = changes_between(before, snapshot(project, AUDITED_FIELDS))
        if changes or not change:
            audit_record(
                actor=request.user,
                obj=project,
                action="update" if change else "create",
                changes=changes,
                message="Changed in the admin site",
            )


@admin.register(Method)
class MethodAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]
