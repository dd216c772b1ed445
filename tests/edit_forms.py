"""The edit pages of the portal, derived from the URL map, each with a recipe on the demo data
(Desa Cinunuk): which record it opens. Used by the round-trip and the stale-save tests.

A page counts as a form page when its view answers both GET and POST. Every form page is
either an edit page (a recipe below) or listed in NOT_EDIT with why; every URL named
`…ubah`/`…edit` must be an edit page. A new form page fails the tests until it is sorted."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver

from kelurahan import demo_apps
from tests.access_table import USERS
from tests.test_access_table import ROWS, SKIP_NAMES, SKIP_NAMESPACES

CINUNUK = "32.04.05.2004"
#: who opens the page first, in order of preference (the first two allowed are A and B)
PREFERENCE = ["fasilitator", "bkm", "korkot", "ppk", "satker", "pjok", "pemda", "admin"]

#: form pages that create a record or act on one (no stored state is shown to round-trip)
NOT_EDIT = {
    "login": "sign-in",
    "password_change": "a new password, nothing shown",
    "password_reset": "an e-mail address, nothing shown",
    "password_reset_confirm": "a new password, nothing shown",
    "kelurahan:kehadiran": "attendance rows are appended (the list has its own version)",
    "kelurahan:kehadiran_import": "a spreadsheet import",
    "kelurahan:lampiran_tambah": "an upload",
    "kelurahan:pertemuan_tutup": "an action (the record lifecycle, version-checked)",
    "kelurahan:pertemuan_verifikasi": "an action (the record lifecycle, version-checked)",
    "kelurahan:pertemuan_buka_kembali": "an action (the record lifecycle, version-checked)",
    "lokakarya:tambah": "creates",
    "sosialisasi:pemangku_tambah": "creates",
    "sosialisasi:informal_tambah": "creates",
    "sosialisasi:rembug_tambah": "creates",
    "sosialisasi:rembug_tutup": "an action (closing)",
    "sosialisasi:peran_tambah": "creates",
    "tipp:anggota_tambah": "creates",
    "tipp:kukuhkan": "an action (confirmation)",
    "tipp:pokja_tambah": "creates",
    "tipp:kegiatan_tambah": "creates",
    "tipp:fgd_tambah": "creates",
    "tipp:kandidat_tambah": "creates",
    "tipp:pemilih": "marks voters (an action on the list)",
    "tipp:suara": "enters votes (an action)",
    "tipp:progres": "adds a dated progress report (a new row; the activity is versioned)",
    "tipp:dokumen_tambah": "creates",
    "tipp:dokumen_unggah": "an upload",
    "tipp:konsultasi_tambah": "creates (a consultation meeting)",
    "blm:konfigurasi_tambah": "creates",
    "blm:alokasi_tambah": "creates",
    "blm:dokumen_unggah": "an upload",
    "blm:ajukan": "files a request",
    "blm:verifikasi": "an action of the verification chain (versioned)",
    "blm:ajukan_ulang": "an action of the verification chain (versioned)",
    "blm:bayar": "an action of the verification chain (versioned)",
    "blm:lpj": "adds a spending line",
    "blm:lpj_keputusan": "an action (decision)",
    "blm:ksm_tambah": "creates",
    "blm:ksm": "adds a member",
    "blm:usulan_tambah": "creates",
    "blm:pencairan_tambah": "records a disbursement (an upload)",
    "blm:laporan_tambah": "adds a dated progress report (a new row)",
    "blm:berita_acara_tambah": "creates",
    # a large download offered as a background job ("Buat berkas" queues it)
    "dashboard_pdf": "asks for a background job",
    "dashboard_region_pdf": "asks for a background job",
    "kelurahan:daftar_hadir_pdf": "asks for a background job",
    "lokakarya:list_xlsx": "asks for a background job",
    "lokakarya:paket_pdf": "asks for a background job",
    "tipp:index": "asks for a background job (the list as xlsx)",
    "tipp:berita_acara": "asks for a background job",
    "sosialisasi:berita_acara": "asks for a background job",
    "sosialisasi:xlsx": "asks for a background job",
    "kelurahan:profil_xlsx": "asks for a background job",
    "blm:unduh": "asks for a background job",
    "blm:ksm_unduh": "asks for a background job",
}


def _model(label):
    app, name = label.split(".")
    return importlib.import_module(f"{app}.models").__dict__[name]


def _first(label, **filters):
    return _model(label).objects.filter(**filters).order_by("pk").first()


@dataclass
class Resep:
    """`find()` returns (url kwargs, the record the page edits); `ubah` names the field the
    two-session test changes (default: the first text field of the form)."""

    name: str
    find: object
    ubah: str | None = None


def _pk(obj):
    return {"pk": obj.pk}, obj


def _terbuka(obj):
    """The demo's rembug warga closed its meeting: editing it is a correction, reopened first."""
    from kelurahan import siklus

    if obj.pertemuan.status != "draf":
        siklus.buka_kembali(obj.pertemuan, None, "Koreksi data demo")
        obj.refresh_from_db()
    return _pk(obj)


