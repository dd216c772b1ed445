from tests.access_table import USERS, Row, as_post, only, statuses

from . import factories as f

CIN, TAM = "32.04.05.2004", "33.01.01.2001"
everyone_200 = dict.fromkeys(USERS, 200)
admin_only = {u: (200 if u == "admin" else 403) for u in USERS}


def _media(cast):
    cast.settings.MEDIA_ROOT = str(cast.tmp_path)


def _none(cast):
    return {"in": {}}


def _konfigurasi(cast):
    return {"in": {"pk": f.konfigurasi().pk}}


def _wilayah(cast):
    return {"in": {"kode": CIN}, "out": {"kode": TAM}}


def _unduh(cast):
    f.alokasi(cast.regions[CIN])
    return {"in": {"kode": CIN, "jenis": "permintaan"}, "out": {"kode": TAM, "jenis": "permintaan"}}


def _alokasi(cast):
    return {"in": {"pk": f.alokasi(cast.regions[CIN]).pk}, "out": {"pk": f.alokasi(cast.regions[TAM]).pk}}


def _ajukan(cast):
    kw = _alokasi(cast)
    return {k: {**v, "nomor": 1} for k, v in kw.items()}


def _dokumen(cast):
    _media(cast)
    return {"in": {"pk": f.dokumen(cast.regions[CIN]).pk}, "out": {"pk": f.dokumen(cast.regions[TAM]).pk}}


def _permintaan(status="diproses"):
    def make(cast):
        bkm = cast.users["bkm"]
        return {
            "in": {"pk": f.permintaan(cast.regions[CIN], bkm, status=status).pk},
            "out": {"pk": f.permintaan(cast.regions[TAM], bkm, status=status).pk},
        }

    return make


def _dibayar(cast):
    _media(cast)
    bkm, ppk = cast.users["bkm"], cast.users["ppk"]
    return {
        "in": {"pk": f.dibayar(cast.regions[CIN], bkm, ppk).pk},
        "out": {"pk": f.dibayar(cast.regions[TAM], bkm, ppk).pk},
    }


def _lpj(lpj_status="draft"):
    def make(cast):
        _media(cast)
        bkm, ppk = cast.users["bkm"], cast.users["ppk"]
        return {
            "in": {"pk": f.dibayar(cast.regions[CIN], bkm, ppk, lpj_status).lpj.pk},
            "out": {"pk": f.dibayar(cast.regions[TAM], bkm, ppk, lpj_status).lpj.pk},
        }

    return make


def _belanja(cast):
    kw = _lpj()(cast)
    from blm.models import BelanjaLPJ

    return {k: {"pk": BelanjaLPJ.objects.get(lpj_id=v["pk"]).pk} for k, v in kw.items()}


def _berkas(make, model):
    """kelurahan:berkas of the file a BLM document or spending line holds."""

    def make_berkas(cast):
        from django.apps import apps

        Model = apps.get_model("blm", model)
        field = "berkas_id" if model == "dokumenblm" else "bukti_id"
        return {k: {"pk": getattr(Model.objects.get(pk=v["pk"]), field)} for k, v in make(cast).items()}

    return make_berkas


def _versi():
    """The version the request's page shows (the "in" request, in Desa Cinunuk)."""
    from blm.models import PermintaanBLM

    return {"versi": PermintaanBLM.objects.get(wilayah_id=CIN).versi}


entry = only({"bkm", "fasilitator"}, ok=302)
ROWS = [
    Row("blm:index", _none, everyone_200, scoped=False),
    Row("blm:permintaan_list", _none, everyone_200, scoped=False),
    Row("blm:permintaan_list", _none, everyone_200, scoped=False, query="?saya=1&status=diproses"),
    Row("blm:konfigurasi_list", _none, admin_only, scoped=False),
    Row("blm:konfigurasi_tambah", _none, admin_only, scoped=False),
    Row("blm:konfigurasi_ubah", _konfigurasi, admin_only, scoped=False),
    Row("blm:wilayah", _wilayah, statuses(200)),
    Row("blm:alokasi_tambah", _wilayah, only({"admin", "satker", "ppk"})),
    Row("blm:pdf_status", _wilayah, statuses(200)),
    Row("blm:unduh", _unduh, statuses(200)),
    Row("blm:alokasi_ubah", _alokasi, only({"admin", "satker", "ppk"})),
    Row("blm:dokumen_unggah", _alokasi, only({"bkm", "fasilitator"}), admin_out=403),
    Row("blm:ajukan", _ajukan, only({"bkm", "fasilitator"}), admin_out=403),
    Row("kelurahan:berkas", _berkas(_dokumen, "dokumenblm"), statuses(200)),
    Row("blm:permintaan", _permintaan(), statuses(200)),
    Row(
        "blm:verifikasi",
        _permintaan(),
        only({"fasilitator"}, ok=302),
        method="post",
        data=lambda c: {"keputusan": "setuju", "langkah": "fasilitator", **_versi()},
        admin_out=403,
    ),
    # the verifier's page: only the role of the step the request waits at
    Row("blm:verifikasi", _permintaan(), only({"fasilitator"}), admin_out=403),
    Row(
        "blm:tarik",
        _permintaan(),
        only({"bkm"}, ok=302),  # the filer (BKM) and BKM peers; a fasilitator does not hold the filer's role
        method="post",
        data=lambda c: {"alasan": "Lampiran tertinggal", **_versi()},
        admin_out=403,
    ),
    Row(
        "blm:ajukan_ulang",
        _permintaan("dikembalikan"),
        entry,
        method="post",
        data=lambda c: {"catatan": "diperbaiki", **_versi()},
        admin_out=403,
    ),
    Row(
        "blm:bayar",
        _permintaan("terverifikasi"),
        only({"satker", "ppk"}),  # the first POST shows the amount back for confirmation
        method="post",
        data=lambda c: {"tanggal": "2012-10-01", "jumlah": "300.000.000", **_versi()},
        admin_out=403,
    ),
    Row("blm:pdf_surat", _permintaan(), statuses(200)),
    Row("blm:pdf_verifikasi", _permintaan(), statuses(200)),
    Row("blm:pdf_kwitansi", _dibayar, statuses(200)),
    Row("blm:lpj", _lpj(), statuses(200)),
    Row("blm:lpj_ajukan", _lpj(), entry, method="post", admin_out=403),
    Row(
        "blm:lpj_keputusan",
        _lpj("diajukan"),
        only({"korkot"}, ok=302),
        method="post",
        data=lambda c: {"keputusan": "terima"},
        admin_out=403,
    ),
    Row("blm:belanja_hapus", _belanja, entry, method="post", admin_out=403),
    Row("kelurahan:berkas", _berkas(_belanja, "belanjalpj"), statuses(200)),
]

# the KSM stage (after BLM reaches the BKM)
from .access_rows_ksm import ROWS as _KSM_ROWS  # noqa: E402

ROWS += _KSM_ROWS

# a region's BLM and KSM tables as xlsx by a background job (POST: a redirect to the job's page);
# the KSM members' (personal data) too
_ksm_unduh = [r for r in ROWS if r.name == "blm:ksm_unduh" and r.method == "get"]
ROWS += [
    as_post(ROWS, "blm:unduh", ok=302),
    as_post(_ksm_unduh, "blm:ksm_unduh", ok=302),
    as_post(_ksm_unduh[-1:], "blm:ksm_unduh", ok=302),
]
