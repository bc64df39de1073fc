"""Reading uploaded CSV and XLSX files into tables, and writing row-by-row error reports.

Imports validate every row and save nothing unless every row is good; the error report lists each bad
row by its number in the file (the header is row 1) with what is wrong, so people can fix and re-upload.
"""

from __future__ import annotations

import csv
import io
from typing import IO, Any

import pandas as pd

from core.exports import cell
from core.parsing import RowError

__all__ = ["RowError", "UnreadableFile", "error_report_csv", "file_row", "read_table"]


class UnreadableFile(ValueError):
    pass


def read_table(handle: IO[bytes], filename: str) -> pd.DataFrame:
    """Every cell as text (blank cells as ""), column names trimmed; CSV in UTF-8 or Windows-1252."""
    name = filename.lower()
    try:
        if name.endswith(".xlsx"):
            frame = pd.read_excel(handle, dtype=str, engine="openpyxl")
        else:
            raw = handle.read()
            text = _decode(raw)
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skip_blank_lines=False)
    except UnreadableFile:
        raise
    except Exception as error:  # pandas raises many kinds for a broken file
        raise UnreadableFile(
            f"The file could not be read as a spreadsheet ({type(error).__name__})"
        ) from error
    frame = frame.fillna("")
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.map(lambda v: str(v).strip() if v is not None else "")
    return frame[~(frame == "").all(axis=1)]


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile("The file is not text in UTF-8 or Windows-1252")


def file_row(index: Any) -> int:
    """The spreadsheet row number of a pandas row index from read_table (0-based, after the header)."""
    return int(index) + 2


def error_report_csv(errors: list[RowError]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Row", "Column", "Problem", "Value"])
    for error in sorted(errors, key=lambda e: (e.row, e.column)):
        # The value is what the person's file held: written so that no spreadsheet runs it as a formula.
        writer.writerow([error.row, error.column, error.message, cell(error.value)])
    return out.getvalue()
