from tests.access_table import USERS, Row, as_post, only, statuses


def _none(cast):
    return {"in": {}}


def _wilayah(cast):
    return {"in": {"kode": "32.04.05.2004"}, "out": {"kode": "33.01.01.2001"}}


def _kabupaten(cast):
    return {"in": {"kode": "32.04"}, "out": {"kode": "33.01"}}


def _reset_link(cast):
    """A reset link that is not (or no longer) valid: the page says so."""
    return {"in": {"uidb64": "MQ", "token": "c0ffee-0123456789abcdef"}}


everyone_200 = dict.fromkeys(USERS, 200)

ROWS = [
    Row("home", _none, everyone_200, scoped=False),
    Row("login", _none, everyone_200, anonymous=200, scoped=False),
    Row("logout", _none, dict.fromkeys(USERS, 302), method="post", anonymous=302, scoped=False),
    Row("password_change", _none, everyone_200, scoped=False),
    Row("password_change_done", _none, everyone_200, scoped=False),
    Row("password_reset", _none, everyone_200, anonymous=200, scoped=False),
    Row("password_reset_done", _none, everyone_200, anonymous=200, scoped=False),
    Row("password_reset_confirm", _reset_link, everyone_200, anonymous=200, scoped=False),
    Row("password_reset_complete", _none, everyone_200, anonymous=200, scoped=False),
    Row("service_worker", _none, everyone_200, anonymous=200, scoped=False),
    Row("manifest", _none, everyone_200, anonymous=200, scoped=False),
    Row("kelurahan:wilayah_index", _none, everyone_200, scoped=False),
    Row("kelurahan:wilayah", _wilayah, statuses(200)),
    Row(
        "kelurahan:wilayah",
        _kabupaten,
        statuses(200, pjok=404, fasilitator=404, bkm=404),
    ),
]


# --- attendance entry and meeting documents (kelurahan/views/kehadiran.py) ---
ENTRY = {"admin", "satker", "kmw", "korkot", "pjok", "fasilitator"}


def _pertemuan(cast):
    inside = cast.pertemuan_factory(judul="Lokakarya PLP-BK tingkat Desa")
    outside = cast.pertemuan_factory(wilayah=cast.regions["33.01.01.2001"], judul="Rembug warga Tambakreja")
    return {"in": {"pk": inside.pk}, "out": {"pk": outside.pk}}


def _kehadiran(cast):
    from kelurahan.services import BarisKehadiran, tambah_kehadiran

    kwargs = _pertemuan(cast)
    out = {}
    for where, kw in kwargs.items():
        from kelurahan.models import Pertemuan

        p = Pertemuan.objects.get(pk=kw["pk"])
        (row,) = tambah_kehadiran(p, [BarisKehadiran(nama="Euis Sumarni", jenis_kelamin="P")])
        out[where] = {"pk": p.pk, "kehadiran": row.pk}
    return out


def _satu_baris(cast):
    return {
        "baris-TOTAL_FORMS": "1",
        "baris-INITIAL_FORMS": "0",
        "baris-0-nama": "Ujang Suherman",
        "baris-0-jenis_kelamin": "L",
    }


ROWS += [
    Row("kelurahan:kehadiran", _pertemuan, statuses(200)),
    Row("kelurahan:kehadiran", _pertemuan, only(ENTRY, ok=302), method="post", data=_satu_baris),
    Row("kelurahan:kehadiran_cari", _pertemuan, only(ENTRY), query="?q=Ujang"),
    Row("kelurahan:wilayah_cari", _none, everyone_200, scoped=False, query="?q=Cinunuk"),
    Row("kelurahan:kehadiran_hapus", _kehadiran, only(ENTRY, ok=302), method="post"),
    Row("kelurahan:daftar_hadir_pdf", _pertemuan, statuses(200)),
    Row("kelurahan:daftar_hadir_kosong_pdf", _pertemuan, statuses(200)),
    Row("kelurahan:kehadiran_xlsx", _pertemuan, statuses(200)),
    Row("kelurahan:kehadiran_template_xlsx", _pertemuan, statuses(200)),
    Row("kelurahan:kehadiran_import", _pertemuan, only(ENTRY)),
    Row("kelurahan:lampiran_tambah", _pertemuan, only(ENTRY)),
]
# a long list is made by a background job, asked by POST (a redirect to the job's page)
ROWS += [as_post(ROWS, "kelurahan:daftar_hadir_pdf", ok=302)]


