"""Small builders for sosialisasi tests (regions and users come from tests/conftest.py)."""

from __future__ import annotations

import datetime

from kelurahan.services import BarisKehadiran, tambah_kehadiran
from sosialisasi import services
from sosialisasi.models import KegiatanInformal, Pemangku, PeranPemda, RembugWarga

CINUNUK = "32.04.05.2004"
TAMBAKREJA = "33.01.01.2001"


def rembug(wilayah, *, laki=0, perempuan=0, disabilitas=0, judul="Rembug warga sosialisasi", tanggal=None):
    """A rembug with `laki` men and `perempuan` women, the first `disabilitas` of them with a disability."""
    r = services.buat_rembug(wilayah, judul=judul, tanggal=tanggal or datetime.date(2012, 5, 16), tempat="Aula Desa")
    hadir(r, laki=laki, perempuan=perempuan, disabilitas=disabilitas)
    return RembugWarga.objects.select_related("pertemuan").get(pk=r.pk)


def hadir(r, *, laki=0, perempuan=0, disabilitas=0, prefix="Warga"):
    rows = [BarisKehadiran(nama=f"{prefix} L{i}", jenis_kelamin="L") for i in range(laki)]
    rows += [BarisKehadiran(nama=f"{prefix} P{i}", jenis_kelamin="P") for i in range(perempuan)]
    for row in rows[:disabilitas]:
        row.disabilitas = True
    if rows:
        tambah_kehadiran(r.pertemuan, rows)
    r.pertemuan.refresh_from_db()
    return r


def pengkondisian(wilayah):
    p = services.pengkondisian_for(wilayah)
    p.kondisi_sosial = f"Catatan kondisi sosial {wilayah.nama}"
    p.save()
    pem = Pemangku.objects.create(
        pengkondisian=p, nama=f"Kepala Desa {wilayah.nama}", kategori="pemerintah_desa", peran="Kepala Desa"
    )
    informal = KegiatanInformal.objects.create(
        pengkondisian=p, tanggal=datetime.date(2012, 5, 3), media="leaflet", ke_tokoh_masyarakat=True, uraian="Leaflet"
    )
    return p, pem, informal


def peran(wilayah, **kw):
    kw.setdefault("tahap", "persiapan")
    kw.setdefault("uraian", f"Menyediakan aula {wilayah.nama}")
    kw.setdefault("pelaksana", "Pemerintah Desa")
    return PeranPemda.objects.create(wilayah=wilayah, **kw)
