"""Import of a filled daftar hadir (.xlsx): check the upload, parse with openpyxl
read-only (defusedxml installed), validate every row, report every error with its row
number. Nothing is saved here; the caller saves a clean file through
`kelurahan.services.tambah_kehadiran` (one transaction)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from plpbk.common.xlsx import RowError, read_table

from .forms import BarisKehadiranForm, row_from_cleaned, validate_row
from .models import Pertemuan
from .services import BarisKehadiran, normalise_nama

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 5000

#: field -> accepted column titles (the first is the one the template writes)
COLUMNS: dict[str, tuple[str, ...]] = {
    "no": ("No",),
    "nama": ("Nama", "Nama lengkap", "Nama peserta"),
    "jenis_kelamin": ("L/P", "JK", "Jenis kelamin"),
    "unsur": ("Unsur/Jabatan", "Unsur", "Jabatan", "Unsur/jabatan"),
    "alamat": ("Alamat",),
    "rt": ("RT",),
    "rw": ("RW",),
    "miskin": ("Warga miskin (Ya/Tidak)", "Warga miskin", "Miskin", "MBR"),
    "disabilitas": ("Disabilitas (Ya/Tidak)", "Disabilitas", "Difabel"),
}
REQUIRED = ("nama", "jenis_kelamin")


@dataclass
class HasilImport:
    rows: list[BarisKehadiran] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)

    @property
    def baris_salah(self) -> list[int]:
        return sorted({e.row for e in self.errors})


def _is_blank_row(data: dict) -> bool:
    return all(v is None or str(v).strip() == "" for k, v in data.items() if k != "no")


def baca_daftar_hadir(upload, pertemuan: Pertemuan) -> HasilImport:
    """Parse and validate a filled template. Raises ValidationError for a file that cannot
    be read at all; row problems are collected in `HasilImport.errors`."""
    sheet = read_table(upload, COLUMNS, REQUIRED, max_rows=MAX_IMPORT_ROWS + 500, max_bytes=MAX_IMPORT_BYTES)
    result = HasilImport()
    labels = {name: str(field.label) for name, field in BarisKehadiranForm.base_fields.items()}
    fields = [f for f in COLUMNS if f != "no"]
    seen: dict[tuple, int] = {}
    hadir = {
        (normalise_nama(n), jk): urutan
        for n, jk, urutan in pertemuan.kehadiran.values_list("nama", "jenis_kelamin", "urutan")
    }
    data_rows = [(n, d) for n, d in sheet.rows if not _is_blank_row(d)]
    if len(data_rows) > MAX_IMPORT_ROWS:
        raise ValidationError(_("Terlalu banyak baris: paling banyak %(n)s.") % {"n": MAX_IMPORT_ROWS})
    for rownum, data in data_rows:
        cleaned, errors = validate_row({k: ("" if data.get(k) is None else data.get(k)) for k in fields})
        if errors:
            for name, errs in errors.items():
                for err in errs:
                    result.errors.append(RowError(rownum, str(err), labels.get(name, "")))
            continue
        row = row_from_cleaned(cleaned, rownum)
        key = (normalise_nama(row.nama), row.jenis_kelamin, row.rt, row.rw)
        if key in seen:
            result.errors.append(
                RowError(
                    rownum, _("%(nama)s sudah ada di baris %(n)s.") % {"nama": row.nama, "n": seen[key]}, _("Nama")
                )
            )
            continue
        seen[key] = rownum
        if (key[0], key[1]) in hadir:
            result.errors.append(
                RowError(
                    rownum,
                    _("%(nama)s sudah tercatat hadir di pertemuan ini (no. %(n)s).")
                    % {"nama": row.nama, "n": hadir[key[:2]]},
                    _("Nama"),
                )
            )
            continue
        result.rows.append(row)
    if not data_rows:
        raise ValidationError(_("Tidak ada baris peserta di berkas ini."))
    return result
