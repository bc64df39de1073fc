"""The admin for governance reference data: bodies and their members, assessment components and
questions, delivery plan actions, and stored snapshots and packs (read-only)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from core.admin_audit import AuditedModelAdmin
from governance.models import (
    AssessmentComponent,
    AssessmentQuestion,
    BoardPack,
    BodyMember,
    DashboardSnapshot,
    DeliveryAction,
    GovernanceBody,
)


class BodyMemberInline(admin.TabularInline):
    model = BodyMember
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(GovernanceBody)
class GovernanceBodyAdmin(AuditedModelAdmin):
    list_display = ["name", "kind"]
    inlines = [BodyMemberInline]


class AssessmentQuestionInline(admin.TabularInline):
    model = AssessmentQuestion
    extra = 1


@admin.register(AssessmentComponent)
class AssessmentComponentAdmin(AuditedModelAdmin):
    list_display = ["name", "order"]
    inlines = [AssessmentQuestionInline]


@admin.register(DeliveryAction)
class DeliveryActionAdmin(AuditedModelAdmin):
    list_display = ["title", "strand", "owner", "due_on", "rag"]
    list_filter = ["strand", "rag"]
    list_select_related = ["owner"]
    search_fields = ["title"]
    autocomplete_fields = ["owner"]


class ReadOnlyAdmin(AuditedModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DashboardSnapshot)
class DashboardSnapshotAdmin(ReadOnlyAdmin):
    list_display = ["dashboard", "params_key", "status", "built_at", "duration_ms"]
    list_filter = ["dashboard", "status"]
    exclude = ["data"]


@admin.register(BoardPack)
class BoardPackAdmin(ReadOnlyAdmin):
    list_display = ["title", "status", "requested_by", "requested_at"]
    exclude = ["pdf", "xlsx"]
