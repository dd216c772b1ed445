"""Lokakarya: create/edit flows, scope and roles, list filters and query counts, PDFs, Excel, demo."""

import io

import openpyxl
import pytest
from django.urls import reverse

from kelurahan.models import JenisPertemuan, Pertemuan
from lokakarya.models import TUJUAN_SEED, Lokakarya
from tests.kelurahan.helpers_kehadiran import pdf_text
from tests.lokakarya.factories import form_data, make_lokakarya

pytestmark = pytest.mark.django_db


def test_facilitator_creates_a_kelurahan_workshop_with_speakers(client_for, regions):
    c = client_for("fasilitator")
    r = c.get(reverse("lokakarya:tambah", args=["32.04.05.2004"]))
    assert r.context["form"].initial["tujuan"] == "\n".join(TUJUAN_SEED)
    r = c.post(reverse("lokakarya:tambah", args=["32.04.05.2004"]), form_data())
    lk = Lokakarya.objects.get()
    assert r.status_code == 302 and r["Location"] == lk.get_absolute_url()
    p = lk.pertemuan
    assert (p.jenis, p.wilayah_id, lk.tingkat) == (JenisPertemuan.LOKAKARYA, "32.04.05.2004", 4)
    assert p.dibuat_oleh.username == "fasilitator"
    assert [n.nama for n in lk.narasumber.all()] == ["Dede Rusmana"]
    assert lk.daftar_tujuan() == TUJUAN_SEED


def test_level_follows_the_region(client_for, regions):
    client_for("korkot").post(reverse("lokakarya:tambah", args=["32.04"]), form_data())
    assert Lokakarya.objects.get().tingkat == 2
    assert Lokakarya.objects.get().get_tingkat_display() == "Kota/Kabupaten"


def test_bad_input_reshows_the_form_and_loses_nothing(client_for, regions):
    data = form_data(mulai="12:00", selesai="09:00", tempat="")
    r = client_for("fasilitator").post(reverse("lokakarya:tambah", args=["32.04.05.2004"]), data)
    assert r.status_code == 200
    assert "Jam selesai harus sesudah jam mulai." in r.content.decode()
    assert r.context["form"].data["judul"] == data["judul"]
    assert r.context["formset"].forms[0]["nama"].value() == "Dede Rusmana"
    assert not Lokakarya.objects.exists() and not Pertemuan.objects.exists()


def test_edit_replaces_speakers_and_keeps_the_meeting(client_for, regions):
    lk = make_lokakarya(regions["32.04.05.2004"], peserta=2)
    data = form_data(judul="Lokakarya diubah", **{"narasumber-0-nama": "Budi Santoso", "narasumber-1-nama": "Rina"})
    data["versi"] = lk.versi
    r = client_for("pjok").post(reverse("lokakarya:ubah", args=[lk.pk]), data)
    assert r.status_code == 302
    lk.refresh_from_db()
    assert lk.pertemuan.judul == "Lokakarya diubah"
    assert [n.nama for n in lk.narasumber.all()] == ["Budi Santoso", "Rina"]
    assert lk.pertemuan.jumlah_hadir == 2  # counters untouched by the edit


def test_out_of_scope_facilitator_gets_404(client_for, regions):
    lk = make_lokakarya(regions["32.04.05.2004"])
    c = client_for("fasilitator2")
    assert c.get(lk.get_absolute_url()).status_code == 404
    assert c.post(reverse("lokakarya:ubah", args=[lk.pk]), form_data(judul="dibajak")).status_code == 404
    assert c.get(reverse("lokakarya:laporan_pdf", args=[lk.pk])).status_code == 404
    assert client_for("fasilitator").get(reverse("lokakarya:tambah", args=["32.04"])).status_code == 404
    lk.refresh_from_db()
    assert lk.pertemuan.judul != "dibajak"