def _lokakarya():
    return _terbuka(_first("lokakarya.Lokakarya", pertemuan__wilayah_id=CINUNUK, pertemuan__tanggal="2012-05-16"))


def _pengkondisian():
    return {"kode": CINUNUK}, _first("sosialisasi.Pengkondisian", wilayah_id=CINUNUK)


def _rembug():
    return _terbuka(_first("sosialisasi.RembugWarga", pertemuan__tanggal="2012-05-16"))


def _target():
    target = _model("sosialisasi.TargetInklusi").current()
    target.persen_perempuan, target.jumlah_disabilitas = 35, 2
    target.save()
    return {}, target


def _pemilihan():
    p = _first("tipp.Pemilihan")
    return {"pk": p.pokja_id}, p


def _pemeriksaan():
    """The demo stops at 50 %: the inspection of the first verified proposal, finished."""
    import datetime

    usulan = _first("blm.UsulanKegiatan", wilayah_id=CINUNUK, status="disetujui")
    _model("blm.UsulanKegiatan").objects.filter(pk=usulan.pk).update(progres=100)
    ba = _model("blm.BeritaAcaraKSM").objects.create(
        usulan=usulan, wilayah_id=CINUNUK, jenis="pemeriksaan", tanggal=datetime.date(2013, 4, 1), hasil="Sesuai"
    )
    return _pk(ba)


RESEP = {
    r.name: r
    for r in [
        Resep("lokakarya:ubah", _lokakarya),
        Resep("sosialisasi:target", _target, ubah="persen_perempuan"),
        Resep("sosialisasi:pengkondisian_ubah", _pengkondisian),
        Resep("sosialisasi:pemangku_ubah", lambda: _pk(_first("sosialisasi.Pemangku", diundang=True))),
        Resep("sosialisasi:informal_ubah", lambda: _pk(_first("sosialisasi.KegiatanInformal"))),
        Resep("sosialisasi:rembug_ubah", _rembug),
        Resep("sosialisasi:peran_ubah", lambda: _pk(_first("sosialisasi.PeranPemda", selesai=True))),
        Resep("kelurahan:profil", lambda: ({"kode": CINUNUK, "tahun": 2012}, _first("kelurahan.ProfilKelurahan"))),
        Resep("tipp:langkah", lambda: _pk(_first("tipp.LangkahTIPP", nomor=2))),
        Resep("tipp:anggota_ubah", lambda: _pk(_first("tipp.AnggotaTIPP", selesai__isnull=False))),
        Resep("tipp:fgd_ubah", lambda: _pk(_first("tipp.FGD"))),
        Resep("tipp:pemilihan", _pemilihan),
        Resep("tipp:kegiatan_ubah", lambda: _pk(_first("tipp.Kegiatan"))),
        Resep("tipp:dokumen_ubah", lambda: _pk(_first("tipp.DokumenPerencanaan", wilayah_id=CINUNUK))),
        Resep("blm:konfigurasi_ubah", lambda: _pk(_first("blm.KonfigurasiBLM"))),
        Resep("blm:alokasi_ubah", lambda: _pk(_first("blm.AlokasiBLM", wilayah_id=CINUNUK))),
        Resep("blm:ksm_ubah", lambda: _pk(_first("blm.KSM", wilayah_id=CINUNUK))),
        Resep("blm:usulan_ubah", lambda: _pk(_first("blm.UsulanKegiatan", wilayah_id=CINUNUK, status="draf"))),
        Resep("blm:pencairan_ubah", lambda: _pk(_first("blm.PencairanKSM", wilayah_id=CINUNUK)), ubah="jumlah"),
        Resep("blm:laporan_ubah", lambda: _pk(_first("blm.LaporanProgres", wilayah_id=CINUNUK)), ubah="masalah"),
        Resep("blm:berita_acara_ubah", _pemeriksaan, ubah="hasil"),
    ]
}


