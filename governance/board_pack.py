"""The board pack: current dashboard snapshots, the delivery plan's RAG and the latest self-assessment,
as a PDF (reportlab) and an XLSX workbook (openpyxl), built in a Celery task that records its progress.

`pack_content()` reads the database into plain data; `render_pdf` and `render_xlsx` turn that into bytes
without touching the database.
"""

from __future__ import annotations

import datetime
import io
import logging
import time
from typing import Any

from django.utils import timezone

from core import jobs
from core.exports import cell
from dashboards import registry, snapshots
from dashboards import selectors as dashboard_selectors
from governance import maturity, plan, selectors
from governance.models import BoardPack

logger = logging.getLogger(__name__)

SECTIONS = ("Dashboards", "Delivery plan", "Capability self-assessment")


def pack_content(today: datetime.date | None = None) -> dict[str, Any]:
    day = today or timezone.localdate()
    stored = dashboard_selectors.snapshots("")
    dashboards = []
    for d in registry.all_dashboards():
        snapshot = stored.get(d.key)
        data = snapshot.data if snapshot and snapshot.data else None
        dashboards.append(
            {
                "title": d.title,
                "built_at": timezone.localtime(snapshot.built_at).strftime("%d %b %Y %H:%M")
                if snapshot and snapshot.built_at
                else None,
                "failed": bool(snapshot and snapshot.status == "failed"),
                "headline": data["headline"] if data else [],
                "charts": [
                    {
                        "title": c["title"],
                        "columns": c["columns"],
                        "rows": c["rows"],
                        "type": c.get("type", "bar"),
                        "series": c.get("series", c["columns"][1:2]),
                    }
                    for c in data["charts"]
                ]
                if data
                else [],
            }
        )
    actions = list(selectors.delivery_actions())
    plan_rows = [
        [
            plan.THEME_OF[a.strand],
            a.get_strand_display(),  # type: ignore[attr-defined]
            a.title,
            a.owner.display_name if a.owner else "",
            a.due_on.isoformat(),
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
            "assessed_on": latest.assessed_on.isoformat(),
            "rating": latest.rating,
            "overall": float(latest.overall_score or 0),
            "components": [[name, scores.get(slug)] for slug, name in maturity.COMPONENTS],
            "recommendations": [[r.component.name, r.text] for r in latest.recommendations.all()],
        }
    return {
        "title": f"Improvement board pack, {day:%-d %B %Y}",
        "date": day.isoformat(),
        "dashboards": dashboards,
        "plan": {
            "columns": ["Theme", "Strand", "Action", "Owner", "Due", "RAG", "Latest note"],
            "rows": plan_rows,
            "rag": plan.rag_counts(a.current_rag for a in actions),
        },
        "assessment": assessment,
    }


def _text(value: Any) -> str:
    if value is None:
        return "–"  # noqa: RUF001
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


CHART_COLOURS = ["#005eb8", "#007f3b", "#ffb81c", "#d5281b", "#330072", "#00a499"]


def chart_drawing(chart: dict[str, Any], width: float = 600, height: float = 200) -> Any:
    """A bar or line chart of a table's series drawn with reportlab's own graphics (no browser needed),
    or None when the chart has no numbers to draw."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.charts.linecharts import HorizontalLineChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    columns, rows = chart["columns"], chart["rows"]
    indexes = [columns.index(name) for name in chart.get("series", columns[1:2]) if name in columns]
    if not rows or not indexes or chart.get("type") == "pie":
        return None
    series = [[row[i] if isinstance(row[i], int | float) else None for row in rows] for i in indexes]
    if all(v is None for values in series for v in values):
        return None
    kind = chart.get("type", "bar")
    drawing = Drawing(width, height)
    plot: Any = HorizontalLineChart() if kind == "line" else VerticalBarChart()
    plot.x, plot.y, plot.width, plot.height = 50, 40, width - 200, height - 55
    if kind == "line":
        plot.data = [tuple(v for v in values) for values in series]
    else:
        plot.data = [tuple(v or 0 for v in values) for values in series]
        if kind == "stacked-bar":
            plot.categoryAxis.style = "stacked"
    plot.categoryAxis.categoryNames = [str(row[0])[:18] for row in rows]
    plot.categoryAxis.labels.fontSize = 6
    plot.categoryAxis.labels.angle = 30 if len(rows) > 4 else 0
    plot.categoryAxis.labels.boxAnchor = "ne" if len(rows) > 4 else "n"
    plot.valueAxis.labels.fontSize = 7
    plot.valueAxis.valueMin = 0
    for i in range(len(series)):
        colour = colors.HexColor(CHART_COLOURS[i % len(CHART_COLOURS)])
        if kind == "line":
            plot.lines[i].strokeColor = colour
        else:
            plot.bars[i].fillColor = colour
    drawing.add(plot)
    if len(series) > 1:
        legend = Legend()
        legend.x, legend.y = width - 140, height - 20
        legend.fontSize = 7
        legend.colorNamePairs = [
            (colors.HexColor(CHART_COLOURS[i % len(CHART_COLOURS)]), columns[index])
            for i, index in enumerate(indexes)
        ]
        drawing.add(legend)
    return drawing


def render_pdf(content: dict[str, Any]) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    cell_style = styles["BodyText"].clone("cell", fontSize=8, leading=10)

    def table(columns: list[str], rows: list[list[Any]]) -> Table:
        data = [[Paragraph(f"<b>{escape(str(c))}</b>", cell_style) for c in columns]]
        data += [[Paragraph(escape(_text(v)), cell_style) for v in row] for row in rows]
        t = Table(data, repeatRows=1, hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#768692")),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edee")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return t

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        title=content["title"],
        author="Improvement Community",
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
    )
    story: list[Any] = [
        Paragraph(escape(content["title"]), styles["Title"]),
        Paragraph(f"Prepared {escape(content['date'])} from the portal's current figures.", styles["Normal"]),
        Spacer(1, 6 * mm),
        Paragraph("Dashboards", styles["Heading1"]),
    ]
    for d in content["dashboards"]:
        story.append(Paragraph(escape(d["title"]), styles["Heading2"]))
        if d["built_at"]:
            note = f"Figures as of {d['built_at']}."
            if d["failed"]:
                note += " The latest rebuild failed; these are the last good figures."
            story.append(Paragraph(escape(note), styles["Italic"]))
        else:
            story.append(Paragraph("Not built yet.", styles["Italic"]))
        if d["headline"]:
            story.append(table(["Measure", "Value"], [[h["label"], h["value"]] for h in d["headline"]]))
        for chart in d["charts"]:
            story.append(Paragraph(escape(chart["title"]), styles["Heading3"]))
            drawing = chart_drawing(chart)
            if drawing is not None:
                story.append(drawing)
            story.append(table(chart["columns"], chart["rows"]))
    story.append(Paragraph("Delivery plan", styles["Heading1"]))
    rag = content["plan"]["rag"]
    story.append(
        Paragraph(
            f"{rag['complete']} complete, {rag['green']} green, {rag['amber']} amber, {rag['red']} red.",
            styles["Normal"],
        )
    )
    if content["plan"]["rows"]:
        story.append(table(content["plan"]["columns"], content["plan"]["rows"]))
    story.append(Paragraph("Capability self-assessment", styles["Heading1"]))
    a = content["assessment"]
    if a:
        story.append(
            Paragraph(
                escape(
                    f"{a['title']} ({a['assessed_on']}): rated {a['rating']}, overall {a['overall']:.2f}."
                ),
                styles["Normal"],
            )
        )
        story.append(table(["Component", "Score"], a["components"]))
        if a["recommendations"]:
            story.append(Paragraph("Recommendations", styles["Heading3"]))
            story.append(table(["Component", "Recommendation"], a["recommendations"]))
    else:
        story.append(Paragraph("No self-assessment has been recorded yet.", styles["Normal"]))
    doc.build(story)
    return buffer.getvalue()


def render_xlsx(content: dict[str, Any]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    contents = workbook.active
    assert contents is not None
    contents.title = "Contents"
    contents.append([content["title"]])
    contents["A1"].font = Font(bold=True, size=14)
    contents.append([f"Prepared {content['date']}"])
    contents.append([])
    used: set[str] = {"Contents"}

    def sheet(title: str, columns: list[str], rows: list[list[Any]]) -> None:
        name = "".join(ch for ch in title if ch not in "[]:*?/\\")[:28]
        base, n = name, 2
        while name in used:
            name = f"{base[:25]} {n}"
            n += 1
        used.add(name)
        ws = workbook.create_sheet(name)
        ws.append(columns)
        for c in ws[1]:
            c.font = Font(bold=True)
        for row in rows:
            ws.append([cell(v) for v in row])
        contents.append([title, name])

    for d in content["dashboards"]:
        if d["headline"]:
            sheet(
                f"{d['title']} headline",
                ["Measure", "Value"],
                [[h["label"], h["value"]] for h in d["headline"]],
            )
        for chart in d["charts"]:
            sheet(chart["title"], chart["columns"], chart["rows"])
    sheet("Delivery plan", content["plan"]["columns"], content["plan"]["rows"])
    a = content["assessment"]
    if a:
        rows = [*a["components"], ["Overall", a["overall"]], ["Rating", a["rating"]]]
        sheet("Self-assessment", ["Component", "Score"], rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


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
        content = pack_content()
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
        title=content["title"],
        finished_at=timezone.now(),
        duration_ms=int((time.perf_counter() - started) * 1000),
    )
    return "ready"
