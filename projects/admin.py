from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from core.admin_audit import AuditedModelAdmin
from projects.models import Attachment, Method, Project, ProjectUpdate, Tag, TeamMember


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
class ProjectAdmin(AuditedModelAdmin):
    list_display = ["title", "lead", "status", "progress_score", "published_at", "updated_at"]
    list_filter = ["status", "progress_score", "organisations", "priorities"]
    list_select_related = ["lead"]
    search_fields = ["title", "aim", "problem"]
    autocomplete_fields = ["lead", "organisations", "places", "priorities", "tags"]
    filter_horizontal = ["methods"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    inlines = [TeamMemberInline, ProjectUpdateInline, AttachmentInline]


@admin.register(Method)
class MethodAdmin(AuditedModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(AuditedModelAdmin):
    search_fields = ["name"]
