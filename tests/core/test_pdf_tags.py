"""Tagged PDF: the structure tree a screen reader walks, written for reportlab documents."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from core.pdf_tags import (
    TaggedFigure,
    TaggedParagraph,
    TaggingCanvas,
    finish,
    structure_outline,
    table_tagger,
)


def _document(story):
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title="A tagged document")
    doc.build(story, canvasmaker=TaggingCanvas)
    return finish(buffer.getvalue(), doc.canv.structure)


def test_headings_paragraphs_figures_and_a_table_split_over_pages_are_tagged_in_reading_order():
    cell = ParagraphStyle("cell")
    rows = [[Paragraph("Name", cell), Paragraph("Count", cell)]]
    rows += [[Paragraph(f"Row {n}", cell), Paragraph(str(n), cell)] for n in range(120)]
    drawing = Drawing(100, 50)
    drawing.add(Rect(0, 0, 100, 50))
    pdf = _document(
        [
            TaggedParagraph("Title", ParagraphStyle("H1")),
            TaggedParagraph("Some words.", ParagraphStyle("Body")),
            TaggedFigure(drawing, "A rectangle"),
            Table(rows, repeatRows=1, renderCB=table_tagger(header_rows=1)),
        ]
    )

    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 3  # the table runs over pages and its header repeats on each
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a PDF boolean object)
    assert catalog["/Lang"] == "en-GB"
    outline = structure_outline(pdf)
    tags = [tag for _, tag, _ in outline]
    assert tags[:5] == ["Document", "H1", "P", "Figure", "Table"]
    assert [alt for _, tag, alt in outline if tag == "Figure"] == ["A rectangle"]
    assert tags.count("Table") == 1  # one table, however many pages it covers
    assert tags.count("TR") == 121  # the repeated header rows are artifacts, read once
    assert tags.count("TH") == 2 and tags.count("TD") == 240
    for index, page in enumerate(reader.pages):
        assert page["/StructParents"] == index


def test_every_marked_sequence_has_an_owner_in_the_parent_tree():
    pdf = _document([TaggedParagraph(f"Paragraph {n}", ParagraphStyle("Body")) for n in range(80)])
    reader = PdfReader(io.BytesIO(pdf))
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    owners = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for index, page in enumerate(reader.pages):
        content = page.get_contents().get_data().decode("latin-1")
        assert content.count("BDC") == len(owners[index])
        for owner in owners[index]:
            assert owner.get_object()["/S"] == "/P"
