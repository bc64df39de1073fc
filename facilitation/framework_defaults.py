"""The framework the steering group starts from (DESIGN §2): criteria, descriptions and weights."""

from __future__ import annotations

DEFAULT_CRITERIA = [
    (
        "Strategic alignment",
        "How closely the work serves a system priority or the community's strategy.",
        "2.0",
    ),
    (
        "Population and inequalities impact",
        "How many people benefit, and whether it narrows gaps in "
        "outcomes for the most deprived 20% and inclusion groups (Core20PLUS5).",
        "2.0",
    ),
    (
        "Scale across organisations",
        "Whether the work crosses partners or could spread across the system.",
        "1.5",
    ),
    (
        "Readiness",
        "The improvement success factors: a sponsor, protected team time, data, service users.",
        "1.5",
    ),
    ("Co-production", "How far service users, carers and staff shape the work.", "1.0"),
    ("Learning value", "What the wider community will learn from it.", "1.0"),
]