def test_bkm_can_print_but_not_edit(client_for, regions):
    lk = make_lokakarya(regions["32.04.05.2004"], peserta=4)
    c = client_for("bkm")
    r = c.get(lk.get_absolute_url())
    assert r.status_code == 200 and r.context["boleh_ubah"] is False and r.context["boleh_cetak"] is True
    assert b'data-testid="ubah"' not in r.content
    assert c.get(reverse("lokakarya:ubah", args=[lk.pk])).status_code == 403
    assert c.post(reverse("lokakarya:tambah", args=["32.04.05.2004"]), form_data()).status_code == 403
    entry = reverse("kelurahan:kehadiran", args=[lk.pertemuan_id])
    data = {"baris-TOTAL_FORMS": "1", "baris-INITIAL_FORMS": "0", "baris-0-nama": "X Y", "baris-0-jenis_kelamin": "L"}
    assert c.post(entry, data).status_code == 403
    r = c.get(reverse("lokakarya:laporan_pdf", args=[lk.pk]))
    assert r.status_code == 200 and "Peserta 003" in pdf_text(r.content)
    assert Lokakarya.objects.count() == 1 and lk.pertemuan.kehadiran.count() == 4


def test_list_search_and_filters(client_for, regions):
    make_lokakarya(regions["32.04.05.2004"], judul="Lokakarya PLP-BK tingkat Desa")
    make_lokakarya(regions["32.04"], judul="Lokakarya Kabupaten Bandung", penyelenggara="TKPP")
    make_lokakarya(regions["32.04.12.1001"], judul="Lokakarya Kelurahan Pasawahan")
    make_lokakarya(regions["33.01.01.2001"], judul="Lokakarya Tambakreja")
    c = client_for("korkot")

    def titles(query=""):
        return [lk.pertemuan.judul for lk in c.get(reverse("lokakarya:list") + query).context["page"]]

    assert len(titles()) == 3  # Tambakreja is outside Kabupaten Bandung
    assert titles("?q=tkpp") == ["Lokakarya Kabupaten Bandung"]
    assert sorted(titles("?tingkat=4")) == ["Lokakarya Kelurahan Pasawahan", "Lokakarya PLP-BK tingkat Desa"]
    assert titles("?wilayah=32.04.05") == ["Lokakarya PLP-BK tingkat Desa"]
    assert titles("?tahun=2013") == []
    assert len(titles("?tahun=2012")) == 3
    assert client_for("fasilitator").get(reverse("lokakarya:list")).context["page"].paginator.count == 1


def test_list_is_paginated(client_for, regions):
    for i in range(27):
        make_lokakarya(regions["32.04.05.2004"], judul=f"Lokakarya {i:02d}")
    c = client_for("fasilitator")
    assert len(c.get(reverse("lokakarya:list")).context["page"]) == 25
    assert len(c.get(reverse("lokakarya:list") + "?hal=2").context["page"]) == 2


def test_list_query_count_is_pinned_and_constant(client_for, regions, django_assert_num_queries):
    c = client_for("korkot")
    make_lokakarya(regions["32.04.05.2004"])
    c.get(reverse("lokakarya:list"))
    with django_assert_num_queries(8):  # the region filter lists no regions
        c.get(reverse("lokakarya:list"))
    for i in range(10):
        make_lokakarya(regions["32.04.12.1001"], judul=f"Lain {i}")
    with django_assert_num_queries(8):
        c.get(reverse("lokakarya:list") + "?tingkat=4")


