"""Spreadsheets: row exports with openpyxl's write-only mode, and safe imports.

Exports take an iterable of rows (header first) and escape any text that a spreadsheet
would run as a formula. Imports check the upload's size, type and content before
openpyxl (read-only, with defusedxml installed) parses it, then validate every row with a
Django form and report each error with its row number; callers save only a clean file.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import openpyxl
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100


def escape_cell(value):
    """Text that starts like a formula is kept as text (prefixed with a quote)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_xlsx(rows: Iterable[Sequence], sheet_title: str = "Data", out=None):
    """Write rows (the first is the header, in bold) to `out` or return the bytes."""
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet(title=sheet_title[:31])
    bold = Font(bold=True)
    first = True
    for row in rows:
        if first:
            cells = []
            for value in row:
                cell = WriteOnlyCell(ws, value=escape_cell(value))
                cell.font = bold
                cells.append(cell)
            ws.append(cells)
            first = False
        else:
            ws.append([escape_cell(v) for v in row])
    target = out if out is not None else io.BytesIO()
    wb.save(target)
    return None if out is not None else target.getvalue()


def xlsx_response(rows: Iterable[Sequence], filename: str, sheet_title: str = "Data") -> HttpResponse:
    response = HttpResponse(content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write_xlsx(rows, sheet_title, out=response)
    return response


def check_upload(upload, max_bytes: int) -> None:
    """Refuse what is not a reasonable .xlsx before any parser sees it."""
    name = getattr(upload, "name", "") or ""
    if upload.size == 0:
        raise ValidationError(_("Berkas kosong."))
    if upload.size > max_bytes:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s MB); paling besar %(max)s MB.")
            % {"size": round(upload.size / 1048576, 1), "max": round(max_bytes / 1048576, 1)}
        )
    if not name.lower().endswith(".xlsx"):
        raise ValidationError(_("Berkas harus berformat Excel .xlsx."))
    upload.seek(0)
    head = upload.read(4)
    upload.seek(0)
    if head != b"PK\x03\x04":
        raise ValidationError(_("Isi berkas bukan Excel .xlsx (mungkin berkas lain yang diganti namanya)."))
    try:
        with zipfile.ZipFile(upload) as zf:
            names = set(zf.namelist())
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise ValidationError(_("Isi berkas bukan buku kerja Excel .xlsx."))
            total = sum(info.file_size for info in zf.infolist())
            packed = sum(info.compress_size for info in zf.infolist()) or 1
            if total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO:
                raise ValidationError(_("Berkas Excel ini mengembang terlalu besar saat dibuka; ditolak."))
    except zipfile.BadZipFile:
        raise ValidationError(_("Berkas Excel rusak atau tidak lengkap.")) from None
    finally:
        upload.seek(0)


@dataclass
class RowError:
    row: int
    message: str
    column: str = ""


@dataclass
class ParsedSheet:
    headers: list[str]
    rows: list[tuple[int, dict]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _norm(value) -> str:
    return " ".join(str(value or "").split()).casefold()


def read_table(
    upload,
    columns: dict[str, Sequence[str]],
    required: Sequence[str],
    max_rows: int,
    max_bytes: int,
    header_search_rows: int = 10,
) -> ParsedSheet:
    """Read the first sheet: find the header row (within the first rows), map its titles
    to fields by `columns` ({field: accepted titles}), return rows as dicts with their
    spreadsheet row number. Blank rows are skipped."""
    check_upload(upload, max_bytes)
    try:
        wb = openpyxl.load_workbook(upload, read_only=True, data_only=True)
    except Exception:
        raise ValidationError(_("Berkas Excel tidak dapat dibaca.")) from None
    try:
        ws = wb.worksheets[0]
        lookup = {_norm(title): name for name, titles in columns.items() for title in [name, *titles]}
        it: Iterator = ws.iter_rows(values_only=True)
        index: dict[int, str] = {}
        header_row = 0
        headers: list[str] = []
        for rownum, values in enumerate(it, start=1):
            if rownum > header_search_rows:
                break
            found = {i: lookup[_norm(v)] for i, v in enumerate(values or ()) if _norm(v) in lookup}
            if set(required) <= set(found.values()):
                index, header_row, headers = found, rownum, [str(v or "") for v in values]
                break
        if not header_row:
            wanted = ", ".join(columns[name][0] if columns[name] else name for name in required)
            raise ValidationError(_("Baris judul kolom tidak ditemukan; kolom wajib: %(cols)s.") % {"cols": wanted})
        sheet = ParsedSheet(headers=headers)
        for rownum, values in enumerate(it, start=header_row + 1):
            if not values or all(v is None or str(v).strip() == "" for v in values):
                continue
            if len(sheet.rows) >= max_rows:
                raise ValidationError(_("Terlalu banyak baris: paling banyak %(n)s.") % {"n": max_rows})
            sheet.rows.append((rownum, {name: values[i] if i < len(values) else None for i, name in index.items()}))
        return sheet
    finally:
        wb.close()


def validate_rows(sheet: ParsedSheet, form_class, form_kwargs: dict | None = None) -> list[tuple[int, dict]]:
    """Validate each row with a Django form; errors go to `sheet.errors`, clean rows are returned."""
    cleaned = []
    for rownum, data in sheet.rows:
        form = form_class(data={k: ("" if v is None else v) for k, v in data.items()}, **(form_kwargs or {}))
        if form.is_valid():
            cleaned.append((rownum, form.cleaned_data))
        else:
            for name, errs in form.errors.items():
                label = (form.fields[name].label or name) if name in form.fields else ""
                for err in errs:
                    sheet.errors.append(RowError(rownum, str(err), str(label)))
    return cleaned
