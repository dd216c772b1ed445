"""The demo: the seed's two events in Desa Cinunuk, idempotent, and linked to the
lokakarya's meeting of 16 Mei 2012 when that exists."""

import datetime

import pytest

from kelurahan import demo as kelurahan_demo
from kelurahan.models import Pertemuan
from kelurahan.services import BarisKehadiran, tambah_kehadiran
from sosialisasi import demo
from sosialisasi.models import KegiatanInformal, Pemangku, Pengkondisian, PeranPemda, RembugWarga

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Pertemuan.objects.count(),
        RembugWarga.objects.count(),
        Pemangku.objects.count(),
        KegiatanInformal.objects.count(),
        PeranPemda.objects.count(),
    )


def test_demo_tells_the_seed_and_runs_twice(regions):
    kelurahan_demo.load()
    demo.load()
    first = _counts()
    demo.load()
    assert _counts() == first

    lokakarya = RembugWarga.objects.get(pertemuan__tanggal=datetime.date(2012, 5, 16))
    p = lokakarya.pertemuan
    assert (p.jumlah_l, p.jumlah_p, p.tempat) == (14, 15, "Aula Desa Cinunuk")
    assert round(p.persen_perempuan) == 52
    # no one with a disability was reported: closed below target, with the reason
    assert lokakarya.is_closed and "disabilitas" in lokakarya.alasan
    assert list(RembugWarga.objects.below_target()) == [lokakarya]

    rumah = RembugWarga.objects.get(pertemuan__tempat__contains="Dusun Babakan RW 01")
    assert "surat keputusan" in rumah.hasil and "16 Mei 2012" in rumah.hasil and "PNPM" in rumah.hasil
    assert Pengkondisian.objects.get().pemangku.filter(diundang=True).count() >= 5
    assert {r.tahap for r in PeranPemda.objects.all()} == {"persiapan", "perencanaan", "pemasaran", "pembangunan"}


def test_demo_links_to_the_lokakarya_meeting(regions):
    kelurahan_demo.load()
    existing = Pertemuan.objects.create(
        jenis="lokakarya", judul="Lokakarya Orientasi tingkat Desa", wilayah_id=demo.CINUNUK, tanggal="2012-05-16"
    )
    rows = [BarisKehadiran(nama=f"Peserta L{i}", jenis_kelamin="L") for i in range(14)]
    rows += [BarisKehadiran(nama=f"Peserta P{i}", jenis_kelamin="P") for i in range(15)]
    tambah_kehadiran(existing, rows)
    demo.load()
    rembug = RembugWarga.objects.get(pertemuan__tanggal=datetime.date(2012, 5, 16))
    assert rembug.pertemuan_id == existing.pk
    assert existing.kehadiran.count() == 29
    assert Pertemuan.objects.filter(tanggal="2012-05-16").count() == 1
