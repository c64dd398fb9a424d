"""Any spreadsheet file as sheets of cells: Excel (.xlsx, .xlsm), LibreOffice (.ods), CSV.

The import finds tables by their content, so it does not care which program saved the file:
each format is read into the same `SheetCells` (only the cells that hold something, merged
ranges kept) within the same limits as a workbook. Which reader is used is decided by the
file's content (a zip holding `content.xml` is .ods, one holding `xl/` is Excel, text is
CSV), not by its name: a file saved under the wrong extension still reads. The spreadsheet
library's warnings ("unknown extension", "data validation") never reach the terminal: they
are returned as notes for the import's report.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from pathlib import Path

from ..errors import UsageError
from .ods import read_ods
from .workbook import (
    MAX_CELLS,
    MAX_UNPACKED_BYTES,
    SheetCells,
    TooLarge,
    WorkbookCells,
    read_workbook,
)

CSV_ENCODINGS = ("utf-8-sig", "cp1252")
"""UTF-8 (with or without the mark Excel writes), else Windows' Western encoding."""


class UnreadableFile(UsageError):
    """The file is not a spreadsheet pcsm can read; the message says what to do."""


TEXT_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})


def kind_of(path: Path) -> str:
    """`xlsx`, `ods` or `csv`: a zip by its content, text only under a text file's name
    (a damaged .xlsx must say so, not read as one column of text)."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
        if "content.xml" in names:
            return "ods"
        return "xlsx"
    if path.suffix.lower() in TEXT_SUFFIXES:
        return "csv"
    raise ValueError("it is not a zip of sheets (.xlsx, .ods) and not named .csv")


def open_sheets(path: Path) -> tuple[WorkbookCells, list[str]]:
    """The file's sheets, and the reading library's warnings as text."""
    if not path.is_file():
        raise UnreadableFile(f"{path}: no such file")
    kind = "xlsx"
    try:
        kind = kind_of(path)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            if kind == "ods":
                book = read_ods(path)
            elif kind == "xlsx":
                book = read_workbook(path)
            else:
                book = read_csv(path)
    except TooLarge as error:
        raise UnreadableFile(f"{path.name} is too large to import: {error}") from None
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        KeyError,
        OSError,
        ValueError,
        TypeError,
        SyntaxError,
        EOFError,
    ) as error:
        # openpyxl's own message says "check you can open it with Excel": not ours to say.
        reason = str(error).split(". Supported formats")[0]
        what = {
            "xlsx": "an Excel workbook (.xlsx)",
            "ods": "a LibreOffice sheet (.ods)",
            "csv": "a CSV file",
        }[kind]
        raise UnreadableFile(
            f"{path} is not {what} pcsm can read (it reads .xlsx, .ods and .csv): {reason}"
        ) from None
    notes = sorted({f"while reading: {w.message}" for w in caught})
    return book, notes


def read_csv(path: Path) -> WorkbookCells:
    """A CSV file as one sheet: `,` `;` or tab separated, numbers kept as the text written."""
    raw = path.read_bytes()
    if len(raw) > MAX_UNPACKED_BYTES:
        raise TooLarge(f"it is larger than {MAX_UNPACKED_BYTES // 2**20} MB")
    if b"\x00" in raw[:4096]:
        raise ValueError("it holds binary data, not text")
    text = ""
    for encoding in CSV_ENCODINGS:
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    sheet = SheetCells(path.stem or "csv")
    total = 0
    for row, values in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
        for col, value in enumerate(values, start=1):
            if not value.strip():
                continue
            total += 1
            if total > MAX_CELLS:
                raise TooLarge(f"it has more than {MAX_CELLS:,} filled cells")
            sheet.rows.setdefault(row, {})[col] = _typed(value)
    return WorkbookCells([sheet], None)


def _typed(value: str) -> object:
    """A CSV cell: whole numbers as numbers (a row number, a score), the rest as text.

    Long digit strings (phone numbers, ids with leading zeros) stay text."""
    stripped = value.strip()
    if stripped.isdigit() and len(stripped) <= 6 and not stripped.startswith("0"):
        return int(stripped)
    return value


__all__ = ["UnreadableFile", "kind_of", "open_sheets", "read_csv"]