def _lampiran(cast, jenis="foto", berkas=False):
    from django.core.files.base import ContentFile

    from kelurahan.models import Pertemuan
    from kelurahan.services import tambah_lampiran
    from tests.lokakarya.factories import png_bytes

    cast.settings.MEDIA_ROOT = str(cast.tmp_path)
    out = {}
    for where, kw in _pertemuan(cast).items():
        upload = ContentFile(png_bytes(), name="foto.png")
        lamp = tambah_lampiran(Pertemuan.objects.get(pk=kw["pk"]), None, upload, jenis)
        out[where] = {"pk": lamp.berkas_id} if berkas else {"pk": lamp.pk}
    return out


# kelurahan:berkas serves every upload; the TIPP and BLM kinds have rows in their own tables
ROWS += [
    Row("kelurahan:berkas", lambda cast: _lampiran(cast, berkas=True), statuses(200)),
    # a scanned daftar hadir shows personal data: roles without "data_pribadi" get 403
    Row(
        "kelurahan:berkas",
        lambda cast: _lampiran(cast, jenis="daftar_hadir", berkas=True),
        statuses(200, pemda=403, ppk=403),
    ),
    Row("kelurahan:lampiran_hapus", _lampiran, only(ENTRY, ok=302), method="post"),
]


# --- history page (kelurahan/views/riwayat.py) ---
def _riwayat(cast):
    out = {}
    for where, kode in (("in", "32.04.05.2004"), ("out", "33.01.01.2001")):
        p = cast.pertemuan_factory(wilayah=cast.regions[kode], judul="Rapat BKM")
        out[where] = {"app_label": "kelurahan", "model": "pertemuan", "pk": p.pk}
    return out


ROWS += [Row("kelurahan:riwayat", _riwayat, statuses(200))]


# --- person and body pages (kelurahan/views/pelaku.py) ---
def _orang(cast):
    from kelurahan.models import Orang

    out = {}
    for where, kode in (("in", "32.04.05.2004"), ("out", "33.01.01.2001")):
        o = Orang.objects.create(nama="Euis Sumarni", jenis_kelamin="P", wilayah=cast.regions[kode])
        out[where] = {"pk": o.pk}
    return out


def _lembaga(cast):
    inside = cast.lembaga_factory(wilayah=cast.regions["32.04.05.2004"])
    outside = cast.lembaga_factory(wilayah=cast.regions["33.01.01.2001"])
    return {"in": {"pk": inside.pk}, "out": {"pk": outside.pk}}


ROWS += [Row("kelurahan:orang", _orang, statuses(200)), Row("kelurahan:lembaga", _lembaga, statuses(200))]


# --- the meeting record lifecycle (kelurahan/views/siklus.py) ---
TUTUP = {"admin", "kmw", "korkot", "pjok", "fasilitator"}
VERIFIKASI = {"admin", "kmw", "korkot", "pjok"}


def _pertemuan_ditutup(cast):
    from kelurahan.models import Pertemuan, StatusPertemuan

    kwargs = _pertemuan(cast)
    Pertemuan.objects.filter(pk__in=[kw["pk"] for kw in kwargs.values()]).update(status=StatusPertemuan.DITUTUP)
    return kwargs


def _alasan(cast):
    return {"alasan": "Dua nama peserta tertukar"}


