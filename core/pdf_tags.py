"""Tagged PDF from reportlab: headings, paragraphs, figures with alternative text and tables with header
cells, so that screen readers and reflow read a generated PDF in order and by role.

reportlab writes no structure tree of its own. While a document is drawn, `TaggingCanvas` wraps each
tagged piece of content in a marked-content sequence (`/H2 <</MCID 3>> BDC … EMC`) and remembers which
structure element it belongs to; page furniture (footers, table rules and shading) is marked as an
artifact. `finish()` then adds the structure tree, the parent tree, the document language and
"marked" flag to the finished file with pypdf.

Use `TaggedParagraph` for text (its style's name chooses the tag: `H1`…`H6`, otherwise `P`),
`TaggedFigure` for a drawing with its alternative text, and `table_tagger()` as a Table's `renderCB`.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

HEADING_TAGS = {"H1", "H2", "H3", "H4", "H5", "H6"}


@dataclass
class Element:
    tag: str
    parent: Element | None
    alt: str = ""
    attributes: dict[str, str] = field(default_factory=dict)
    kids: list[Any] = field(default_factory=list)  # Elements and (page index, mcid) pairs, in order


class StructureLog:
    """The structure elements met while drawing, and the marked content each one owns."""

    def __init__(self) -> None:
        self.root = Element("Document", None)
        self.next_mcid: dict[int, int] = {}
        self.owners: dict[int, list[Element]] = {}  # page index -> element of each MCID on it

    def element(self, tag: str, parent: Element | None = None, **extra: Any) -> Element:
        owner = parent or self.root
        made = Element(tag, owner, **extra)
        owner.kids.append(made)
        return made

    def mark(self, page: int, element: Element) -> int:
        mcid = self.next_mcid.get(page, 0)
        self.next_mcid[page] = mcid + 1
        self.owners.setdefault(page, []).append(element)
        element.kids.append((page, mcid))
        return mcid


class TaggingCanvas(Canvas):
    """A canvas that records what each marked-content sequence on each page belongs to."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.structure = StructureLog()

    def begin_tagged(self, element: Element) -> None:
        mcid = self.structure.mark(self.getPageNumber() - 1, element)
        self.addLiteral(f"/{element.tag} <</MCID {mcid}>> BDC")

    def begin_artifact(self) -> None:
        self.addLiteral("/Artifact BMC")

    def end_marked(self) -> None:
        self.addLiteral("EMC")


def _log(canv: Any) -> StructureLog | None:
    return getattr(canv, "structure", None)


class TaggedParagraph(Paragraph):
    """A paragraph tagged by its style's name; a paragraph split over two pages stays one element."""

    _element: Element | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts = super().split(availWidth, availHeight)
        if len(parts) > 1:
            shared = _SharedElement()
            for part in parts:
                part._shared = shared
        return parts

    def draw(self) -> None:
        log = _log(self.canv)
        if log is None:
            super().draw()
            return
        shared = getattr(self, "_shared", None)
        element = shared.element if shared is not None else None
        if element is None:
            name = self.style.name
            element = log.element(name if name in HEADING_TAGS else "P")
            if shared is not None:
                shared.element = element
        self.canv.begin_tagged(element)  # type: ignore[attr-defined]
        super().draw()
        self.canv.end_marked()  # type: ignore[attr-defined]


class _SharedElement:
    element: Element | None = None


class TaggedFigure(Flowable):
    """A drawing (a reportlab Drawing or any flowable) tagged as a figure with alternative text."""

    def __init__(self, drawing: Flowable, alt: str) -> None:
        super().__init__()
        self.drawing, self.alt = drawing, alt

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = self.drawing.wrap(availWidth, availHeight)
        return self.width, self.height

    def draw(self) -> None:
        log = _log(self.canv)
        if log is not None:
            self.canv.begin_tagged(log.element("Figure", alt=self.alt))  # type: ignore[attr-defined]
        self.drawing.drawOn(self.canv, 0, 0)
        if log is not None:
            self.canv.end_marked()  # type: ignore[attr-defined]


