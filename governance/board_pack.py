"""The board pack: a summary of the headline figures against the last pack, the current dashboard
snapshots, the delivery plan's RAG and the latest self-assessment, as a tagged PDF (governance.pack_pdf)
and an XLSX workbook with native charts (governance.pack_xlsx), built in a Celery task that records its
progress.

`pack_content()` reads the database into plain data; the renderers turn that into bytes without touching
the database.
"""

from __future__ import annotations

import datetime
import logging
import time
from typing import Any

from django.utils import timezone

from core import jobs
from core.templating import format_date, format_datetime
from dashboards import registry, snapshots
from dashboards import selectors as dashboard_selectors
from dashboards.shape import EMPTY_CHART
from governance import maturity, pack_summary, plan, selectors
from governance.models import BoardPack
from governance.pack_pdf import render_pdf
from governance.pack_xlsx import render_xlsx

logger = logging.getLogger(__name__)

SECTIONS = ("Summary", "Dashboards", "Delivery plan", "Capability self-assessment")


def _as_at(moment: datetime.datetime | None) -> str | None:
    return format_datetime(moment) if moment else None


def _previous_figures(before: int | None) -> tuple[dict[str, Any] | None, str | None]:
    """The headline figures of the last pack built before pack `before`, and when it was built."""
    earlier = BoardPack.objects.filter(status=BoardPack.Status.READY).exclude(figures={})
    if before is not None:
        earlier = earlier.filter(pk__lt=before)
    last = earlier.order_by("-finished_at", "-pk").only("figures", "finished_at").first()
    if last is None:
        return None, None
    return last.figures, format_date(last.finished_at)


def pack_content(today: datetime.date | None = None, pack_id: int | None = None) -> dict[str, Any]:
    """Everything the PDF and the workbook print, read from the database into plain data."""
    day = today or timezone.localdate()
    stored = dashboard_selectors.snapshots("")
    dashboards = []
    for d in registry.all_dashboards():
        snapshot = stored.get(d.key)
        data = snapshot.data if snapshot and snapshot.data else None
        dashboards.append(
            {
                "title": d.title,
                "as_at": _as_at(snapshot.built_at) if snapshot else None,
                "failed": bool(snapshot and snapshot.status == "failed"),
                "headline": data["headline"] if data else [],
                "charts": [
                    {
                        "title": c["title"],
                        "columns": c["columns"],
                        "rows": c["rows"],
                        "type": c.get("type", "bar"),
                        "series": c.get("series", c["columns"][1:2]),
                        "empty": c.get("empty") or EMPTY_CHART,
                    }
                    for c in data["charts"]
                ]
                if data
                else [],
            }
        )
    figures = {
        d["title"]: [{"label": h["label"], "value": h["value"]} for h in d["headline"]] for d in dashboards
    }
    before, since = _previous_figures(pack_id)
    rows = pack_summary.summary_rows({d["title"]: d["headline"] for d in dashboards}, before)
    actions = list(selectors.delivery_actions())
    plan_rows = [
        [
            plan.THEME_OF[a.strand],
            a.get_strand_display(),  # type: ignore[attr-defined]
            a.title,
            a.owner.display_name if a.owner else "",
            a.due_on,
            a.current_rag_label,
            a.notes.all()[0].text if a.notes.all() else "",
        ]
        for a in actions
    ]
    latest = selectors.latest_assessment()
    assessment = None
    if latest is not None:
        scores = selectors.component_scores(latest)
        assessment = {
            "title": latest.title,
            "assessed_on": latest.assessed_on,
            "rating": latest.rating,
            "overall": float(latest.overall_score or 0),
            "components": [[name, scores.get(slug)] for slug, name in maturity.COMPONENTS],
            "recommendations": [[r.component.name, r.text] for r in latest.recommendations.all()],
        }
    return {
        "title": f"Improvement board pack, {format_date(day)}",
        "date": day,
        "prepared": format_datetime(timezone.now()),
        "summary": {
            "rows": rows,
            "since": since,
            "counts": pack_summary.status_counts(rows),
            "rule": pack_summary.STATUS_RULE,
        },
        "figures": figures,
        "dashboards": dashboards,
        "plan": {
            "columns": ["Theme", "Strand", "Action", "Owner", "Due", "RAG", "Latest note"],
            "rows": plan_rows,
            "rag": plan.rag_counts(a.current_rag for a in actions),
        },
        "assessment": assessment,
    }


PACK_TIME_LIMIT = 6 * 60  # seconds: the board-pack task's hard time limit (governance.tasks)
PACK_LEASE = jobs.lease(PACK_TIME_LIMIT)


def sweep_abandoned() -> int:
    """Packs whose worker died mid-build end failed, with the reason."""
    return jobs.sweep(
        BoardPack,
        field="status",
        running=BoardPack.Status.RUNNING,
        failed=BoardPack.Status.FAILED,
        lease_for=PACK_LEASE,
        error=jobs.ABANDONED,
    )


def build(pack_id: int) -> str:
    """Build a queued pack; a second delivery of the same task finds it claimed and does nothing."""
    claimed = jobs.claim(
        BoardPack,
        pack_id,
        field="status",
        waiting=[BoardPack.Status.QUEUED],
        running=BoardPack.Status.RUNNING,
        lease_for=PACK_LEASE,
        progress=5,
        step="Collecting the figures",
    )
    if not claimed:
        return "skipped"
    started = time.perf_counter()
    try:
        # The pack shows the figures as they are now, not as the last scheduled rebuild left them (which
        # can be a day old when the worker was down): rebuild every dashboard first. A dashboard whose
        # rebuild fails keeps its last good snapshot, and the pack says so with its "as of" time.
        BoardPack.objects.filter(pk=pack_id).update(step="Bringing the dashboards up to date")
        snapshots.rebuild_everything()
        BoardPack.objects.filter(pk=pack_id).update(progress=20, step="Collecting the figures")
        content = pack_content(pack_id=pack_id)
        BoardPack.objects.filter(pk=pack_id).update(progress=30, step="Writing the PDF")
        pdf = render_pdf(content)
        BoardPack.objects.filter(pk=pack_id).update(progress=70, step="Writing the workbook")
        xlsx = render_xlsx(content)
    except Exception as exc:
        logger.exception("Board pack %s failed", pack_id)
        BoardPack.objects.filter(pk=pack_id).update(
            status=BoardPack.Status.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=timezone.now(),
        )
        return "failed"
    BoardPack.objects.filter(pk=pack_id).update(
        status=BoardPack.Status.READY,
        progress=100,
        step="Ready",
        pdf=pdf,
        xlsx=xlsx,
        figures=content["figures"],
        title=content["title"],
        finished_at=timezone.now(),
        duration_ms=int((time.perf_counter() - started) * 1000),
    )
    return "ready"