ROWS += [
    Row("kelurahan:pertemuan_menunggu", _none, everyone_200, scoped=False),
    Row("kelurahan:pertemuan_tutup", _pertemuan, only(TUTUP, ok=302), method="post"),
    Row("kelurahan:pertemuan_verifikasi", _pertemuan_ditutup, only(VERIFIKASI, ok=302), method="post"),
    Row("kelurahan:pertemuan_buka_kembali", _pertemuan_ditutup, only(VERIFIKASI, ok=302), method="post", data=_alasan),
]


# --- the kelurahan profile of a programme year (kelurahan/views/profil.py) ---
PROFIL = {"admin", "fasilitator", "bkm"}


def _profil_kosong(cast):
    return {"in": {"kode": "32.04.05.2004", "tahun": 2012}, "out": {"kode": "33.01.01.2001", "tahun": 2012}}


def _profil(cast):
    from kelurahan.models import ProfilKelurahan

    for kode in ("32.04.05.2004", "33.01.01.2001"):
        ProfilKelurahan.objects.create(wilayah_id=kode, tahun=2012, penduduk_l=10, penduduk_p=12, jumlah_kk=6)
    return _profil_kosong(cast)


def _profil_data(cast):
    return {
        "penduduk_l": "100",
        "penduduk_p": "110",
        "jumlah_kk": "60",
        "kk_miskin": "20",
        "jumlah_mbr": "70",
        "jumlah_rt": "8",
        "jumlah_rw": "2",
        "jumlah_dusun": "0",
        "sumber": "Profil Desa",
    }


def _profil_data_versi(cast):
    return {**_profil_data(cast), "versi": "1"}


ROWS += [
    Row("kelurahan:profil", _profil_kosong, only(PROFIL)),
    Row("kelurahan:profil", _profil, only(PROFIL)),
    Row("kelurahan:profil", _profil_kosong, only(PROFIL, ok=302), method="post", data=_profil_data),
    Row("kelurahan:profil", _profil, only(PROFIL, ok=302), method="post", data=_profil_data_versi),
    Row("kelurahan:profil_xlsx", _wilayah, statuses(200)),
    Row("kelurahan:profil_xlsx", lambda cast: _profil(cast) and _wilayah(cast), statuses(200)),
    Row("kelurahan:profil_xlsx", _kabupaten, statuses(200, pjok=404, fasilitator=404, bkm=404)),
]


# --- background jobs (kelurahan/views/tugas.py): the asker only, within his regions ---
def _tugas(cast):
    """A finished job of the facilitator about Cinunuk ("in") and one of his about a region he
    does not hold ("out"): nobody else sees either."""
    from django.core.files.base import ContentFile

    from kelurahan.models import Berkas, StatusTugas, Tugas

    out = {}
    for where, kode in (("in", "32.04.05.2004"), ("out", "33.01.01.2001")):
        berkas = Berkas(nama_asli="daftar.xlsx", tipe_isi="application/pdf", ukuran=3)
        berkas.berkas.save("daftar.pdf", ContentFile(b"pdf"), save=False)
        berkas.save()
        tugas = Tugas.objects.create(
            jenis="uji",
            judul="Uji",
            pemohon=cast.users["fasilitator"],
            kode_wilayah=kode,
            kunci=where,
            status=StatusTugas.SELESAI,
            progres=100,
            hasil=berkas,
        )
        out[where] = {"pk": tugas.pk}
    return out


_hanya_pemohon = {u: 200 if u == "fasilitator" else 404 for u in USERS}

ROWS += [
    Row("kelurahan:tugas", _tugas, _hanya_pemohon, admin_out=404),
    Row("kelurahan:tugas_unduh", _tugas, _hanya_pemohon, admin_out=404),
]

# a region's profiles as xlsx by a background job (POST: a redirect to the job's page)
ROWS += [as_post(ROWS, "kelurahan:profil_xlsx", ok=302)]