def table_tagger(header_rows: int = 1) -> Callable[..., None]:
    """A Table `renderCB` that tags the table, its rows and its cells (header cells as TH with column
    scope). Every part of a table split over pages belongs to one Table element; the header rows that
    repeat on later pages are artifacts, so a screen reader hears them once."""
    state: dict[str, Any] = {"table": None, "row": None, "repeat": False, "headers_done": False}

    def callback(table: Any, event: str, *args: Any) -> None:
        canv = table.canv
        log = _log(canv)
        if log is None:
            return
        if event == "startTable" and state["table"] is None:
            state["table"] = log.element("Table")
        elif event in ("startBG", "startLines"):
            canv.begin_artifact()
        elif event in ("endBG", "endLines"):
            canv.end_marked()
        elif event == "startRow":
            is_header = args[0] < header_rows
            state["repeat"] = is_header and state["headers_done"]
            if not is_header:
                state["headers_done"] = True
            if not state["repeat"]:
                state["row"] = log.element("TR", state["table"])
        elif event == "startCell":
            if state["repeat"]:
                canv.begin_artifact()
            elif args[0] < header_rows:
                canv.begin_tagged(
                    log.element("TH", state["row"], attributes={"O": "Table", "Scope": "Column"})
                )
            else:
                canv.begin_tagged(log.element("TD", state["row"]))
        elif event == "endCell":
            canv.end_marked()

    return callback


def finish(pdf: bytes, log: StructureLog, *, language: str = "en-GB") -> bytes:
    """The finished file with its structure tree, parent tree, language and display title."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    pages = [page.indirect_reference for page in writer.pages]
    refs: dict[int, Any] = {}

    def add(element: Element, parent_ref: Any) -> Any:
        node = DictionaryObject(
            {NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject(f"/{element.tag}")}
        )
        ref = writer._add_object(node)
        refs[id(element)] = ref
        node[NameObject("/P")] = parent_ref
        if element.alt:
            node[NameObject("/Alt")] = TextStringObject(element.alt)
        if element.attributes:
            node[NameObject("/A")] = DictionaryObject(
                {NameObject(f"/{k}"): NameObject(f"/{v}") for k, v in element.attributes.items()}
            )
        kids = ArrayObject()
        for kid in element.kids:
            if isinstance(kid, Element):
                kids.append(add(kid, ref))
            else:
                page, mcid = kid
                kids.append(
                    DictionaryObject(
                        {
                            NameObject("/Type"): NameObject("/MCR"),
                            NameObject("/Pg"): pages[page],
                            NameObject("/MCID"): NumberObject(mcid),
                        }
                    )
                )
        node[NameObject("/K")] = kids
        return ref

    root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
    root_ref = writer._add_object(root)
    root[NameObject("/K")] = ArrayObject([add(log.root, root_ref)])
    nums = ArrayObject()
    for index, page in enumerate(writer.pages):
        page[NameObject("/StructParents")] = NumberObject(index)
        page[NameObject("/Tabs")] = NameObject("/S")
        owners = log.owners.get(index, [])
        nums.extend([NumberObject(index), ArrayObject([refs[id(e)] for e in owners])])
    root[NameObject("/ParentTree")] = DictionaryObject({NameObject("/Nums"): nums})
    root[NameObject("/ParentTreeNextKey")] = NumberObject(len(writer.pages))
    catalog = writer.root_object
    catalog[NameObject("/StructTreeRoot")] = root_ref
    catalog[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
    catalog[NameObject("/Lang")] = TextStringObject(language)
    catalog[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)}
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def structure_outline(pdf: bytes) -> list[tuple[int, str, str]]:
    """The structure tree of a finished file as (depth, tag, alternative text) in reading order: what a
    screen reader walks. Used by tests and by anyone checking a generated file."""
    reader = PdfReader(io.BytesIO(pdf))
    catalog: Any = reader.trailer["/Root"]
    if "/StructTreeRoot" not in catalog:
        return []
    out: list[tuple[int, str, str]] = []

    def walk(node: Any, depth: int) -> None:
        node = node.get_object()
        if node.get("/Type") == "/MCR" or "/S" not in node:
            return
        out.append((depth, str(node["/S"])[1:], str(node.get("/Alt", ""))))
        for kid in node.get("/K", []):
            if not isinstance(kid, int):
                walk(kid, depth + 1)

    for top in catalog["/StructTreeRoot"]["/K"]:
        walk(top, 0)
    return out
