"""The admin for governance reference data: bodies and their members, assessment components and
questions, delivery plan actions, and stored board packs (read-only)."""

from __future__ import annotations

from django.contrib import admin

from core.admin_audit import AuditedModelAdmin, ReadOnlyModelAdmin
from governance.models import (
    AssessmentComponent,
    AssessmentQuestion,
    BoardPack,
    BodyMember,
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


@admin.register(BoardPack)
class BoardPackAdmin(ReadOnlyModelAdmin):
    list_display = ["title", "status", "requested_by", "requested_at"]
    exclude = ["pdf", "xlsx"]
