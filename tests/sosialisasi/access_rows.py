from tests.access_table import USERS, Row, as_post, only, statuses

from . import factories as f

ENTRY = {"admin", "kmw", "korkot", "fasilitator"}
everyone_200 = dict.fromkeys(USERS, 200)


def _none(cast):
    return {"in": {}}


def _kode(cast):
    return {"in": {"kode": f.CINUNUK}, "out": {"kode": f.TAMBAKREJA}}


def _pengkondisian(cast):
    for kode in (f.CINUNUK, f.TAMBAKREJA):
        f.pengkondisian(cast.regions[kode])
    return _kode(cast)


def _pemangku(cast):
    a = f.pengkondisian(cast.regions[f.CINUNUK])[1]
    b = f.pengkondisian(cast.regions[f.TAMBAKREJA])[1]
    return {"in": {"pk": a.pk}, "out": {"pk": b.pk}}


def _informal(cast):
    a = f.pengkondisian(cast.regions[f.CINUNUK])[2]
    b = f.pengkondisian(cast.regions[f.TAMBAKREJA])[2]
    return {"in": {"pk": a.pk}, "out": {"pk": b.pk}}


def _rembug(cast):
    a = f.rembug(cast.regions[f.CINUNUK], laki=3, perempuan=2, disabilitas=1)
    b = f.rembug(cast.regions[f.TAMBAKREJA], laki=3, perempuan=2, disabilitas=1)
    return {"in": {"pk": a.pk}, "out": {"pk": b.pk}}


def _rembug_ditutup(cast):
    from sosialisasi import services

    kwargs = _rembug(cast)
    for pk in (kwargs["in"]["pk"], kwargs["out"]["pk"]):
        from sosialisasi.models import RembugWarga

        services.tutup_rembug(RembugWarga.objects.get(pk=pk))
    return kwargs


def _peran(cast):
    a = f.peran(cast.regions[f.CINUNUK])
    b = f.peran(cast.regions[f.TAMBAKREJA])
    return {"in": {"pk": a.pk}, "out": {"pk": b.pk}}


def _target_data(cast):
    return {"persen_perempuan": "35", "jumlah_disabilitas": "2"}


ROWS = [
    Row("sosialisasi:index", _none, everyone_200, scoped=False),
    Row("sosialisasi:target", _none, {u: 200 if u == "admin" else 403 for u in USERS}, scoped=False),
    Row(
        "sosialisasi:target",
        _none,
        {u: 302 if u == "admin" else 403 for u in USERS},
        method="post",
        data=_target_data,
        scoped=False,
        province_admin=403,  # national targets
    ),
    Row("sosialisasi:xlsx", _kode, statuses(200)),
    Row("sosialisasi:pengkondisian", _kode, statuses(200)),
    Row("sosialisasi:pengkondisian_ubah", _kode, only(ENTRY)),
    Row("sosialisasi:pemangku_tambah", _kode, only(ENTRY)),
    Row("sosialisasi:pemangku_ubah", _pemangku, only(ENTRY)),
    Row("sosialisasi:pemangku_hapus", _pemangku, only(ENTRY, ok=302), method="post"),
    Row("sosialisasi:informal_tambah", _kode, only(ENTRY)),
    Row("sosialisasi:informal_ubah", _informal, only(ENTRY)),
    Row("sosialisasi:informal_hapus", _informal, only(ENTRY, ok=302), method="post"),
    Row("sosialisasi:undangan", _pengkondisian, statuses(200)),
    Row("sosialisasi:rembug_tambah", _kode, only(ENTRY)),
    Row("sosialisasi:rembug", _rembug, statuses(200)),
    Row("sosialisasi:rembug_ubah", _rembug, only(ENTRY)),
    Row("sosialisasi:rembug_tutup", _rembug, only(ENTRY)),
    Row(
        "sosialisasi:rembug_buka",
        _rembug_ditutup,
        only({"admin", "kmw", "korkot", "pjok"}, ok=302),
        method="post",
        data=lambda cast: {"alasan": "Dua nama peserta tertukar"},
    ),
    Row("sosialisasi:berita_acara", _rembug, statuses(200)),
    Row("sosialisasi:peran_tambah", _kode, only(ENTRY)),
    Row("sosialisasi:peran_ubah", _peran, only(ENTRY)),
    Row("sosialisasi:peran_selesai", _peran, only(ENTRY, ok=302), method="post"),
    Row("sosialisasi:peran_hapus", _peran, only(ENTRY, ok=302), method="post"),
]

# the region's xlsx and the rembug's pack by a background job (POST: a redirect to the job's page)
ROWS += [as_post(ROWS, "sosialisasi:xlsx", ok=302), as_post(ROWS, "sosialisasi:berita_acara", ok=302)]
