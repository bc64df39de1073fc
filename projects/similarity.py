"""How alike two projects are, from the words they share, their titles, priorities and places.

Pure functions over plain values (no Django): `projects.overlap` feeds them what PostgreSQL returns
(the candidate's tsvector text, trigram similarity of titles) and ranks by `combined_score`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# How much a word counts by where the candidate has it: title (A), aim (B), problem and change ideas
# (C), results and learning (D).
FIELD_WEIGHTS = {"A": 1.0, "B": 0.7, "C": 0.5, "D": 0.3}
MIN_REVERSE_PREFIX = 4  # "frail" in a candidate matches "frailty" typed, but "car" does not match "care"

_ENTRY = re.compile(r"'((?:[^']|'')+)'(?::([0-9A-D,]+))?")


def parse_tsvector(text: str) -> dict[str, set[str]]:
    """`'frailti':1A 'ward':3A,7C` -> {"frailti": {"A"}, "ward": {"A", "C"}}; unweighted means D."""
    parsed: dict[str, set[str]] = {}
    for lexeme, positions in _ENTRY.findall(text or ""):
        lexeme = lexeme.replace("''", "'")
        weights = {p[-1] if p[-1] in "ABCD" else "D" for p in positions.split(",")} if positions else {"D"}
        parsed.setdefault(lexeme, set()).update(weights)
    return parsed


def lexemes_match(query: str, candidate: str) -> bool:
    if candidate.startswith(query):
        return True
    return len(candidate) >= MIN_REVERSE_PREFIX and query.startswith(candidate)


def _matching(query: str, ordered: list[str], document: Mapping[str, set[str]]) -> list[str]:
    """The document's lexemes that `lexemes_match` the query, found by bisection rather than a scan."""
    found = []
    index = bisect_left(ordered, query)
    while index < len(ordered) and ordered[index].startswith(query):
        found.append(ordered[index])
        index += 1
    for length in range(MIN_REVERSE_PREFIX, len(query)):
        if query[:length] in document:
            found.append(query[:length])
    return found


@dataclass(frozen=True)
class TextMatch:
    score: float  # 0..1: the weighted share of the query's words the candidate has
    matched: tuple[str, ...]  # query lexemes found


def text_match(query: Mapping[str, float], document: Mapping[str, set[str]]) -> TextMatch:
    """`query` maps each lexeme to its importance (title words count double)."""
    total = sum(query.values())
    if not total:
        return TextMatch(0.0, ())
    ordered = sorted(document)
    gained = 0.0
    matched = []
    for lexeme, importance in query.items():
        best = 0.0
        for candidate in _matching(lexeme, ordered, document):
            best = max(best, *(FIELD_WEIGHTS[w] for w in document[candidate]))
        if best:
            gained += importance * best
            matched.append(lexeme)
    return TextMatch(gained / total, tuple(matched))


def combined_score(
    *, text: float, title_similarity: float, shared_priorities: int, shared_places: int
) -> float:
    """0..1-ish: words and title carry the weight; shared priorities and places tip the balance."""
    score = 0.55 * text + 0.45 * title_similarity
    score += min(shared_priorities, 2) * 0.08 + min(shared_places, 2) * 0.04
    return round(min(score, 1.0), 3)


def shared(ours: Iterable[int], theirs: Iterable[int]) -> set[int]:
    return set(ours) & set(theirs)