def form_pages(patterns=None, namespace=""):
    """{url name: view class} of every page that answers GET and POST."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    found = {}
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace in SKIP_NAMESPACES:
                continue
            found |= form_pages(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
        elif isinstance(p, URLPattern) and p.name and p.name not in SKIP_NAMES:
            view = getattr(p.callback, "view_class", None)
            if view is None:
                continue
            methods = set(getattr(view, "http_method_names", [])) & {"get", "post"}
            if methods == {"get", "post"} and hasattr(view, "get") and hasattr(view, "post"):
                found[namespace + p.name] = view
    return found


def edit_names(all_names) -> set[str]:
    return {n for n in all_names if n.split(":")[-1].endswith(("ubah", "edit"))}


def users_for(name: str) -> list[str]:
    """Cast members the access table lets open the page, in order of preference."""
    rows = [r for r in ROWS if r.name == name and r.method == "get" and not r.query]
    allowed = {u for r in rows for u in USERS if r.expect_in[u] == 200}
    return [u for u in PREFERENCE if u in allowed]


def load_demo(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    demo_apps.load_all(penutup=False)  # meetings stay drafts, so every edit page opens


#: bookkeeping a save may move without changing the record
BOOKKEEPING = {"versi"}
NOT_OWNED = {"kelurahan.Wilayah", "auth.User", "contenttypes.ContentType"}


def _fields(obj) -> dict:
    return {
        f.attname: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if f.name not in BOOKKEEPING and not getattr(f, "auto_now", False)
    }


def _children(obj):
    for rel in obj._meta.related_objects:
        if rel.related_model._meta.label.startswith("simple_history") or "Historical" in rel.related_model.__name__:
            continue
        if rel.many_to_many:
            continue
        accessor = rel.get_accessor_name()
        if rel.one_to_one:
            child = getattr(obj, accessor, None) if _has(obj, accessor) else None
            if child is not None:
                yield child
        else:
            yield from getattr(obj, accessor).order_by("pk")


def _has(obj, accessor):
    try:
        getattr(obj, accessor)
    except models.ObjectDoesNotExist:
        return False
    return True


def snapshot(obj) -> dict:
    """Every concrete field of the record, of the rows it points to (its Pertemuan, Orang …)
    and of the rows that point to either (attendance, speakers, tahap …)."""
    obj = type(obj)._default_manager.get(pk=obj.pk)
    owners = [obj]
    for f in obj._meta.concrete_fields:
        if f.is_relation and f.related_model._meta.label not in NOT_OWNED:
            target = getattr(obj, f.name)
            if target is not None:
                owners.append(target)
    rows = {}
    for owner in owners:
        rows[(owner._meta.label, owner.pk)] = _fields(owner)
        for child in _children(owner):
            rows.setdefault((child._meta.label, child.pk), _fields(child))
    return rows
