"""Berita acara (through the shared meeting pack), the invitation list and the xlsx of
sosialisasi activities: read back with pypdf and openpyxl."""

import io

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from sosialisasi import services

from . import factories as f

pytestmark = pytest.mark.django_db


def _pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_berita_acara_has_inclusion_figures_and_the_daftar_hadir(client_for, cinunuk):
    rembug = f.rembug(cinunuk, laki=21, perempuan=8, disabilitas=1)
    services.ubah_rembug(rembug, agenda="Sosialisasi SK lokasi PLP-BK", hasil="Lokakarya desa 16 Mei 2012")
    services.tutup_rembug(rembug, alasan="Kader PKK mengundang ulang kaum perempuan.")
    text = _pdf_text(client_for("bkm").get(reverse("sosialisasi:berita_acara", args=[rembug.pk])))
    flat = " ".join(text.split())
    assert "Rembug Warga Sosialisasi PLP-BK" in flat
    assert "27,6%" in flat and "≥ 30%" in flat and "di bawah target" in flat
    assert "Kader PKK mengundang ulang kaum perempuan." in flat
    assert "Sosialisasi SK lokasi PLP-BK" in flat and "Lokakarya desa 16 Mei 2012" in flat
    assert "Daftar Hadir" in flat and "Warga L0" in flat and "Warga P7" in flat  # the daftar hadir pages


def test_berita_acara_meeting_on_target(client_for, cinunuk):
    rembug = f.rembug(cinunuk, laki=20, perempuan=9, disabilitas=1)
    services.tutup_rembug(rembug)
    flat = " ".join(
        _pdf_text(client_for("fasilitator").get(reverse("sosialisasi:berita_acara", args=[rembug.pk]))).split()
    )
    assert "31,0%" in flat and "memenuhi target inklusi" in flat


def test_invitation_list_pdf_lists_only_those_invited(client_for, cinunuk):
    p, pem, _informal = f.pengkondisian(cinunuk)
    from sosialisasi.models import Pemangku

    Pemangku.objects.create(pengkondisian=p, nama="Toko Bangunan Sinar", kategori="dunia_usaha", diundang=False)
    Pemangku.objects.create(pengkondisian=p, nama="Pengurus PKK Cinunuk", kategori="kelompok_perempuan")
    flat = " ".join(_pdf_text(client_for("bkm").get(reverse("sosialisasi:undangan", args=[cinunuk.kode]))).split())
    assert pem.nama in flat and "Pengurus PKK Cinunuk" in flat and "Toko Bangunan Sinar" not in flat


def _sheet(response):
    wb = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    return [list(row) for row in wb.worksheets[0].iter_rows(values_only=True)]


def test_xlsx_of_activities_per_region(client_for, cinunuk, pasawahan, tambakreja):
    below = f.rembug(cinunuk, laki=21, perempuan=8, disabilitas=1, judul="=Rembug RW 02")
    services.tutup_rembug(below, alasan="Diundang ulang melalui kader PKK dan ketua RW.")
    f.rembug(pasawahan, laki=20, perempuan=9, disabilitas=1, judul="Rembug Pasawahan")
    f.rembug(tambakreja, laki=1, perempuan=1, judul="Rembug Tambakreja")
    f.pengkondisian(cinunuk)

    rows = _sheet(client_for("pemda").get(reverse("sosialisasi:xlsx", args=["32.04"])))
    header, data = rows[0], rows[1:]
    assert header[:4] == ["Kode wilayah", "Kelurahan/desa", "Tanggal", "Jenis kegiatan"]
    by_title = {r[4]: dict(zip(header, r, strict=True)) for r in data}
    assert set(by_title) == {"'=Rembug RW 02", "Rembug Pasawahan", "Leaflet"}  # formula escaped; Tambakreja out
    rw02 = by_title["'=Rembug RW 02"]
    assert rw02["Perempuan"] == 8 and rw02["Laki-laki"] == 21 and rw02["% perempuan"] == 27.6
    assert rw02["Inklusi"] == "di bawah target" and rw02["Status"] == "ditutup"
    assert rw02["Alasan di bawah target"].startswith("Diundang ulang")
    assert by_title["Rembug Pasawahan"]["Inklusi"] == "memenuhi target"
    assert by_title["Leaflet"]["Jenis kegiatan"] == "Sosialisasi informal"
    assert by_title["Leaflet"]["Sasaran"] == "tokoh masyarakat"

    only_cinunuk = _sheet(client_for("fasilitator").get(reverse("sosialisasi:xlsx", args=[cinunuk.kode])))
    assert [r[0] for r in only_cinunuk[1:]] == [cinunuk.kode, cinunuk.kode]


def test_xlsx_query_count_does_not_grow(client_for, cinunuk, django_assert_num_queries):
    c = client_for("korkot")
    url = reverse("sosialisasi:xlsx", args=[cinunuk.kode])
    f.rembug(cinunuk, laki=1, perempuan=1)
    c.get(url)
    # savepoint, session, user, akses, region, rembug and informal counts (a large region's export
    # is a background job), targets, rembug rows, informal rows, release
    with django_assert_num_queries(11):
        c.get(url)
    for i in range(5):
        f.rembug(cinunuk, laki=1, perempuan=1, judul=f"Rembug {i}")
    with django_assert_num_queries(11):
        rows = _sheet(c.get(url))
    assert len(rows) == 7
