"""Print documents (text read back with pypdf), xlsx exports (read with openpyxl), the
dashboard aggregates, and the usage deadline given to the TIPP app."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from blm import services
from blm.models import AlokasiBLM, PermintaanBLM
from blm.pdf import terbilang

from . import factories
from .conftest import make_alokasi

BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November"]
BULAN.append("Desember")


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages)


def test_terbilang():
    assert terbilang(1_000_000_000) == "satu miliar rupiah"
    assert terbilang(1_500_000_000) == "satu miliar lima ratus juta rupiah"
    assert terbilang(300_000_001) == "tiga ratus juta satu rupiah"


@pytest.mark.django_db
def test_request_letter_has_amount_in_words(konfigurasi, cinunuk, flow, client_for):
    alokasi = make_alokasi(cinunuk, apbn=5_000_000_000, apbd_kabkota=0)  # 20% = Rp 1.000.000.000
    p = flow.ajukan(alokasi)
    text = pdf_text(client_for("bkm").get(reverse("blm:pdf_surat", args=[p.pk])))
    assert "Rp 1.000.000.000" in text
    assert "Satu miliar rupiah" in text
    assert "Desa Cinunuk" in text and "Bank BJB" in text


@pytest.mark.django_db
def test_verification_sheet_lists_every_signer_with_date(alokasi, flow, client_for):
    p = flow.terverifikasi(alokasi)
    text = pdf_text(client_for("satker").get(reverse("blm:pdf_verifikasi", args=[p.pk])))
    today = timezone.localdate()
    tanggal = f"{today.day} {BULAN[today.month - 1]} {today.year}"
    for label in ("Diserahkan oleh", "Diketahui oleh", "Diverifikasi oleh"):
        assert label in text
    for name in ("Bkm", "Fasilitator", "Pjok", "Korkot", "Ppk", "Satker"):
        assert name in text
    assert text.count(tanggal) >= 11  # six trail rows and five signature rows
    assert "tiga ratus juta rupiah" in text


@pytest.mark.django_db
def test_kwitansi_only_after_payment(alokasi, flow, client_for, users):
    p = flow.terverifikasi(alokasi)
    assert client_for("bkm").get(reverse("blm:pdf_kwitansi", args=[p.pk])).status_code == 404
    services.bayar(p, users["ppk"], datetime.date(2012, 10, 1), 300_000_000, "SP2D 77")
    text = pdf_text(client_for("bkm").get(reverse("blm:pdf_kwitansi", args=[p.pk])))
    assert "Tiga ratus juta rupiah" in text and "SP2D 77" in text and "1 Oktober 2012" in text


@pytest.mark.django_db
def test_status_pdf_says_what_is_missing(alokasi, flow, client_for):
    flow.dibayar(alokasi)
    text = pdf_text(client_for("pemda").get(reverse("blm:pdf_status", args=[alokasi.wilayah_id])))
    assert "Rp 1.500.000.000" in text and "Dibayar" in text
    assert "LPJ Tahap 1 belum diterima Korkot/Askot." in text


@pytest.mark.django_db
def test_xlsx_exports_are_scoped(alokasi, alokasi_out, flow, client_for, users):
    flow.dibayar(alokasi)
    factories.dibayar(alokasi_out.wilayah, users["bkm"], users["ppk"], belanja=False)
    for jenis, expected in (
        (
            "alokasi",
            ["32.04.05.2004", "Desa Cinunuk", 2012, 1_000_000_000, 0, 500_000_000, 0, 1_500_000_000, 300_000_000],
        ),
        ("permintaan", ["32.04.05.2004", "Desa Cinunuk", 2012, 1, 300_000_000, "Dibayar"]),
        ("pembayaran", ["32.04.05.2004", "Desa Cinunuk", 2012, 1, datetime.datetime(2012, 10, 1), 300_000_000]),
    ):
        for who, kode in (("satker", "32"), ("admin", "32")):
            r = client_for(who).get(reverse("blm:unduh", args=[kode, jenis]))
            rows = list(
                openpyxl.load_workbook(io.BytesIO(r.content), read_only=True).worksheets[0].iter_rows(values_only=True)
            )
            assert len(rows) == 2, (jenis, who, rows)
            assert list(rows[1][: len(expected)]) == expected
    r = client_for("admin").get(reverse("blm:unduh", args=["33", "pembayaran"]))
    rows = list(openpyxl.load_workbook(io.BytesIO(r.content), read_only=True).worksheets[0].iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == ["33.01.01.2001"]


@pytest.mark.django_db
def test_dashboard_summary(alokasi, flow, users, pasawahan, django_assert_num_queries):
    flow.dibayar(alokasi)
    make_alokasi(pasawahan, apbd_kabkota=0)
    waiting = factories.permintaan(pasawahan, users["bkm2"])
    PermintaanBLM.objects.filter(pk=waiting.pk).update(
        langkah="korkot", langkah_sejak=timezone.now() - datetime.timedelta(days=9)
    )
    korkot = users["korkot"]
    with django_assert_num_queries(3):
        alok = AlokasiBLM.objects.for_user(korkot).summary()
        req = PermintaanBLM.objects.for_user(korkot).in_region("32.04").summary()
    assert alok == {
        "kelurahan": 2,
        "alokasi": 2_500_000_000,
        "terbayar": 300_000_000,
        "sisa": 2_200_000_000,
        "penyerapan": 12.0,
    }
    assert (req["permintaan"], req["diminta"], req["dibayar"], req["menunggu_bayar"]) == (
        2,
        600_000_000,
        300_000_000,
        0,
    )
    assert [(t["langkah"], t["n"], t["lama_hari"]) for t in req["tertahan"]] == [("korkot", 1, 9)]
    assert PermintaanBLM.objects.for_user(users["bkm"]).summary()["tertahan"] == []
    by_child = AlokasiBLM.objects.summary_by_child(alokasi.wilayah.induk.induk)
    assert by_child["32.04.05"]["penyerapan"] == 20.0 and by_child["32.04.12"]["terbayar"] == 0


@pytest.mark.django_db
def test_usage_deadline_is_read_by_the_tipp_app(alokasi):
    from tipp import services as tipp_services

    assert tipp_services.batas_waktu_pemanfaatan(alokasi.wilayah) == datetime.date(2099, 12, 31)
    assert tipp_services.batas_waktu_pemanfaatan("32.04.12.1001") is None
