"""The board pack as a tagged PDF a board can read without a guide: a one-page summary, a contents page,
each section kept with its chart and table, dates in words, page numbers, and the "as at" time of every
figure. Headings, paragraphs, charts (with alternative text) and tables (with header cells) are tagged
(core.pdf_tags) so that a screen reader reads the pack in order. Pure: plain data in, bytes out.
"""

from __future__ import annotations

import datetime
import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from core.pdf_tags import TaggedFigure, TaggedParagraph, TaggingCanvas, finish, table_tagger
from core.templating import format_date
from dashboards.shape import has_figures, series_indexes, shown, shown_sentence

CHART_COLOURS = ["#005eb8", "#007f3b", "#ffb81c", "#d5281b", "#330072", "#00a499"]
STATUS_COLOURS = {"Green": "#cce5d8", "Amber": "#fff1cc", "Red": "#f7d4d1"}
FRAME_WIDTH = landscape(A4)[0] - 30 * mm
CHART_BESIDE = 440  # points: the width of a chart drawn beside its table
SIDE_BY_SIDE_ROWS = 16
CHART_KINDS = {
    "bar": "Bar chart",
    "stacked-bar": "Stacked bar chart",
    "line": "Line chart",
    "pie": "Bar chart",
}


def text(value: Any) -> str:
    """A value as the pack prints it: numbers with thousands separators, dates in words, a dash for none."""
    if value is None or value == "":
        return "\u2013"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, datetime.date):
        return format_date(value)
    return str(value)


def chart_alt(chart: dict[str, Any]) -> str:
    """Alternative text for a chart: what it plots and its largest value; the table after it has the rest."""
    columns, rows = chart["columns"], chart["rows"]
    indexes = series_indexes(chart)
    names = ", ".join(columns[i] for i in indexes)
    said = f"{CHART_KINDS.get(chart.get('type', 'bar'), 'Chart')} of {names} by {columns[0].lower()}"
    numbers = [
        (row[i], row[0], columns[i]) for row in rows for i in indexes if isinstance(row[i], int | float)
    ]
    if numbers:
        value, category, name = max(numbers, key=lambda n: n[0])
        which = f"{name}, " if len(indexes) > 1 else ""
        said += f"; the highest is {which}{category}: {text(value)}"
    return f"{said}. The table that follows gives every figure."


def chart_drawing(chart: dict[str, Any], width: float = 600, height: float = 200) -> Drawing | None:
    """A bar or line chart of a table's series drawn with reportlab's own graphics (no browser needed),
    or None when the chart has nothing to draw (no rows, or no number other than zero)."""
    columns, rows = chart["columns"], chart["rows"]
    indexes = series_indexes(chart)
    if not rows or not indexes or not has_figures(chart):
        return None
    series = [[row[i] if isinstance(row[i], int | float) else None for row in rows] for i in indexes]
    kind = chart.get("type", "bar")
    drawing = Drawing(width, height)
    plot: Any = HorizontalLineChart() if kind == "line" else VerticalBarChart()
    legend_room = 150 if len(series) > 1 else 10
    plot.x, plot.y, plot.width, plot.height = 50, 40, width - 50 - legend_room, height - 55
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


def _embedded_fonts() -> tuple[str, str, str]:
    """Bitstream Vera, shipped with reportlab: embedded in the file (an accessible PDF embeds its fonts)
    and mapped to Unicode, so text copies and reads back exactly, dashes and minus signs included."""
    faces = {"PackSans": "Vera.ttf", "PackSans-Bold": "VeraBd.ttf", "PackSans-Italic": "VeraIt.ttf"}
    for name, file in faces.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, file))
    pdfmetrics.registerFontFamily(
        "PackSans",
        normal="PackSans",
        bold="PackSans-Bold",
        italic="PackSans-Italic",
        boldItalic="PackSans-Bold",
    )
    return "PackSans", "PackSans-Bold", "PackSans-Italic"


class _Styles:
    def __init__(self) -> None:
        base = getSampleStyleSheet()
        regular, bold, italic = _embedded_fonts()
        self.regular = regular
        self.h1 = ParagraphStyle("H1", parent=base["Title"], fontName=bold, keepWithNext=1)
        self.h2 = ParagraphStyle("H2", parent=base["Heading1"], fontName=bold, keepWithNext=1)
        self.h3 = ParagraphStyle("H3", parent=base["Heading2"], fontName=bold, keepWithNext=1)
        self.h4 = ParagraphStyle("H4", parent=base["Heading3"], fontName=bold, keepWithNext=1)
        self.body = ParagraphStyle("P", parent=base["Normal"], fontName=regular, spaceAfter=4)
        self.note = ParagraphStyle("Note", parent=base["Italic"], fontName=italic, spaceAfter=4)
        self.small = ParagraphStyle("Small", parent=base["Normal"], fontName=regular, fontSize=8, leading=10)
        self.cell = ParagraphStyle("cell", parent=base["BodyText"], fontName=regular, fontSize=8, leading=10)


