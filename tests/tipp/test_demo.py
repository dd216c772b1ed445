"""The demo tells the seed's story and can run twice."""

import datetime

import pytest

from kelurahan import demo as kelurahan_demo
from tipp import demo, services
from tipp.election import hitung_hasil
from tipp.jadwal import kurva_s
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
    kurva = kurva_s(kegiatan, list(ProgresKegiatan.objects.all()))
    assert kurva.status == datetime.date(2012, 10, 15)
    assert kurva.aktual_status < kurva.rencana_status  # the plan slips
    assert {t.kegiatan.nama for t in kurva.terlambat} >= {"Pemetaan swadaya per RW", "Penyusunan draf RPLP"}
    assert Pertemuan.objects.filter(wilayah=tipp.wilayah, jenis__in=["tipp", "fgd", "pemilihan"]).count() == 8
