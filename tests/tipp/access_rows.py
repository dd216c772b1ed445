"""TIPP URLs in the access table: every page, every role, in and out of scope."""

import datetime

from django.core.files.base import ContentFile

from kelurahan.models import Orang, Pertemuan
from tests.access_table import USERS, Row, as_post, only, statuses
from tests.tipp.helpers import tipp_terbentuk
from tipp import services
from tipp.models import FGD, AnggotaTIPP, Kandidat, Kegiatan, Pemilihan, Pokja, RencanaKerja

IN, OUT = "32.04.05.2004", "33.01.01.2001"
ENTRY = {"admin", "kmw", "korkot", "fasilitator"}
APPROVE = {"admin", "kmw", "korkot"}
D = datetime.date(2012, 6, 20)


def _both(build):
    def make(cast):
        return {"in": build(cast, cast.regions[IN]), "out": build(cast, cast.regions[OUT])}

    return make


def _kode(cast, w):
    return {"kode": w.kode}


def _tipp(cast, w):
    services.buat_tipp(w)
    return {"kode": w.kode}


def _rencana(cast, w):
    tipp_terbentuk(w)
    r = RencanaKerja.objects.create(wilayah=w)
    Kegiatan.objects.create(
        rencana=r, tahap="persiapan", nama="Pelatihan", mulai=D, durasi=5, satuan="paket", penanggung_jawab="TIPP"
    )
    return {"kode": w.kode}


def _langkah(cast, w):
    return {"pk": services.buat_tipp(w).langkah.get(nomor=1).pk}


def _bukti(cast, w):
    cast.settings.MEDIA_ROOT = str(cast.tmp_path)
    langkah = services.buat_tipp(w).langkah.get(nomor=1)
    b = services.tambah_bukti(langkah, None, "sk", ContentFile(b"%PDF-1.4 test", name="sk.pdf"))
    return {"pk": b.berkas_id}


def _anggota(cast, w):
    orang = Orang.objects.create(nama="Anggota", jenis_kelamin="P", wilayah=w)
    a = AnggotaTIPP.objects.create(tipp=services.buat_tipp(w), orang=orang, asal="relawan", mulai=D)
    return {"pk": a.pk}


def _pokja_obj(w):
    return Pokja.objects.create(tipp=services.buat_tipp(w), nama="Pokja ND")


def _pokja(cast, w):
    return {"pk": _pokja_obj(w).pk}


def _fgd(cast, w):
    p = Pertemuan.objects.create(jenis="fgd", judul="FGD", wilayah=w, tanggal=D)
    return {"pk": FGD.objects.create(pokja=_pokja_obj(w), pertemuan=p, kbk="KBK RW 01", kriteria="Warga").pk}


def _pemilihan_obj(w):
    p = Pertemuan.objects.create(jenis="pemilihan", judul="Pemilihan", wilayah=w, tanggal=D)
    return Pemilihan.objects.create(pokja=_pokja_obj(w), pertemuan=p, kriteria="Warga", kursi=3)


def _pemilihan(cast, w):
    return {"pk": _pemilihan_obj(w).pk}


def _kandidat(cast, w):
    orang = Orang.objects.create(nama="Kandidat", jenis_kelamin="L", wilayah=w)
    return {"pk": Kandidat.objects.create(pemilihan=_pemilihan_obj(w), orang=orang).pk}


def _kegiatan(cast, w):
    _rencana(cast, w)
    return {"pk": Kegiatan.objects.get(rencana__wilayah=w).pk}


def _kegiatan_approved(cast, w):
    _rencana(cast, w)
    services.setujui_rencana(RencanaKerja.objects.get(wilayah=w), pada=D)
    return {"pk": Kegiatan.objects.get(rencana__wilayah=w).pk}


def _setujui_data(cast):
    return {"tanggal": "2012-06-15"}


everyone = dict.fromkeys(USERS, 200)
seen = statuses(200)
entry_get = only(ENTRY)
entry_post = only(ENTRY, ok=302)