class _PackDocument(SimpleDocTemplate):
    """Records the page of each H2 and H3 heading (for the contents page) and adds them to the outline."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.heading_pages: dict[str, int] = {}

    def afterFlowable(self, flowable: Any) -> None:
        if not isinstance(flowable, TaggedParagraph) or flowable.style.name not in ("H2", "H3"):
            return
        title = flowable.getPlainText()
        key = f"h{len(self.heading_pages)}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(title, key, level=0 if flowable.style.name == "H2" else 1)
        self.heading_pages.setdefault(title, self.page)


class _Story:
    """Builds the flowables of the pack; the contents page needs the page numbers of a first pass."""

    def __init__(self, content: dict[str, Any], pages: dict[str, int] | None) -> None:
        self.content, self.pages, self.s = content, pages, _Styles()
        self.items: list[Any] = []
        self.contents_entries: list[tuple[int, str]] = []

    def para(self, words: str, style: ParagraphStyle) -> TaggedParagraph:
        return TaggedParagraph(escape(words), style)

    def heading(self, words: str, level: int) -> TaggedParagraph:
        if level in (2, 3):
            self.contents_entries.append((level, words))
        return self.para(words, getattr(self.s, f"h{level}"))

    def table(
        self,
        columns: list[str],
        rows: list[list[Any]],
        shading: list[Any] | None = None,
        widths: list[float] | None = None,
    ) -> Table:
        cells = [[Paragraph(f"<b>{escape(str(c))}</b>", self.s.cell) for c in columns]]
        cells += [[Paragraph(escape(text(v)), self.s.cell) for v in row] for row in rows]
        built = Table(
            cells, colWidths=widths, repeatRows=1, hAlign="LEFT", renderCB=table_tagger(header_rows=1)
        )
        built.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#768692")),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edee")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                    *(shading or []),
                ]
            )
        )
        return built

    def build(self) -> list[Any]:
        c = self.content
        self.items += [
            self.para(c["title"], self.s.h1),
            self.para(
                f"Prepared {c['prepared']} from the portal's figures; each dashboard says when its figures "
                "were worked out.",
                self.s.body,
            ),
        ]
        self.summary()
        body: list[Any] = []
        self.items, before = body, self.items
        self.dashboards()
        self.delivery_plan()
        self.assessment()
        self.items = before
        self.items += [PageBreak(), *self.contents(), PageBreak(), *body]
        return self.items

    def summary(self) -> None:
        summary = self.content["summary"]
        self.items.append(self.heading("Summary", 2))
        if summary["since"]:
            compared = f"Changes are since the last pack, built {summary['since']}."
        else:
            compared = "This is the first pack: the next one will show the change since this one."
        counts = summary["counts"]
        rated = ", ".join(f"{counts[k]} {k.lower()}" for k in ("Green", "Amber", "Red"))
        rag = self.content["plan"]["rag"]
        self.items += [
            self.para(f"{compared} Of the figures with a target: {rated}.", self.s.body),
            self.para(
                f"Delivery plan: {rag['complete']} complete, {rag['green']} green, {rag['amber']} amber, "
                f"{rag['red']} red.",
                self.s.body,
            ),
        ]
        self.items.append(self.para(summary["rule"], self.s.small))
        rows = summary["rows"]
        shading = [
            ("BACKGROUND", (4, n), (4, n), colors.HexColor(STATUS_COLOURS[row.status]))
            for n, row in enumerate(rows, start=1)
            if row.status
        ]
        self.items.append(
            self.table(
                ["Dashboard", "Figure", "Now", "Change", "Status"],
                [[r.dashboard, r.label, r.value, r.change, r.status] for r in rows],
                shading,
                widths=[170, 300, 80, 110, 70],
            )
        )

    def contents(self) -> list[Any]:
        rows = [[title, (self.pages or {}).get(title, "")] for _, title in self.contents_entries]
        indents = [
            ("LEFTPADDING", (0, n), (0, n), 18)
            for n, (level, _) in enumerate(self.contents_entries, start=1)
            if level == 3
        ]
        return [self.heading("Contents", 2), self.table(["Section", "Page"], rows, indents, [320, 60])]

    def dashboards(self) -> None:
        self.items.append(self.heading("Dashboards", 2))
        for d in self.content["dashboards"]:
            self.items.append(self.heading(d["title"], 3))
            if d["as_at"]:
                note = f"Figures as at {d['as_at']}."
                if d["failed"]:
                    note += " The latest rebuild failed; these are the last good figures."
            else:
                note = "Not built yet."
            self.items.append(self.para(note, self.s.note))
            if d["headline"]:
                self.items.append(
                    KeepTogether(
                        self.table(["Figure", "Value"], [[h["label"], h["value"]] for h in d["headline"]])
                    )
                )
            for chart in d["charts"]:
                self.items.append(KeepTogether(self.chart(chart)))

    def chart(self, chart: dict[str, Any]) -> list[Any]:
        """A chart's title, its drawing (or why there is none) and its table; a narrow, short table sits
        beside the drawing so that a chart and its figures share a page."""
        whole = chart
        chart = shown(chart)
        parts: list[Any] = [self.heading(chart["title"], 4)]
        beside = len(chart["columns"]) <= 3 and len(chart["rows"]) <= SIDE_BY_SIDE_ROWS
        drawing = chart_drawing(chart, width=CHART_BESIDE if beside else min(FRAME_WIDTH, 700), height=170)
        figure: Any = (
            TaggedFigure(drawing, chart_alt(chart))
            if drawing is not None
            else self.para(chart["empty"], self.s.body)
        )
        table = self.table(chart["columns"], chart["rows"]) if chart["rows"] else None
        if beside and drawing is not None and table is not None:
            layout = Table([[figure, table]], colWidths=[CHART_BESIDE + 10, FRAME_WIDTH - CHART_BESIDE - 10])
            layout.setStyle(
                TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
            )
            parts.append(layout)
        else:
            parts += [figure, *([table] if table is not None else [])]
        if chart is not whole:
            parts.append(self.para(shown_sentence(chart, "the workbook"), self.s.body))
        parts.append(Spacer(1, 4 * mm))
        return parts

    def delivery_plan(self) -> None:
        plan = self.content["plan"]
        rag = plan["rag"]
        self.items += [
            PageBreak(),
            self.heading("Delivery plan", 2),
            self.para(
                f"{rag['complete']} complete, {rag['green']} green, {rag['amber']} amber, {rag['red']} red.",
                self.s.body,
            ),
        ]
        if plan["rows"]:
            self.items.append(self.table(plan["columns"], plan["rows"]))
        else:
            self.items.append(self.para("The delivery plan has no actions yet.", self.s.body))

    def assessment(self) -> None:
        self.items.append(self.heading("Capability self-assessment", 2))
        a = self.content["assessment"]
        if not a:
            self.items.append(self.para("No self-assessment has been recorded yet.", self.s.body))
            return
        self.items += [
            self.para(
                f"{a['title']}, assessed {text(a['assessed_on'])}: rated {a['rating']}, "
                f"overall score {a['overall']:.2f} out of 4.",
                self.s.body,
            ),
            self.table(["Component", "Score"], a["components"]),
        ]
        if a["recommendations"]:
            self.items.append(
                KeepTogether(
                    [
                        self.heading("Recommendations", 4),
                        self.table(["Component", "Recommendation"], a["recommendations"]),
                    ]
                )
            )


def _render(
    content: dict[str, Any], pages: dict[str, int] | None, total: int | None
) -> tuple[bytes, Any, Any]:
    buffer = io.BytesIO()
    doc = _PackDocument(
        buffer,
        pagesize=landscape(A4),
        title=content["title"],
        author="Improvement Community",
        subject="Improvement board pack",
        lang="en-GB",
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
    )

    def footer(canv: Any, document: Any) -> None:
        canv.begin_artifact()
        canv.saveState()
        canv.setFont("PackSans", 8)
        canv.setFillColor(colors.HexColor("#4c6272"))
        of = f" of {total}" if total else ""
        canv.drawString(15 * mm, 9 * mm, content["title"])
        canv.drawRightString(landscape(A4)[0] - 15 * mm, 9 * mm, f"Page {document.page}{of}")
        canv.restoreState()
        canv.end_marked()

    story = _Story(content, pages).build()
    doc.build(story, onFirstPage=footer, onLaterPages=footer, canvasmaker=TaggingCanvas)
    return buffer.getvalue(), doc, doc.canv.structure


def render_pdf(content: dict[str, Any]) -> bytes:
    """Two passes: the first finds the page of each section for the contents page and the page count."""
    _, first, _ = _render(content, None, None)
    pdf, _, structure = _render(content, first.heading_pages, first.page)
    return finish(pdf, structure)
