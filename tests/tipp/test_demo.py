"""The demo tells the seed's story and can run twice."""

import datetime

import pytest

from kelurahan import demo as kelurahan_demo
from tipp import demo, services
from tipp.election import hitung_hasil
from tipp.jadwal import kurva_s, tanggal_status
from tipp.models import TIPP, Kegiatan, Pertemuan, ProgresKegiatan

pytestmark = pytest.mark.django_db


def test_demo_loads_cinunuk_tipp_pokja_and_plan(regions, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    kelurahan_demo.load()
    demo.load()
    demo.load()  # idempotent
    tipp = TIPP.objects.get(wilayah_id="32.04.05.2004")
    assert services.tipp_terbentuk(tipp.wilayah)
    assert tipp.anggota.count() == 10
    assert sorted(tipp.langkah.filter(bukti__jenis="sk").values_list("nomor", flat=True)) == [5]
    pokja = tipp.pokja.get(nama="Pokja ND")
    assert pokja.fgd.count() == 2
    # the seed's order: step 4, the FGDs, the election, then step 5 closes on the formed Pokja
    fgd = sorted(f.pertemuan.tanggal for f in pokja.fgd.all())
    assert tipp.langkah.get(nomor=4).selesai <= fgd[0] and fgd[-1] <= pokja.pemilihan.pertemuan.tanggal
    assert pokja.pemilihan.pertemuan.tanggal <= tipp.langkah.get(nomor=5).selesai == datetime.date(2012, 6, 18)
    hasil = hitung_hasil(pokja.pemilihan)
    assert [k.orang.nama for k in hasil.terpilih] == [
        "Ade Kusnadi",
        "Hendra Gunawan",
        "Elis Nurhayati",
        "Farid Ramdani",
        "Gina Rosita",
    ]
    assert hasil.terpilih_perempuan == 2 and not hasil.seri and hasil.sah
    assert [k.orang.nama for k in hasil.kursi_perempuan] == ["Gina Rosita"]  # ahead of Jajang (tied on 2)
    assert services.rencana_kerja_disetujui(tipp.wilayah)
    kegiatan = list(Kegiatan.objects.filter(rencana__wilayah=tipp.wilayah))
    assert len(kegiatan) == 15
    assert all(k.mulai.year == 2012 for k in kegiatan)
    laporan = list(ProgresKegiatan.objects.all())
    assert all(r.tanggal.year == 2012 for r in laporan)
    # autumn 2012: the plan slips
    kurva = kurva_s(kegiatan, laporan, status=datetime.date(2012, 10, 15))
    assert kurva.aktual_status < kurva.rencana_status - 5
    assert {t.kegiatan.nama for t in kurva.terlambat} >= {"Pemetaan swadaya per RW", "Penyusunan draf RPLP"}
    # read today, the finished plan is read as of its last report: complete, late finishes listed
    per, dari_laporan = tanggal_status(kegiatan, laporan, datetime.date(2026, 11, 30))
    assert (per, dari_laporan) == (datetime.date(2012, 12, 20), True)
    kurva = kurva_s(kegiatan, laporan, status=per)
    assert kurva.aktual_status == pytest.approx(100) and kurva.deviasi == pytest.approx(0)
    assert all(k.progres == 100 for k in kegiatan)
    assert {t.kegiatan.nama for t in kurva.terlambat if t.selesai_terlambat} >= {"Pemetaan swadaya per RW"}
    assert Pertemuan.objects.filter(wilayah=tipp.wilayah, jenis__in=["tipp", "fgd", "pemilihan"]).count() == 8