def test_detail_query_count_is_pinned_and_constant(client_for, regions, django_assert_num_queries, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    lk = make_lokakarya(regions["32.04.05.2004"], peserta=5)
    c = client_for("fasilitator")
    c.get(lk.get_absolute_url())
    with django_assert_num_queries(9):
        c.get(lk.get_absolute_url())
    make_lokakarya(regions["32.04.05.2004"], judul="lain", peserta=20)
    from django.core.files.base import ContentFile

    from kelurahan.services import tambah_lampiran
    from tests.lokakarya.factories import png_bytes

    for _ in range(3):
        tambah_lampiran(lk.pertemuan, None, ContentFile(png_bytes(), name="f.png"), "foto")
    with django_assert_num_queries(9):
        r = c.get(lk.get_absolute_url())
    assert r.content.decode().count('class="img-fluid') == 3


def test_laporan_pdf_of_the_seed_workshop(client_for, regions):
    from kelurahan.services import BarisKehadiran, tambah_kehadiran

    lk = make_lokakarya(regions["32.04.05.2004"])
    rows = [BarisKehadiran(nama=f"Bapak {i:02d}", jenis_kelamin="L", unsur="Warga") for i in range(14)]
    rows += [
        BarisKehadiran(nama=f"Ibu {i:02d}", jenis_kelamin="P", unsur="Kader PKK", disabilitas=i == 0) for i in range(15)
    ]
    tambah_kehadiran(lk.pertemuan, rows)
    text = pdf_text(client_for("bkm").get(reverse("lokakarya:laporan_pdf", args=[lk.pk])).content)
    flat = " ".join(text.split())
    assert "LAPORAN LOKAKARYA ORIENTASI" in flat and "Desa Cinunuk" in flat and "16 Mei 2012" in flat
    assert "Terbangunnya kesadaran tentang pentingnya bersinergi" in flat
    assert "Yayat Supriatna" in flat and "Peran PJOK" in flat and "Mendukung PLP-BK" in flat
    assert "14 laki-laki dan 15 perempuan" in flat and "52%" in flat
    assert "Bapak 13" in flat and "Ibu 14" in flat and "Kader PKK" in flat
    assert "Halaman 1 dari" in flat


def test_berita_acara_and_pack(client_for, regions):
    lk = make_lokakarya(regions["32.04.05.2004"], peserta=3)
    c = client_for("bkm")
    text = " ".join(pdf_text(c.get(reverse("lokakarya:berita_acara_pdf", args=[lk.pk])).content).split())
    assert "BERITA ACARA" in text and "Rabu, tanggal enam belas bulan Mei tahun dua ribu dua belas" in text
    assert "Kelurahan/Desa" in text
    pack = " ".join(pdf_text(c.get(reverse("lokakarya:paket_pdf", args=[lk.pk])).content).split())
    assert "BERITA ACARA" in pack and "NOTULEN" in pack and "Pembahasan SK lokasi" in pack and "Peserta 002" in pack


def test_list_excel_export(client_for, regions):
    lk = make_lokakarya(regions["32.04.05.2004"], peserta=4)
    make_lokakarya(regions["33.01.01.2001"], judul="=Tambakreja")
    r = client_for("admin").get(reverse("lokakarya:list_xlsx"))
    rows = list(openpyxl.load_workbook(io.BytesIO(r.content)).active.values)
    assert rows[0][:3] == ("Tanggal", "Judul", "Tingkat")
    by_title = {row[1]: row for row in rows[1:]}
    assert by_title[lk.pertemuan.judul][8:11] == (2, 2, 50)
    assert "'=Tambakreja" in by_title
    r = client_for("fasilitator").get(reverse("lokakarya:list_xlsx") + "?tingkat=4")
    assert len(list(openpyxl.load_workbook(io.BytesIO(r.content)).active.values)) == 2


def test_region_page_shows_the_section_and_actions(client_for, regions):
    make_lokakarya(regions["32.04.05.2004"])
    body = client_for("fasilitator").get(reverse("kelurahan:wilayah", args=["32.04.05.2004"])).content.decode()
    assert 'data-testid="region-section-lokakarya"' in body and 'data-testid="region-lokakarya-tambah"' in body
    body = client_for("bkm").get(reverse("kelurahan:wilayah", args=["32.04.05.2004"])).content.decode()
    assert 'data-testid="region-section-lokakarya"' in body and "region-lokakarya-tambah" not in body
