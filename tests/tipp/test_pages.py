"""Page flows as a facilitator does them, and the query cost of the list and detail pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kelurahan.services import BarisKehadiran, tambah_kehadiran
from tests.tipp.helpers import bentuk_pokja, tipp_terbentuk
from tipp import election, services
from tipp.models import TIPP, Kegiatan, LangkahTIPP

from .conftest import selesaikan_semua

pytestmark = pytest.mark.django_db
D = datetime.date


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200, url
    return len(ctx), r.content.decode()


def test_facilitator_walks_the_five_steps(client_for, cinunuk):
    c = client_for("fasilitator")
    assert c.post("/tipp/wilayah/32.04.05.2004/mulai/").status_code == 302
    tipp = TIPP.objects.get(wilayah=cinunuk)
    for n in range(1, 6):
        s = tipp.langkah.get(nomor=n)
        r = c.post(
            f"/tipp/langkah/{s.pk}/",
            {"tanggal": f"2012-06-0{n}", "tempat": "Aula", "hasil": "Syarat disepakati", "versi": s.versi},
        )
        assert r.status_code == 302
        if n == 5:  # the seed's order: step 5 closes on a Pokja formed by FGD and election
            page = c.post(f"/tipp/langkah/{s.pk}/selesai/", follow=True).content.decode()
            assert "Langkah 5 belum dapat diselesaikan: belum ada Pokja" in page
            page = c.post(
                "/tipp/wilayah/32.04.05.2004/kukuhkan/",
                {"tanggal": "2012-06-10", "oleh_bkm": "Endang", "oleh_lurah": "Dede"},
            ).content.decode()
            assert "TIPP belum dapat dikukuhkan: langkah 5 belum selesai." in page
            assert not TIPP.objects.get(pk=tipp.pk).dikukuhkan
            bentuk_pokja(tipp, datetime.date(2012, 6, 5))
        c.post(f"/tipp/langkah/{s.pk}/selesai/")
    assert LangkahTIPP.objects.filter(tipp=tipp, selesai__isnull=False).count() == 5
    r = c.post(
        "/tipp/wilayah/32.04.05.2004/anggota/tambah/",
        {"nama": "Yudi", "jenis_kelamin": "L", "asal": "pemda", "peran": "Anggota", "mulai": "2012-06-10"},
    )
    assert r.status_code == 302
    r = c.post(
        "/tipp/wilayah/32.04.05.2004/kukuhkan/", {"tanggal": "2012-06-01", "oleh_bkm": "Endang", "oleh_lurah": "Dede"}
    )
    assert r.status_code == 200 and "tidak boleh sebelum langkah terakhir" in r.content.decode()
    r = c.post(
        "/tipp/wilayah/32.04.05.2004/kukuhkan/",
        {"tanggal": "2012-06-10", "oleh_bkm": "Endang", "oleh_lurah": "Dede", "nomor_sk": "01/SK"},
    )
    assert r.status_code == 302
    assert services.tipp_terbentuk(cinunuk)
    html = c.get("/tipp/wilayah/32.04.05.2004/").content.decode()
    assert "Dikukuhkan 10 Juni 2012 oleh Endang (BKM) dan Dede (Lurah/Kepala Desa)" in html


def _tipp_with(tipp, members, pokja):
    selesaikan_semua(tipp, sampai=4)
    for i in range(members):
        services.simpan_anggota(
            tipp,
            nama=f"Anggota {tipp.pk}-{i}",
            jenis_kelamin="LP"[i % 2],
            asal="relawan",
            peran="Anggota",
            mulai=D(2012, 7, 1),
        )
    for i in range(pokja):
        p = election.buat_pokja(tipp, nama=f"Pokja {i}")
        election.simpan_fgd(p, kbk="KBK 1", kriteria="Warga", tanggal=D(2012, 7, 1))
        election.simpan_fgd(p, kbk="KBK 2", kriteria="Warga", tanggal=D(2012, 7, 2))
        e = election.simpan_pemilihan(
            p, tanggal=D(2012, 7, 3), tempat="", kriteria="Warga", kursi=3, kursi_perempuan_min=None
        )
        tambah_kehadiran(e.pertemuan, [BarisKehadiran(nama=f"W{j}", jenis_kelamin="L") for j in range(3)])


def test_detail_page_queries_are_constant(client_for, tipp_cinunuk, django_assert_num_queries):
    c = client_for("pemda")
    url = "/tipp/wilayah/32.04.05.2004/"
    _tipp_with(tipp_cinunuk, members=2, pokja=1)
    few, _ = _queries(c, url)
    _tipp_with_more = [(f"Tambahan {i}", "LP"[i % 2]) for i in range(10)]
    for nama, jk in _tipp_with_more:
        services.simpan_anggota(
            tipp_cinunuk, nama=nama, jenis_kelamin=jk, asal="bkm", peran="Anggota", mulai=D(2012, 7, 1)
        )
    for i in range(3):
        p = election.buat_pokja(tipp_cinunuk, nama=f"Pokja lain {i}")
        election.simpan_fgd(p, kbk="KBK", kriteria="Warga", tanggal=D(2012, 7, 1))
    many, html = _queries(c, url)
    assert few == many
    with django_assert_num_queries(many):
        c.get(url)
    assert many <= 14
    assert "Tambahan 9" in html and "Pokja lain 2" in html


def test_index_queries_are_constant(client_for, regions, django_assert_num_queries):
    c = client_for("admin")
    services.buat_tipp(regions["32.04.05.2004"])
    few, _ = _queries(c, "/tipp/")
    for kode in ("32.04.12.1001", "33.01.01.2001"):
        selesaikan_semua(services.buat_tipp(regions[kode]))
        services.rencana_untuk(regions[kode])
    many, html = _queries(c, "/tipp/")
    assert few == many
    with django_assert_num_queries(many):
        c.get("/tipp/")
    assert "5 / 5" in html and "0 / 5" in html
    for kode in ("32.04.12.1001", "33.01.01.2001"):  # approved plans with progress add no queries
        rencana = services.rencana_untuk(regions[kode])
        k = services.simpan_kegiatan(
            Kegiatan(
                rencana=rencana,
                tahap="lain",
                nama="A",
                mulai=D(2012, 7, 1),
                durasi=10,
                satuan="kali",
                penanggung_jawab="BKM",
            )
        )
        tipp_terbentuk(regions[kode])
        services.setujui_rencana(rencana, pada=D(2012, 6, 30))
        services.laporkan_progres(k, tanggal=D(2012, 7, 5), persen=20)
    with_plans, html = _queries(c, "/tipp/")
    assert with_plans == many + 2
    assert "50% / 20%" in html and "1 terlambat" in html
    import io

    import openpyxl

    r = c.get("/tipp/?unduh=xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(r.content), read_only=True).worksheets[0].iter_rows(values_only=True))
    by_kode = {row[0]: row for row in rows[1:]}
    assert by_kode["32.04.12.1001"][6:] == (50, 20, 1) and not any(by_kode["32.04.05.2004"][6:])  # no approved plan
    # scope: the second kelurahan's facilitator sees only its own
    _, html = _queries(client_for("fasilitator2"), "/tipp/")
    assert "Pasawahan" in html and "Cinunuk" not in html and "Tambakreja" not in html


def test_index_xlsx_follows_the_filter(client_for, regions):
    import io

    import openpyxl

    selesaikan_semua(services.buat_tipp(regions["32.04.05.2004"]))
    r = client_for("korkot").get("/tipp/?q=cinu&unduh=xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(r.content), read_only=True).worksheets[0].iter_rows(values_only=True))
    assert rows[1][:3] == ("32.04.05.2004", "Desa Cinunuk", 5) and len(rows) == 2


def test_pokja_page_queries_are_constant(client_for, tipp_cinunuk, django_assert_num_queries):
    _tipp_with(tipp_cinunuk, members=0, pokja=1)
    pokja = tipp_cinunuk.pokja.get()
    e = pokja.pemilihan
    c = client_for("fasilitator")
    url = f"/tipp/pokja/{pokja.pk}/"
    election.tambah_kandidat(e, nama="K0", jenis_kelamin="L", memenuhi_kriteria=True)
    few, _ = _queries(c, url)
    for i in range(1, 8):
        election.tambah_kandidat(e, nama=f"K{i}", jenis_kelamin="LP"[i % 2], memenuhi_kriteria=bool(i % 3))
    election.simpan_fgd(pokja, kbk="KBK 3", kriteria="Jujur", tanggal=D(2012, 7, 2))
    many, html = _queries(c, url)
    assert few == many
    with django_assert_num_queries(many):
        c.get(url)
    assert "K7" in html and "KBK 3" in html


def test_region_page_shows_the_tipp_summary(client_for, tipp_cinunuk):
    selesaikan_semua(tipp_cinunuk)
    html = client_for("bkm").get("/wilayah/32.04.05.2004/").content.decode()
    assert "Langkah pembentukan selesai: 5 dari 5." in html and "Rencana kerja belum disusun." in html


def test_progress_form_updates_the_plan(client_for, rencana, kegiatan_factory):
    k = kegiatan_factory(mulai=D(2012, 7, 2), durasi=14)
    services.setujui_rencana(rencana, pada=D(2012, 6, 30))
    c = client_for("fasilitator")
    r = c.post(f"/tipp/kegiatan/{k.pk}/progres/", {"tanggal": "2012-07-10", "persen": 150})
    assert r.status_code == 200
    r = c.post(f"/tipp/kegiatan/{k.pk}/progres/", {"tanggal": "2012-07-10", "persen": 30, "catatan": "RW 1-3"})
    assert r.status_code == 302
    k.refresh_from_db()
    assert k.progres == 30 and k.mulai_aktual == D(2012, 7, 10)
    html = client_for("pemda").get("/tipp/wilayah/32.04.05.2004/rencana/").content.decode()
    assert "Per 10 Juli 2012" in html and "realisasi <strong" in html
