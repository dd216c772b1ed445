"""Benchmark: how fast an oversized attendance import is refused, against importing 10 rows.

A 380,000-row daftar hadir that still fits the 5 MB upload limit once zipped used to hold a
worker for 14 s before the "too many rows" message. It is built twice: as Excel writes it (the
sheet declares its `<dimension ref="A1:I380002"/>`, refused before any row is read) and with
no dimension at all (as openpyxl writes it, or a file made to lie: refused while streaming, at
the first row past the limit). Each is timed through the import helper the upload page calls,
as a ratio to a clean 10-row import (target: well under a second, ratio of a few).

Run: DEBUG=1 .venv/bin/python bench/import_refusal.py
"""

import io
import time
import zipfile

import openpyxl
from kehadiran_setup import setup

BIG = 380_000


def rows(n: int):
    """A valid daftar hadir; past 10 rows only two short cells a row, so 380,000 rows zip into 5 MB."""
    from kelurahan.imports import COLUMNS

    yield ["DAFTAR HADIR"]
    yield [titles[0] for titles in COLUMNS.values()]  # the titles the template writes
    for i in range(n):
        yield [i + 1, f"Peserta {i:02d}", "LP"[i % 2], "Warga"] if i < 10 else [i + 1, "Asep"]


def build(n: int, dimension: bool) -> bytes:
    """The sheet from the portal's streaming writer, with (or without) the dimension Excel writes,
    packed as tightly as Excel packs it."""
    from plpbk.common.xlsx import write_rows_stream

    src, out = zipfile.ZipFile(io.BytesIO(write_rows_stream(rows(n), "Daftar hadir"))), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for info in src.infolist():
            part = src.read(info.filename)
            if dimension and info.filename == "xl/worksheets/sheet1.xml":
                part = part.replace(b"<sheetData>", f'<dimension ref="A1:I{n + 2}"/><sheetData>'.encode(), 1)
            zf.writestr(info.filename, part)
    return out.getvalue()


def best_of(runs: int, fn) -> float:
    best = None
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return best


def main():
    setup()
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kelurahan.imports import MAX_IMPORT_BYTES, baca_daftar_hadir
    from kelurahan.models import Pertemuan, Wilayah

    w = Wilayah.objects.create(kode="32", nama="Jawa Barat", tingkat=1)
    p = Pertemuan.objects.create(wilayah=w, judul="Impor", jenis="lokakarya", tanggal="2012-05-16")
    small = build(10, dimension=True)

    def import_small():
        result = baca_daftar_hadir(SimpleUploadedFile("daftar.xlsx", small), p)
        assert result.ok and len(result.rows) == 10, result.errors[:3]

    base = best_of(5, import_small)
    print(f"import of 10 rows ({len(small) / 1024:.0f} KiB): {base * 1000:.0f} ms")
    for label, dimension in [("declared dimension", True), ("no dimension (streamed)", False)]:
        data = build(BIG, dimension)
        assert len(data) <= MAX_IMPORT_BYTES, f"{len(data)} bytes: over the upload limit, refused by size alone"

        def refuse(data=data):
            try:
                baca_daftar_hadir(SimpleUploadedFile("daftar.xlsx", data), p)
            except ValidationError as exc:
                assert "Terlalu banyak baris" in str(exc), exc
            else:
                raise AssertionError("an oversized file was accepted")

        elapsed = best_of(3, refuse)
        print(
            f"refusal of {BIG:,} rows ({len(data) / 1048576:.2f} MB), {label}: {elapsed * 1000:.0f} ms "
            f"= {elapsed / base:.1f}x the 10-row import "
            f"(target well under 1 s: {'OK' if elapsed < 1 else 'MISSED'})"
        )
    # for comparison: what opening that file the ordinary way costs before a single row is read
    started = time.perf_counter()
    openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True).close()
    print(f"  (openpyxl.load_workbook(read_only=True) alone on the last file: {time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
