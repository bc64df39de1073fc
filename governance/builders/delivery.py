"""The delivery dashboard: the delivery plan's RAG by theme and the self-assessment's component scores
over time. Not filtered: the plan and the assessment are the system's own."""

from __future__ import annotations

from typing import Any

from governance import maturity, plan, selectors


def build(params: dict[str, Any]) -> dict[str, Any]:
    actions = list(selectors.delivery_actions_plain())
    rag_rows = []
    for theme, strands in plan.THEMES.items():
        counts = plan.rag_counts(a.current_rag for a in actions if a.strand in strands)
        rag_rows.append([theme, counts["complete"], counts["green"], counts["amber"], counts["red"]])
    history = [(a, selectors.component_scores(a)) for a in selectors.assessments_with_answers()]
    trend_rows = [
        [f"{a.assessed_on:%-d %b %Y}", *(scores.get(slug) for slug, _ in maturity.COMPONENTS)]
        for a, scores in history
    ]
    latest = history[-1][0] if history else None
    share = plan.on_track_share(a.current_rag for a in actions)
    return {
        "headline": [
            {"label": "Delivery plan actions", "value": len(actions)},
            {"label": "On track or complete", "value": f"{share:.0%}" if share is not None else "–"},  # noqa: RUF001
            {"label": "Capability rating", "value": latest.rating if latest else "Not assessed"},
        ],
        "charts": [
            {
                "id": "plan-rag-by-theme",
                "title": "Delivery plan actions by theme and RAG status",
                "type": "stacked-bar",
                "columns": ["Theme", "Complete", "Green", "Amber", "Red"],
                "rows": rag_rows,
                "series": ["Complete", "Green", "Amber", "Red"],
            },
            {
                "id": "self-assessment-trend",
                "title": "Self-assessment component scores over time",
                "type": "line",
                "columns": ["Assessed on", *(name for _, name in maturity.COMPONENTS)],
                "rows": trend_rows,
                "series": [name for _, name in maturity.COMPONENTS],
                "empty": "No self-assessment yet: the chart appears once one is recorded.",
            },
        ],
    }