ROWS = [
    Row("tipp:index", lambda cast: {"in": {}}, everyone, scoped=False),
    # the list as xlsx by a background job (POST: a redirect to the job's page)
    Row(
        "tipp:index",
        lambda cast: {"in": {}},
        dict.fromkeys(USERS, 302),
        method="post",
        scoped=False,
        query="?unduh=xlsx",
    ),
    Row("tipp:detail", _both(_kode), seen),
    Row("tipp:detail", _both(_tipp), seen),
    Row("tipp:buat", _both(_kode), entry_post, method="post"),
    Row("tipp:anggota_tambah", _both(_tipp), entry_get),
    Row("tipp:kukuhkan", _both(_tipp), entry_get),
    Row("tipp:susunan_pdf", _both(_tipp), seen),
    Row("tipp:susunan_pdf", _both(_kode), statuses(404)),  # no TIPP yet: nothing to print
    Row("tipp:pokja_tambah", _both(_tipp), entry_get),
    Row("tipp:rencana", _both(_kode), seen),
    Row("tipp:rencana", _both(_rencana), seen),
    Row("tipp:kegiatan_tambah", _both(_kode), entry_get),
    Row("tipp:rencana_setujui", _both(_rencana), only(APPROVE, ok=302), method="post", data=_setujui_data),
    Row("tipp:rencana_pdf", _both(_rencana), seen),
    Row("tipp:rencana_xlsx", _both(_rencana), seen),
    Row("tipp:langkah", _both(_langkah), entry_get),
    Row("tipp:langkah_selesai", _both(_langkah), entry_post, method="post"),
    Row("kelurahan:berkas", _both(_bukti), seen),
    Row("tipp:anggota_ubah", _both(_anggota), entry_get),
    Row("tipp:anggota_hapus", _both(_anggota), entry_post, method="post"),
    Row("tipp:pokja", _both(_pokja), seen),
    Row("tipp:fgd_tambah", _both(_pokja), entry_get),
    Row("tipp:pemilihan", _both(_pokja), entry_get),
    Row("tipp:fgd_ubah", _both(_fgd), entry_get),
    Row("tipp:kandidat_tambah", _both(_pemilihan), entry_get),
    Row("tipp:pemilih", _both(_pemilihan), entry_get),
    Row("tipp:suara", _both(_pemilihan), entry_get),
    Row("tipp:berita_acara", _both(_pemilihan), seen),
    Row("tipp:kandidat_hapus", _both(_kandidat), entry_post, method="post"),
    Row("tipp:kegiatan_ubah", _both(_kegiatan), entry_get),
    Row("tipp:kegiatan_hapus", _both(_kegiatan), entry_post, method="post"),
    Row("tipp:progres", _both(_kegiatan_approved), entry_get),
]


# --- planning documents: RPLP, RTPLP, Aturan Bersama (tipp/views/dokumen.py) ---
DOKUMEN_ENTRY = {"admin", "fasilitator", "bkm"}


def _dokumen(cast, w):
    from tipp import dokumen
    from tipp.models import DokumenPerencanaan

    d = dokumen.simpan_dokumen(DokumenPerencanaan(wilayah=w, jenis="rtplp", judul=f"RTPLP {w.nama}"))
    dokumen.tambah_konsultasi(d, tanggal=D)
    return {"pk": d.pk}


def _dokumen_berkas(cast, w):
    from tipp import dokumen
    from tipp.models import DokumenPerencanaan

    cast.settings.MEDIA_ROOT = str(cast.tmp_path)
    d = DokumenPerencanaan.objects.get(pk=_dokumen(cast, w)["pk"])
    d = dokumen.unggah_berkas(d, ContentFile(b"%PDF-1.4 test", name="rtplp.pdf"))
    return {"pk": d.berkas_id}


def _ajukan(cast):
    return {"aksi": "ajukan", "versi": "1"}


ROWS += [
    Row("tipp:dokumen_list", _both(_kode), seen),
    Row("tipp:dokumen_tambah", _both(_kode), only(DOKUMEN_ENTRY)),
    Row("tipp:dokumen_xlsx", _both(_kode), seen),
    Row("tipp:dokumen_xlsx", _both(lambda cast, w: _dokumen(cast, w) and _kode(cast, w)), seen),
    Row("tipp:dokumen", _both(_dokumen), seen),
    Row("tipp:dokumen_ubah", _both(_dokumen), only(DOKUMEN_ENTRY)),
    Row("tipp:dokumen_unggah", _both(_dokumen), only(DOKUMEN_ENTRY)),
    Row("tipp:konsultasi_tambah", _both(_dokumen), only(DOKUMEN_ENTRY)),
    Row("tipp:dokumen_status", _both(_dokumen), only(DOKUMEN_ENTRY, ok=302), method="post", data=_ajukan),
    Row("tipp:dokumen_pdf", _both(_dokumen), seen),
    Row("kelurahan:berkas", _both(_dokumen_berkas), seen),
]

# the election's pack by a background job (POST: a redirect to the job's page)
ROWS += [as_post(ROWS, "tipp:berita_acara", ok=302)]
