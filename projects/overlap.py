"""Overlap detection: registered projects that look like a new piece of work.

    similar_projects(title="Virtual ward for frail older people", priority_ids=[frailty.pk])

Candidates come from PostgreSQL: any of the new work's words as prefixes against each project's
full-text vector, or a title with trigram similarity. They are then scored in Python
(`projects.similarity`) by the share of words they have and where they have them, title similarity,
shared priorities and places, and each result says why it was chosen. Only published projects are
suggested, so drafts never leak. Facilitation requests call the same function.

Ranking every project that shares a word costs about a second at national size (200,000 projects), so
what was found for the same text is kept in the shared cache for SIMILAR_CACHE_FOR seconds, or until a
project is added: only the ids, scores and reasons, the projects themselves are read afresh each time (an
unpublished or deleted one drops out at once, a renamed one shows its new title).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity
from django.db import connection
from django.db.models import F, FloatField, Max, Q, QuerySet, Value
from django.db.models.functions import Cast

from core.cache import kept
from projects import similarity
from projects.models import SEARCH_CONFIG, Project
from projects.search import prefix_query

CANDIDATES = 25
MIN_SCORE = 0.2
MIN_TITLE_SIMILARITY = 0.3
REASON_WORDS = 6
MAX_WORDS = 60  # of the new work's text; a long problem statement should not swamp the title


@dataclass(frozen=True)
class SimilarProject:
    project: Project
    score: float
    reasons: tuple[str, ...]


def _lexemes(text: str) -> list[tuple[str, str]]:
    """(word as typed, its lexeme) for each meaningful word, by the same configuration as the index."""
    if not text.strip():
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT token, lexemes[1] FROM ts_debug(%s::regconfig, %s) WHERE array_length(lexemes, 1) > 0",
            [SEARCH_CONFIG, text],
        )
        return [(token.lower(), lexeme) for token, lexeme in cursor.fetchall()]


def _query_terms(title: str, body: str) -> tuple[dict[str, float], dict[str, str]]:
    """Lexeme -> importance (title words 2, others 1), and lexeme -> the word people typed."""
    importance: dict[str, float] = {}
    spelled: dict[str, str] = {}
    pairs = _lexemes(f"{title}\n\n{body}")
    title_count = len(_lexemes(title)) if body.strip() else len(pairs)
    for index, (token, lexeme) in enumerate(pairs[: MAX_WORDS + title_count]):
        weight = 2.0 if index < title_count else 1.0
        importance[lexeme] = max(importance.get(lexeme, 0.0), weight)
        spelled.setdefault(lexeme, token)
    return importance, spelled


SIMILAR_CACHE_FOR = 600


def similar_projects(
    *,
    title: str,
    problem: str = "",
    aim: str = "",
    priority_ids: Iterable[int] = (),
    place_ids: Iterable[int] = (),
    exclude_id: int | None = None,
    limit: int = 5,
    rows: QuerySet[Project] | None = None,
) -> list[SimilarProject]:
    """The published projects most like the described work, best first, each with its reasons. `rows`:
    how to read the projects found, for callers that show more of each than its title, status and lead."""
    priority_ids, place_ids = sorted(set(priority_ids)), sorted(set(place_ids))
    newest = Project.objects.aggregate(newest=Max("pk"))["newest"]
    asked = json.dumps([title, problem, aim, priority_ids, place_ids, exclude_id, limit, newest])
    key = f"projects:similar:{hashlib.sha256(asked.encode()).hexdigest()}"
    found: list[tuple[int, float, tuple[str, ...]]] = kept(
        key,
        lambda: [
            (s.project.pk, s.score, s.reasons)
            for s in _search(title, problem, aim, set(priority_ids), set(place_ids), exclude_id, limit)
        ],
        SIMILAR_CACHE_FOR,
    )
    if rows is None:
        rows = Project.objects.select_related("lead").only("title", "status", "published_at", "lead")
    by_pk = {p.pk: p for p in rows.filter(published_at__isnull=False, pk__in=[pk for pk, _, _ in found])}
    return [SimilarProject(by_pk[pk], score, reasons) for pk, score, reasons in found if pk in by_pk]


def _search(
    title: str,
    problem: str,
    aim: str,
    priority_ids: set[int],
    place_ids: set[int],
    exclude_id: int | None,
    limit: int,
) -> list[SimilarProject]:
    importance, spelled = _query_terms(title, f"{problem}\n\n{aim}")
    title = title.strip()
    if not importance and not title:
        return []

    conditions = Q()
    rank = None
    if importance:
        query = SearchQuery(prefix_query(list(importance), "|"), search_type="raw", config="simple")
        conditions |= Q(search_vector=query)
        rank = SearchRank(F("search_vector"), query)
    title_similarity = TrigramSimilarity("title", title) if title else Cast(Value(0.0), FloatField())
    conditions |= Q(title_similarity__gte=MIN_TITLE_SIMILARITY)

    candidates = (
        Project.objects.filter(published_at__isnull=False)
        .annotate(title_similarity=title_similarity)
        .filter(conditions)
        .select_related("lead")
        .prefetch_related("priorities", "places")
    )
    if exclude_id is not None:
        candidates = candidates.exclude(pk=exclude_id)
    if rank is not None:
        candidates = candidates.annotate(rank=rank).order_by(
            (F("rank") + F("title_similarity") * 0.5).desc(), "-pk"
        )
    else:
        candidates = candidates.order_by("-title_similarity", "-pk")

    results = []
    for project in candidates[:CANDIDATES]:
        match = similarity.text_match(importance, similarity.parse_tsvector(str(project.search_vector)))
        same_priorities = [p for p in project.priorities.all() if p.pk in priority_ids]
        same_places = [p for p in project.places.all() if p.pk in place_ids]
        score = similarity.combined_score(
            text=match.score,
            title_similarity=float(project.title_similarity or 0.0),
            shared_priorities=len(same_priorities),
            shared_places=len(same_places),
        )
        if score < MIN_SCORE:
            continue
        reasons = []
        if match.matched:
            # The query's words come title first, so the first few shared ones are the telling ones.
            shown = [spelled[m] for m in match.matched[:REASON_WORDS]]
            reasons.append("Shares the words " + _listed(shown, quote=True))
        if same_priorities:
            reasons.append("Same system priority: " + _listed(p.name for p in same_priorities))
        if same_places:
            reasons.append("Same place: " + _listed(p.name for p in same_places))
        results.append(SimilarProject(project=project, score=score, reasons=tuple(reasons)))
    results.sort(key=lambda r: (-r.score, -r.project.pk))
    return results[:limit]


def _listed(items: Iterable[str], quote: bool = False) -> str:
    names = list(dict.fromkeys(f"“{i}”" if quote else i for i in items))
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
