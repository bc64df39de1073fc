"""Reads of the project register, scoped to what the user may see, shared by pages and the API."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    ManyToManyField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.http import Http404

from community.models import Place, User
from core import counting
from core.audit import audit_trail
from core.models import AuditEntry
from core.paging import Chained
from core.permissions import is_admin
from projects import impact
from projects.models import (
    SEARCH_CONFIG,
    Attachment,
    Benefit,
    Celebration,
    Project,
    ProjectUpdate,
    TeamMember,
)
from projects.rules import SHOWCASE_STATUSES
from projects.search import prefix_query, words

LEAD_FIRST = Case(When(role=TeamMember.Role.LEAD, then=Value(0)), default=Value(1))


def visible_projects(user: Any) -> QuerySet[Project]:
    """Published projects, plus drafts the user leads or is on the team of; admins see everything."""
    projects = Project.objects.all()
    if is_admin(user):
        return projects
    if not getattr(user, "pk", None):
        return projects.none()
    return projects.filter(Q(published_at__isnull=False) | involving(user))


def involving(user: Any) -> Q:
    """Projects the user leads or is on the team of."""
    return Q(lead=user) | Q(pk__in=TeamMember.objects.filter(user=user).values("project_id"))


def ids_involving(user: Any) -> list[int]:
    """The ids of the projects the user leads or is on the team of, in one query using an index for each
    side. Filtering on `involving` alone makes PostgreSQL walk every project in the list's order, checking
    each against the two (330 ms at national size for a person with two projects)."""
    lead = Project.objects.filter(lead=user).order_by().values_list("pk", flat=True)
    team = TeamMember.objects.filter(user=user).order_by().values_list("project_id", flat=True)
    return list(lead.union(team))


def for_listing(projects: QuerySet[Project]) -> QuerySet[Project]:
    """What a row in a list shows, in a fixed number of queries whatever the page size."""
    return projects.select_related("lead", "lead__organisation").prefetch_related(
        "organisations", "priorities", "places"
    )


# Projects with a title like the text join a search only when its words match fewer than this many: they
# catch a typed slip where there are few matches, and add nothing but cost where there are thousands.
SIMILAR_TITLES_BELOW = 100


def search(
    projects: QuerySet[Project], text: str, operator: str = "&", similar_titles: bool = True
) -> QuerySet[Project]:
    """Projects matching every word (as a prefix of its English stem: "falls" finds "fall") in any text
    field, or (`similar_titles`) with a similar title; annotated with `rank` and ordered by it.
    `operator="|"`: any word."""
    terms = words(text)
    if not terms:
        return projects
    query = SearchQuery(prefix_query(terms, operator), search_type="raw", config=SEARCH_CONFIG)
    matching = Q(search_vector=query)
    rank: Any = SearchRank(F("search_vector"), query)  # the title's words weigh most (weight A)
    if similar_titles:  # computing a title's similarity costs 8 µs a match: 90 ms for 11,000 matches
        matching |= Q(title__trigram_similar=text.strip())
        rank = rank + TrigramSimilarity("title", text.strip())
    return projects.annotate(rank=rank).filter(matching).order_by("-rank", "-updated_at", "-pk")


@dataclass(frozen=True)
class Found:
    projects: QuerySet[Project]
    note: str = ""  # said above the results when the search was widened
    suggestion: str = ""  # the text with its words spelled as the register spells them


def search_widening(projects: QuerySet[Project], text: str) -> Found:
    """`search`, widened when no project has every word: then any word, saying so; and when nothing has
    any word either, the nearest spelling the register uses ("Did you mean sepsis?")."""
    by_words = search(projects, text, similar_titles=False)
    matched = by_words.order_by()[:SIMILAR_TITLES_BELOW].count()
    if matched >= SIMILAR_TITLES_BELOW:
        return Found(by_words)
    found = search(projects, text)
    terms = words(text)
    if len(terms) < 1 or matched or found.exists():
        return Found(found)
    if len(terms) > 1:
        wider = search(projects, text, "|")
        if wider.exists():
            return Found(
                wider, note=f"No project has all of “{text.strip()}”: showing projects with any of the words."
            )
    suggestion = respelled(terms)
    return Found(found, suggestion=suggestion if suggestion != " ".join(terms) else "")


def respelled(terms: list[str]) -> str:
    """The words with each replaced by the most similar word in the register's titles (trigram
    similarity above 0.4), when it is not a word the titles use."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH vocabulary AS (
                SELECT DISTINCT word
                FROM projects_project, regexp_split_to_table(lower(title), '[^[:alnum:]]+') AS word
                WHERE length(word) > 2
            )
            SELECT t, (
                SELECT word FROM vocabulary WHERE similarity(word, t) > 0.4
                ORDER BY similarity(word, t) DESC, word LIMIT 1
            )
            FROM unnest(%s::text[]) AS t
            """,
            [terms],
        )
        return " ".join(best or typed for typed, best in cursor.fetchall())


# The project's pages show only the names of what it is linked to, and look for similar work by its
# priorities and places: these are read with the project itself, each list in its model's order, as
# `<relation>_names` and `<relation>_ids` (one query where a prefetch per list took five).
NAMED_RELATIONS = ("organisations", "places", "priorities", "methods", "tags")
MATCHED_RELATIONS = ("places", "priorities")


def _linked(relation: str, column: str) -> RawSQL:
    """The related rows' `column`, as an array in their model's order, for the project of each row."""
    sql, params, output_field = _linked_sql(relation, column)
    return RawSQL(sql, params, output_field=output_field)


# Django took 2.5 ms a page to build these seven subqueries, where PostgreSQL answers the whole query in 1:
# each is built once per process and its SQL reused (it names only tables and columns, never a value).
@functools.cache
def _linked_sql(relation: str, column: str) -> tuple[str, tuple[Any, ...], Any]:
    field = Project._meta.get_field(relation)
    assert isinstance(field, ManyToManyField)
    model: Any = field.related_model
    linked = model._default_manager.filter(**{field.related_query_name(): OuterRef("pk")})
    query = Project.objects.annotate(
        linked=ArraySubquery(linked.order_by(*model._meta.ordering, "pk").values(column))
    ).query
    expression = query.annotations["linked"]
    sql, params = query.get_compiler(connection=connection).compile(expression)
    return sql, tuple(params), expression.output_field


def project_for_page(user: Any, pk: int) -> Project:
    """One project with everything its page shows, or Http404 when the user may not see it."""
    try:
        return (
            visible_projects(user)
            .select_related("lead", "lead__organisation", "created_by", "celebration", "driver_diagram")
            .annotate(**{f"{relation}_names": _linked(relation, "name") for relation in NAMED_RELATIONS})
            .annotate(**{f"{relation}_ids": _linked(relation, "pk") for relation in MATCHED_RELATIONS})
            .prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=TeamMember.objects.select_related("user", "user__organisation").order_by(
                        LEAD_FIRST, "role", "user__first_name", "user__last_name"
                    ),
                ),
                Prefetch("updates", queryset=ProjectUpdate.objects.select_related("author")),
                Prefetch("attachments", queryset=Attachment.objects.select_related("uploaded_by")),
            )
            .get(pk=pk)
        )
    except Project.DoesNotExist:
        raise Http404("No such project") from None


def project_for_user(user: Any, pk: int) -> Project:
    """A project with its team (for permission checks), or Http404 when the user may not see it."""
    try:
        return visible_projects(user).prefetch_related("memberships").select_related("lead").get(pk=pk)
    except Project.DoesNotExist:
        raise Http404("No such project") from None


def team_of(project: Project) -> QuerySet[TeamMember]:
    return project.memberships.select_related("user", "user__organisation").order_by(LEAD_FIRST, "role", "id")


def history(project: Project, limit: int = 50) -> list[AuditEntry]:
    return list(audit_trail(project)[:limit])


def showcase(user: Any) -> Chained:
    """Published projects that are completed, spreading or sustaining, with results: the celebrated first
    (most recently celebrated first), then the best scores."""
    shown = for_listing(
        visible_projects(user)
        .filter(published_at__isnull=False, status__in=SHOWCASE_STATUSES)
        .exclude(results="")
        .select_related("celebration")
    )
    return Chained(
        shown.filter(celebration__isnull=False).order_by(
            "-celebration__celebrated_at", "-progress_score", "-updated_at", "-pk"
        ),
        # NOT EXISTS, not a left join's IS NULL, which PostgreSQL takes to leave one row and so sorts all.
        shown.filter(~Exists(Celebration.objects.filter(project=OuterRef("pk")))).order_by(
            "-progress_score", "-updated_at", "-pk"
        ),
    )


def benefits(user: Any, kind: str = "") -> QuerySet[Benefit]:
    """Benefits on the published projects the person may see, newest first; `kind`: one type only."""
    rows = Benefit.objects.filter(project__in=visible_projects(user), project__published_at__isnull=False)
    if kind:
        rows = rows.filter(type=kind)
    return rows.select_related("project").order_by("-recorded_at", "-pk")


def benefit_rows(benefits: QuerySet[Benefit]) -> list[impact.BenefitRow]:
    """The benefits as the roll-up reads them (projects.impact), in one query of plain values."""
    return [
        impact.BenefitRow(*values)
        for values in benefits.order_by().values_list(
            "project_id", "type", "value", "unit", "period", "confidence", "money_kind"
        )
    ]


def nominations() -> QuerySet[Celebration]:
    """Nominations waiting for the admins, oldest first, then the celebrated, newest first."""
    return Celebration.objects.select_related("project", "nominated_by").order_by(
        F("celebrated_at").desc(nulls_first=True), "nominated_at"
    )


def celebrated_for(user: Any) -> QuerySet[Celebration]:
    """The celebrated projects this person was part of: their badges."""
    return (
        Celebration.objects.filter(celebrated_at__isnull=False)
        .filter(Q(project__lead=user) | Q(project__memberships__user=user))
        .select_related("project")
        .distinct()
    )


def places_in_order() -> QuerySet[Place]:
    """System, then localities, then primary care networks, then neighbourhoods; by name within each."""
    level = Case(*(When(kind=kind, then=Value(n)) for kind, n in Place.LEVELS.items()), default=Value(9))
    return Place.objects.select_related("parent").order_by(level, "name")


def people_search(text: str, *, exclude_ids: set[int], limit: int = 20) -> QuerySet[User]:
    """Active users whose name or email contains every word typed, for adding to a team."""
    people = User.objects.filter(is_active=True).exclude(pk__in=exclude_ids)
    terms = words(text)
    if not terms:
        return people.none()
    for term in terms:
        people = people.filter(
            Q(first_name__icontains=term) | Q(last_name__icontains=term) | Q(email__icontains=term)
        )
    return people.select_related("organisation").order_by("first_name", "last_name")[:limit]


def status_counts(projects: QuerySet[Project]) -> dict[str, int]:
    rows = projects.order_by().values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in counting.grouped(rows, "n")}  # kept a minute when long
