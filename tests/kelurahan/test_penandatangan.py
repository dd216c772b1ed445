"""Signature blocks: the person holding the position on the record's date, blank only where
nobody does; the demo's documents print the names, in Indonesian unless English is asked for."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from blm import demo as blm_demo
from blm.models import PermintaanBLM
from kelurahan import demo as kelurahan_demo
from kelurahan.models import Jabatan, Lembaga, Orang
from kelurahan.penandatangan import (
    FASILITATOR,
    KEPALA_DESA,
    KOORDINATOR_BKM,
    KOSONG,
    PJOK,
    penandatangan,
    penandatangan_semua,
)
from lokakarya import demo as lokakarya_demo
from lokakarya.models import Lokakarya
from tipp import demo as tipp_demo
from tipp.models import Pemilihan

pytestmark = pytest.mark.django_db
D = datetime.date


def _jabatan(jenis, wilayah, judul, nama, mulai, selesai=None):
    lembaga, _ = Lembaga.objects.get_or_create(jenis=jenis, nama=f"{jenis} {wilayah.kode}", wilayah=wilayah)
    orang = Orang.objects.create(nama=nama, jenis_kelamin="L", wilayah=wilayah)
    return Jabatan.objects.create(orang=orang, lembaga=lembaga, jabatan=judul, mulai=mulai, selesai=selesai)


def test_the_holder_on_the_date_signs_and_nobody_leaves_the_line_blank(cinunuk, regions):
    _jabatan("bkm", cinunuk, "Koordinator BKM", "Lama", D(2008, 1, 1), D(2011, 12, 31))
    _jabatan("bkm", cinunuk, "Koordinator BKM", "Baru", D(2012, 1, 1))
    _jabatan("bkm", cinunuk, "Sekretaris BKM", "Sekretaris", D(2012, 1, 1))
    _jabatan("perangkat", cinunuk, "Kepala Desa", "Kades", D(2010, 1, 1))
    _jabatan("pjok", regions["32.04.05"], "PJOK", "Pak PJOK", D(2012, 1, 1))
    assert penandatangan(cinunuk, D(2011, 6, 1), KOORDINATOR_BKM).nama == "Lama"
    assert penandatangan(cinunuk, D(2012, 6, 1), KOORDINATOR_BKM).tampil == "(Baru)"
    ttd = penandatangan_semua(cinunuk, D(2012, 6, 1), [KEPALA_DESA, FASILITATOR, PJOK])
    assert (ttd[KEPALA_DESA].jabatan, ttd[KEPALA_DESA].nama) == ("Kepala Desa", "Kades")
    assert ttd[PJOK].nama == "Pak PJOK"  # the kecamatan's PJOK signs for its desa
    assert (ttd[FASILITATOR].nama, ttd[FASILITATOR].tampil) == ("", KOSONG)
    assert penandatangan(cinunuk, D(2007, 1, 1), KOORDINATOR_BKM).tampil == KOSONG  # before anyone held it


def test_a_kelurahan_is_signed_by_its_lurah(pasawahan):
    _jabatan("perangkat", pasawahan, "Lurah", "Tatang", D(2012, 1, 1))
    s = penandatangan(pasawahan, D(2012, 5, 1), KEPALA_DESA)
    assert (s.jabatan, s.nama) == ("Lurah", "Tatang")


def _pdf(response) -> str:
    assert response.status_code == 200, response.status_code
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


@pytest.fixture
def demo(regions, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    kelurahan_demo.load()
    lokakarya_demo.load()
    tipp_demo.load()
    blm_demo.load()
    c = Client()
    c.force_login(get_user_model().objects.get(username="bkm"))
    return c


def test_demo_documents_name_their_signers(demo, settings):
    pemilihan = Pemilihan.objects.get(pokja__nama="Pokja ND")
    text = _pdf(demo.get(reverse("tipp:berita_acara", args=[pemilihan.pk])))
    for nama in ("(Siti Nurhasanah)", "(H. Endang Sulaeman)", "(Dede Rusmana)"):
        assert nama in text
    tanda_tangan = text.split("Demikian berita acara")[1].split("Notulis")[0]  # the notulis is not a position
    assert "Kepala Desa" in tanda_tangan and KOSONG not in tanda_tangan

    text = _pdf(demo.get(reverse("tipp:rencana_pdf", args=["32.04.05.2004"])))
    assert "(H. Endang Sulaeman)" in text and "(Dede Rusmana)" in text

    p = PermintaanBLM.objects.get(wilayah_id="32.04.05.2004", nomor=1)
    text = _pdf(demo.get(reverse("blm:pdf_surat", args=[p.pk])))
    assert "(Yayat Supriatna)" in text and "(H. Endang Sulaeman)" in text
    text = _pdf(demo.get(reverse("blm:pdf_kwitansi", args=[p.pk])))
    assert "(H. Endang Sulaeman)" in text and "Terbilang" in text

    lokakarya = Lokakarya.objects.filter(pertemuan__wilayah_id="32.04.05.2004").first()
    text = _pdf(demo.get(reverse("lokakarya:berita_acara_pdf", args=[lokakarya.pk])))
    assert "(Siti Nurhasanah)" in text and "(H. Endang Sulaeman)" in text
    assert "berita acaralokakarya" not in text.casefold().replace(" \n", " ")
    assert f"Berita Acara {lokakarya.pertemuan.judul}".casefold() in text.casefold()  # the page footer
    text = _pdf(demo.get(reverse("lokakarya:laporan_pdf", args=[lokakarya.pk])))
    assert "(Siti Nurhasanah)" in text and "(H. Endang Sulaeman)" in text

    demo.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the interface in English, the document not
    text = _pdf(demo.get(reverse("blm:pdf_surat", args=[p.pk])))
    assert "Surat Permintaan Pencairan Dana BLM".casefold() in text.casefold()
    assert "Koordinator BKM" in text and "BKM coordinator" not in text
    text = _pdf(demo.get(reverse("tipp:rencana_pdf", args=["32.04.05.2004"])))
    assert "Agu 2012" in text and "Aug 2012" not in text and "Kepala Desa" in text  # month names, titles too
    english = _pdf(demo.get(reverse("blm:pdf_surat", args=[p.pk]) + "?bahasa=en"))
    assert "Surat Permintaan Pencairan Dana BLM".casefold() not in english.casefold()
    assert "(Yayat Supriatna)" in english


def test_pages_offer_english_print_as_an_explicit_choice(demo):
    p = PermintaanBLM.objects.get(wilayah_id="32.04.05.2004", nomor=1)
    html = demo.get(p.get_absolute_url()).content.decode()
    assert f'href="{reverse("blm:pdf_surat", args=[p.pk])}?bahasa=en"' in html
    html = demo.get(reverse("tipp:detail", args=["32.04.05.2004"])).content.decode()
    assert f'href="{reverse("tipp:susunan_pdf", args=["32.04.05.2004"])}?bahasa=en"' in html
