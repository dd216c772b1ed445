"""Access rows of the KSM stage (joined into tests/blm/access_rows.py)."""

import datetime

from tests.access_table import Row, only, statuses

from . import factories_ksm as fk

CIN, TAM = "32.04.05.2004", "33.01.01.2001"


def _media(cast):
    cast.settings.MEDIA_ROOT = str(cast.tmp_path)


def _wilayah(cast):
    return {"in": {"kode": CIN}, "out": {"kode": TAM}}


def _unduh(jenis):
    def make(cast):
        fk.ksm(cast.regions[CIN])
        return {"in": {"kode": CIN, "jenis": jenis}, "out": {"kode": TAM, "jenis": jenis}}

    return make


def _ksm(cast):
    return {"in": {"pk": fk.ksm(cast.regions[CIN]).pk}, "out": {"pk": fk.ksm(cast.regions[TAM]).pk}}


def _anggota(cast):
    from blm.models_ksm import AnggotaKSM

    def make(w):
        k = fk.ksm(w)
        return AnggotaKSM.objects.create(ksm=k, orang=fk.orang(w, "Anggota Biasa")).pk

    return {"in": {"pk": make(cast.regions[CIN])}, "out": {"pk": make(cast.regions[TAM])}}


def _usulan(status="draf"):
    def make(cast):
        return {
            "in": {"pk": fk.usulan(cast.regions[CIN], status).pk},
            "out": {"pk": fk.usulan(cast.regions[TAM], status).pk},
        }

    return make


def _usulan_versi():
    from blm.models_ksm import UsulanKegiatan

    return {"versi": UsulanKegiatan.objects.get(wilayah_id=CIN).versi}


def _ba(jenis):
    def make(cast):
        out = {}
        for key, kode in (("in", CIN), ("out", TAM)):
            u = fk.usulan(cast.regions[kode], "disetujui", progres=100)
            out[key] = {"pk": u.pk, "jenis": jenis}
        return out

    return make


def _pencairan(cast):
    _media(cast)
    bkm = cast.users["bkm"]
    return {
        "in": {"pk": fk.pencairan(cast.regions[CIN], bkm).pk},
        "out": {"pk": fk.pencairan(cast.regions[TAM], bkm).pk},
    }


def _berita_acara(cast):
    from blm.models_ksm import BeritaAcaraKSM

    def make(w):
        u = fk.usulan(w, "disetujui", progres=100)
        return BeritaAcaraKSM.objects.create(
            usulan=u, wilayah=w, jenis="pemeriksaan", tanggal=datetime.date(2013, 4, 1), hasil="Baik"
        ).pk

    return {"in": {"pk": make(cast.regions[CIN])}, "out": {"pk": make(cast.regions[TAM])}}


def _kuitansi(cast):
    from blm.models_ksm import PencairanKSM

    return {k: {"pk": PencairanKSM.objects.get(pk=v["pk"]).kuitansi_id} for k, v in _pencairan(cast).items()}


def _foto(cast):
    _media(cast)
    from blm.models_ksm import FotoProgres
    from kelurahan.services import simpan_berkas

    def make(w):
        lap = fk.laporan(w, cast.users["bkm"])
        return FotoProgres.objects.create(laporan=lap, titik=0, berkas=simpan_berkas(fk.jpeg())).berkas_id

    return {"in": {"pk": make(cast.regions[CIN])}, "out": {"pk": make(cast.regions[TAM])}}


def _laporan(cast):
    bkm = cast.users["bkm"]
    return {"in": {"pk": fk.laporan(cast.regions[CIN], bkm).pk}, "out": {"pk": fk.laporan(cast.regions[TAM], bkm).pk}}


def _batal(model):
    """A withdrawal's post: a reason and the version of the in-scope record."""

    def data(cast):
        from blm import models_ksm

        obj = getattr(models_ksm, model).objects.filter(wilayah_id=CIN).get()
        return {"alasan": "Salah catat", "versi": obj.versi}

    return data


