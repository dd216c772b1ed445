"""A name typed as markup is shown as text on every page and in every PDF that prints it."""

import datetime

import pytest
from django.urls import reverse

from tests.kelurahan.helpers_kehadiran import pdf_text
from tests.sosialisasi.factories import hadir, rembug
from tipp import services as tipp_services

pytestmark = pytest.mark.django_db

CINUNUK = "32.04.05.2004"
NAMA = "<script>alert('x')</script>"
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"


def _html_ok(response):
    html = response.content.decode()
    assert response.status_code == 200
    assert ESCAPED in html, "the name is missing"
    assert "<script>alert(" not in html


def test_attendance_and_rembug_pages_and_pdfs(regions, client_for):
    r = hadir(rembug(regions[CINUNUK], judul=f"Rembug {NAMA}"), laki=1, prefix=NAMA)
    p = r.pertemuan
    c = client_for("fasilitator")
    _html_ok(c.get(reverse("kelurahan:kehadiran", args=[p.pk])))
    _html_ok(c.get(reverse("sosialisasi:rembug", args=[r.pk])))
    for url in (reverse("kelurahan:daftar_hadir_pdf", args=[p.pk]), reverse("sosialisasi:berita_acara", args=[r.pk])):
        response = c.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert "<script>alert('x')</script>" in pdf_text(response.content), url


def test_tipp_member_page_and_composition_pdf(regions, client_for):
    tipp = tipp_services.buat_tipp(regions[CINUNUK])
    tipp_services.simpan_anggota(
        tipp, nama=NAMA, jenis_kelamin="P", asal="bkm", peran="Ketua", mulai=datetime.date(2012, 6, 1)
    )
    c = client_for("korkot")
    _html_ok(c.get(reverse("tipp:detail", args=[CINUNUK])))
    response = c.get(reverse("tipp:susunan_pdf", args=[CINUNUK]))
    assert response.status_code == 200
    assert "<script>alert('x')</script>" in pdf_text(response.content)


def test_lokakarya_page_and_report_pdf(regions, client_for):
    from tests.lokakarya.factories import make_lokakarya

    lk = make_lokakarya(regions[CINUNUK], judul=f"Lokakarya {NAMA}", peserta=2)
    c = client_for("bkm")
    _html_ok(c.get(lk.get_absolute_url()))
    response = c.get(reverse("lokakarya:laporan_pdf", args=[lk.pk]))
    assert response.status_code == 200
    assert "<script>alert('x')</script>" in pdf_text(response.content)


def test_blm_request_page_and_pdf(regions, users, client_for):
    from tests.blm.factories import permintaan

    p = permintaan(regions[CINUNUK], users["bkm"])
    p.catatan = f"Catatan {NAMA}"
    p.save()
    p.alokasi.bank_atas_nama = f"BKM {NAMA}"
    p.alokasi.save()
    c = client_for("fasilitator")
    _html_ok(c.get(reverse("blm:permintaan", args=[p.pk])))
    text = pdf_text(c.get(reverse("blm:pdf_surat", args=[p.pk])).content)
    assert "<script>alert('x')</script>" in text
