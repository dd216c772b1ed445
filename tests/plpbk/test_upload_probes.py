"""Malformed uploads against the attendance import and a photo/evidence upload: each gets a
clear Indonesian message and nothing is saved (no attendance row, no attachment, no import
preview waiting to be confirmed)."""

import io
import struct
import zipfile
import zlib

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kelurahan.models import Berkas, Kehadiran, Lampiran
from tests.lokakarya.factories import png_bytes

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
FIFTY_MB = 50 * 1024 * 1024


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def xlsx(rows, header=("No", "Nama", "L/P")) -> bytes:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Daftar hadir")
    if header:
        ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def replace_sheet(data: bytes, sheet_xml: bytes) -> bytes:
    """The same workbook with its first sheet's XML replaced."""
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = sheet_xml if info.filename == "xl/worksheets/sheet1.xml" else src.read(info)
            dst.writestr(info.filename, body)
    return out.getvalue()


def billion_laughs() -> bytes:
    lol = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE worksheet [' + "".join(lol) + "]>"
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Nama</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>L/P</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>L</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode()


def zip_bomb() -> bytes:
    """A "workbook" whose sheet inflates from a few kB to 100 MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (100 * 1024 * 1024))
    return out.getvalue()


def png_bomb() -> bytes:
    """A valid PNG header that claims 60,000 × 60,000 pixels."""

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", 60000, 60000, 8, 2, 0, 0, 0)
    idat = chunk(b"IDAT", zlib.compress(b"\0" * 1000))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + idat + chunk(b"IEND", b"")


IMPORT_PROBES = {
    "not an xlsx": (lambda: SimpleUploadedFile("daftar.pdf", PDF), "harus berformat Excel .xlsx"),
    "renamed binary": (lambda: SimpleUploadedFile("daftar.xlsx", png_bytes()), "diganti namanya"),
    "zip bomb": (lambda: SimpleUploadedFile("daftar.xlsx", zip_bomb()), "mengembang terlalu besar"),
    "xml entity bomb": (
        lambda: SimpleUploadedFile("daftar.xlsx", replace_sheet(xlsx([("1", "Asep", "L")]), billion_laughs())),
        "tidak dapat dibaca",
    ),
    "50 MB": (lambda: SimpleUploadedFile("daftar.xlsx", b"PK\x03\x04" + b"\0" * FIFTY_MB), "terlalu besar"),
    "wrong headers": (
        lambda: SimpleUploadedFile("daftar.xlsx", xlsx([("Asep", "L")], header=("Name", "Gender"))),
        "Baris judul kolom tidak ditemukan",
    ),
    "20,000 rows": (
        lambda: SimpleUploadedFile("daftar.xlsx", xlsx((i, f"Warga {i}", "L") for i in range(1, 20_001))),
        "Terlalu banyak baris",
    ),
    "empty file": (lambda: SimpleUploadedFile("daftar.xlsx", b""), "kosong"),
}


@pytest.mark.parametrize("probe", IMPORT_PROBES)
def test_attendance_import_refuses(probe, client_for, pertemuan_factory):
    p = pertemuan_factory()
    make, message = IMPORT_PROBES[probe]
    response = client_for("fasilitator").post(reverse("kelurahan:kehadiran_import", args=[p.pk]), {"berkas": make()})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "token" not in response.context or not response.context["token"]
    assert not Kehadiran.objects.exists()


def test_attendance_import_formulas_are_not_taken_as_names(client_for, pertemuan_factory):
    """Formula cells have no value a person typed: the rows are refused with their numbers,
    and nothing is saved."""
    p = pertemuan_factory()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["No", "Nama", "L/P"])
    ws.append([1, '=HYPERLINK("http://contoh.invalid","klik")', "L"])
    ws.append([2, "=1+1", "P"])
    ws.append([3, '=cmd|"/c calc"!A1', "L"])
    buf = io.BytesIO()
    wb.save(buf)
    url = reverse("kelurahan:kehadiran_import", args=[p.pk])
    response = client_for("fasilitator").post(url, {"berkas": SimpleUploadedFile("daftar.xlsx", buf.getvalue())})
    html = response.content.decode()
    assert response.status_code == 200
    assert not response.context.get("token")
    assert "HYPERLINK" not in html and "calc" not in html
    assert "3 baris bermasalah; tidak ada yang disimpan" in html and html.count("Isi nama peserta.") == 3
    assert not Kehadiran.objects.exists()


PHOTO_PROBES = {
    "not an image": (lambda: SimpleUploadedFile("foto.txt", b"catatan rapat"), "Jenis berkas tidak diterima"),
    "renamed binary": (lambda: SimpleUploadedFile("foto.jpg", b"MZ\x90\x00" + b"\0" * 500), "diganti namanya"),
    "zip bomb": (lambda: SimpleUploadedFile("foto.png", zip_bomb()), "diganti namanya"),
    "xml entity bomb": (lambda: SimpleUploadedFile("foto.png", billion_laughs()), "diganti namanya"),
    "image bomb": (lambda: SimpleUploadedFile("foto.png", png_bomb()), "Gambar rusak"),
    "50 MB": (lambda: SimpleUploadedFile("foto.png", png_bytes() + b"\0" * FIFTY_MB), "terlalu besar"),
    "wrong header": (lambda: SimpleUploadedFile("foto.pdf", b"%PDX-1.4 bukan pdf"), "diganti namanya"),
    "empty file": (lambda: SimpleUploadedFile("foto.png", b""), "kosong"),
}


@pytest.mark.parametrize("probe", PHOTO_PROBES)
def test_photo_upload_refuses(probe, client_for, pertemuan_factory, media):
    p = pertemuan_factory()
    make, message = PHOTO_PROBES[probe]
    url = reverse("kelurahan:lampiran_tambah", args=[p.pk])
    response = client_for("fasilitator").post(url, {"jenis": "foto", "berkas": make(), "keterangan": "x"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Lampiran.objects.exists() and not Berkas.objects.exists()
    assert not any(media.rglob("*.*"))


EVIDENCE_PROBES = {
    name: PHOTO_PROBES[name]
    for name in ("not an image", "renamed binary", "zip bomb", "image bomb", "50 MB", "wrong header", "empty file")
}


@pytest.mark.parametrize("probe", EVIDENCE_PROBES)
def test_tipp_step_evidence_upload_refuses(probe, regions, client_for, media):
    from tipp import services
    from tipp.models import BuktiLangkah

    langkah = services.buat_tipp(regions["32.04.05.2004"]).langkah.get(nomor=1)
    make, message = EVIDENCE_PROBES[probe]
    response = client_for("fasilitator").post(
        reverse("tipp:langkah", args=[langkah.pk]), {"aksi": "bukti", "jenis": "berita_acara", "berkas": make()}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not BuktiLangkah.objects.exists() and not Berkas.objects.exists()
    assert not any(media.rglob("*.*"))