bkm = only({"bkm"})
bkm_post = only({"bkm"}, ok=302)
# who may see who is poor or disabled (the member list's spreadsheet)
pribadi = only({"admin", "satker", "kmw", "korkot", "pjok", "fasilitator", "bkm"})

ROWS = [
    Row("blm:ksm_list", _wilayah, statuses(200)),
    Row("blm:ksm_tambah", _wilayah, bkm, admin_out=403),
    Row("blm:ksm_unduh", _unduh("ksm"), statuses(200)),
    Row("blm:ksm_unduh", _unduh("usulan"), statuses(200)),
    Row("blm:ksm_unduh", _unduh("pencairan"), statuses(200)),
    Row("blm:ksm_unduh", _unduh("laporan"), statuses(200)),
    Row("blm:ksm_unduh", _unduh("berita_acara"), statuses(200)),
    Row("blm:ksm_unduh", _unduh("anggota"), pribadi),
    Row("blm:ksm", _ksm, statuses(200)),
    Row("blm:ksm_ubah", _ksm, bkm, admin_out=403),
    Row("blm:ksm_anggota_rembug", _ksm, bkm_post, method="post", admin_out=403),
    Row("blm:anggota_hapus", _anggota, bkm_post, method="post", admin_out=403),
    Row("blm:usulan_tambah", _ksm, bkm, admin_out=403),
    Row("blm:usulan", _usulan(), statuses(200)),
    Row("blm:usulan_ubah", _usulan(), bkm, admin_out=403),
    Row("blm:usulan_ajukan", _usulan(), bkm_post, method="post", admin_out=403, data=lambda c: _usulan_versi()),
    Row(
        "blm:usulan_verifikasi",
        _usulan("diajukan"),
        only({"fasilitator"}, ok=302),
        method="post",
        data=lambda c: {"keputusan": "kembalikan", "alasan": "Lengkapi gambar", **_usulan_versi()},
        admin_out=403,
    ),
    Row("blm:pencairan_tambah", _usulan("disetujui"), bkm, admin_out=403),
    Row("blm:laporan_tambah", _usulan("disetujui"), only({"bkm", "fasilitator"}), admin_out=403),
    Row("blm:berita_acara_tambah", _ba("pemeriksaan"), only({"fasilitator"}), admin_out=403),
    Row("blm:berita_acara_tambah", _ba("serah_terima"), bkm, admin_out=403),
    # corrections: the BKM's disbursements, the reporters' reports, the Fasilitator's inspection
    Row("blm:pencairan_ubah", _pencairan, bkm, admin_out=403),
    Row("blm:pencairan_batal", _pencairan, bkm_post, method="post", data=_batal("PencairanKSM"), admin_out=403),
    Row("blm:laporan_ubah", _laporan, only({"bkm", "fasilitator"}), admin_out=403),
    Row(
        "blm:laporan_batal",
        _laporan,
        only({"bkm", "fasilitator"}, ok=302),
        method="post",
        data=_batal("LaporanProgres"),
        admin_out=403,
    ),
    Row("blm:berita_acara_ubah", _berita_acara, only({"fasilitator"}), admin_out=403),
    Row(
        "blm:berita_acara_batal",
        _berita_acara,
        only({"fasilitator"}, ok=302),
        method="post",
        data=_batal("BeritaAcaraKSM"),
        admin_out=403,
    ),
    Row("blm:pdf_usulan", _usulan("disetujui"), statuses(200)),
    Row("blm:pdf_progres", _usulan("disetujui"), statuses(200)),
    Row("blm:pdf_kuitansi_ksm", _pencairan, statuses(200)),
    Row("blm:pdf_berita_acara", _berita_acara, statuses(200)),
    Row("kelurahan:berkas", _kuitansi, statuses(200)),
    Row("kelurahan:berkas", _foto, statuses(200)),
]
