"""Checking uploaded files by their content, not their name, and by size."""

from __future__ import annotations

from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile


@dataclass(frozen=True)
class Kind:
    label: str  # what people call it: "PDF"
    extensions: tuple[str, ...]
    mime: str


PDF = Kind("PDF", ("pdf",), "application/pdf")
PNG = Kind("PNG", ("png",), "image/png")
JPEG = Kind("JPEG", ("jpg", "jpeg"), "image/jpeg")
XLSX = Kind(
    "Excel workbook (.xlsx)", ("xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)
CSV = Kind("CSV", ("csv",), "text/csv")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            head.decode("cp1252")
        except UnicodeDecodeError:
            return False
    return True


def check_upload(upload: UploadedFile, kinds: list[Kind], max_bytes: int) -> Kind:
    """Return the kind of the file, or raise ValidationError saying what is wrong and what is allowed."""
    allowed = ", ".join(k.label for k in kinds)
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(f"The file must be smaller than {_megabytes(max_bytes)}", code="too_big")
    if not upload.size:
        raise ValidationError("The selected file is empty", code="empty")
    extension = (upload.name or "").rsplit(".", 1)[-1].lower() if "." in (upload.name or "") else ""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    detected = filetype.guess(head)
    for kind in kinds:
        if kind is CSV:
            if detected is None and extension == "csv" and _looks_like_text(head):
                return kind
            continue
        if detected is not None and detected.mime == kind.mime:
            if extension and extension not in kind.extensions:
                break
            return kind
    raise ValidationError(f"The selected file must be a {allowed}", code="wrong_type")
