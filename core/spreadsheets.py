"""Reading uploaded CSV and XLSX files into tables, and writing row-by-row error reports.

Imports validate every row and save nothing unless every row is good; the error report lists each bad
row by its number in the file (the header is row 1) with what is wrong, so people can fix and re-upload.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from typing import IO, Any

import pandas as pd

from core.exports import cell
from core.parsing import RowError

__all__ = ["RowError", "UnreadableFile", "error_report_csv", "file_row", "read_table"]


class UnreadableFile(ValueError):
    pass


# Limits on what a workbook may unpack to, checked before and while it is read: a few hundred kilobytes
# of zipped XML can otherwise expand to gigabytes (a "zip bomb") and hold a worker for minutes.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200  # real workbooks compress 5 to 30 times; bombs thousands of times
MAX_ROWS = 250_000
MAX_COLUMNS = 200
MAX_CELL_CHARACTERS = 32_767  # Excel's own limit


def read_table(handle: IO[bytes], filename: str) -> pd.DataFrame:
    """Every cell as text (blank cells as ""), column names trimmed; CSV in UTF-8 or Windows-1252; XLSX
    streamed row by row within the limits above."""
    name = filename.lower()
    try:
        if name.endswith(".xlsx"):
            frame = _read_xlsx(handle)
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
    _refuse_unstorable(frame)
    return frame[~(frame == "").all(axis=1)]


def _first_row(mask: pd.DataFrame) -> int | None:
    rows = mask.any(axis=1)
    return file_row(rows.idxmax()) if rows.any() else None


def _refuse_unstorable(frame: pd.DataFrame) -> None:
    """Anywhere in the file, not only in its first kilobytes: a NUL character (PostgreSQL cannot store
    it) or a cell longer than a spreadsheet cell can be refuses the whole file, naming the row."""
    if any("\x00" in str(c) for c in frame.columns):
        raise UnreadableFile("The header row holds a NUL character (\\x00): remove it and upload again")
    if frame.empty:
        return
    row = _first_row(frame.apply(lambda column: column.str.contains("\x00", regex=False)))
    if row is not None:
        raise UnreadableFile(f"Row {row} holds a NUL character (\\x00), which cannot be stored: remove it")
    row = _first_row(frame.apply(lambda column: column.str.len() > MAX_CELL_CHARACTERS))
    if row is not None:
        raise UnreadableFile(f"Row {row} has a cell longer than {MAX_CELL_CHARACTERS:,} characters")


def check_workbook_size(handle: IO[bytes]) -> None:
    """Refuse a workbook whose parts would unpack past the limits, from the zip's own directory (nothing
    is decompressed)."""
    try:
        with zipfile.ZipFile(handle) as archive:
            parts = archive.infolist()
    except zipfile.BadZipFile as error:
        raise UnreadableFile("The file is not an Excel workbook (.xlsx)") from error
    total = sum(p.file_size for p in parts)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise UnreadableFile(
            f"The workbook unpacks to {total // (1024 * 1024)} MB, more than the "
            f"{MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB allowed: save it as CSV or split it"
        )
    for part in parts:
        if part.file_size > 1024 * 1024 and part.file_size > MAX_COMPRESSION_RATIO * max(
            1, part.compress_size
        ):
            raise UnreadableFile(
                "The workbook is packed far more tightly than a real spreadsheet: it was not opened"
            )
    handle.seek(0)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(handle: IO[bytes]) -> pd.DataFrame:
    """The first sheet, read in openpyxl's streaming mode: the first row names the columns."""
    from openpyxl import load_workbook

    check_workbook_size(handle)
    book = load_workbook(handle, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [_cell_text(v) for v in next(rows, ())]
        while header and header[-1] == "":
            header.pop()
        if len(header) > MAX_COLUMNS:
            raise UnreadableFile(f"The sheet has {len(header)} columns: at most {MAX_COLUMNS} are read")
        width = len(header)
        data: list[list[str]] = []
        for number, row in enumerate(rows, start=2):
            if number - 1 > MAX_ROWS:
                raise UnreadableFile(
                    f"The sheet has more than {MAX_ROWS:,} rows: split it into smaller files"
                )
            cells = [_cell_text(v) for v in row[:width]]
            if any(len(c) > MAX_CELL_CHARACTERS for c in cells):
                raise UnreadableFile(
                    f"Row {number} has a cell longer than {MAX_CELL_CHARACTERS:,} characters"
                )
            data.append(cells + [""] * (width - len(cells)))
    finally:
        book.close()
    return pd.DataFrame(data, columns=header or None, dtype=str)


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
