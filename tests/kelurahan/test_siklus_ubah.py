"""A closed meeting refuses edits of every meeting kind, through its service and its page:
lokakarya, rembug warga, TIPP step meetings, FGD and the Pokja election."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kelurahan import siklus
from kelurahan.models import Pertemuan
from lokakarya.services import simpan_lokakarya
from sosialisasi import services as sosialisasi
from tests.lokakarya.factories import form_data, make_lokakarya
from tests.sosialisasi import factories as f
from tests.tipp.conftest import selesaikan_semua
from tipp import election
from tipp import services as tipp

DITUTUP = "Pertemuan sudah ditutup"
D = datetime.date


def test_lokakarya(cinunuk, users, client_for):
    lk = make_lokakarya(cinunuk, peserta=2)
    siklus.tutup(lk.pertemuan, users["fasilitator"])
    with pytest.raises(ValidationError, match=DITUTUP):
        simpan_lokakarya(cinunuk, {"judul": "Diubah"}, {}, [], lokakarya=lk, versi=lk.versi)
    data = form_data(judul="Lokakarya diubah")
    data["versi"] = lk.versi
    r = client_for("pjok").post(reverse("lokakarya:ubah", args=[lk.pk]), data)
    assert r.status_code == 200 and DITUTUP in r.content.decode()
    page = client_for("pjok").get(lk.get_absolute_url()).content.decode()
    assert 'data-testid="ubah"' not in page
    lk.pertemuan.refresh_from_db()
    assert lk.pertemuan.judul == "Lokakarya PLP-BK tingkat Desa"


def test_rembug(cinunuk, users, client_for):
    r = f.rembug(cinunuk, laki=20, perempuan=10, disabilitas=1)
    sosialisasi.tutup_rembug(r, user=users["fasilitator"])
    with pytest.raises(ValidationError, match=DITUTUP):
        sosialisasi.ubah_rembug(r, judul="Diubah", versi=r.versi)
    r.refresh_from_db()
    data = {"judul": "Diubah", "tanggal": "2012-05-16", "agenda": "x", "hasil": "y", "versi": r.versi}
    page = client_for("fasilitator").post(reverse("sosialisasi:rembug_ubah", args=[r.pk]), data)
    assert page.status_code == 200 and DITUTUP in page.content.decode()
    assert Pertemuan.objects.get(pk=r.pertemuan_id).judul != "Diubah"


def test_a_rembug_meeting_closes_only_through_the_rembug(cinunuk, users, client_for):
    r = f.rembug(cinunuk, laki=20, perempuan=10, disabilitas=1)
    with pytest.raises(ValidationError, match="halaman rembug warga"):
        siklus.tutup(r.pertemuan, users["fasilitator"])
    sosialisasi.tutup_rembug(r, user=users["fasilitator"])
    p = Pertemuan.objects.get(pk=r.pertemuan_id)
    assert p.status == "ditutup"
    assert p.jejak.get().oleh == users["fasilitator"]
    # reopening the meeting from its attendance page reopens the rembug too
    siklus.buka_kembali(p, users["korkot"], "Peserta terlambat belum tercatat")
    r.refresh_from_db()
    assert not r.is_closed


@pytest.fixture
def tipp_cinunuk(cinunuk):
    return tipp.buat_tipp(cinunuk)


def test_tipp_step_meeting(tipp_cinunuk, users):
    langkah = tipp_cinunuk.langkah.get(nomor=1)
    langkah = tipp.simpan_langkah(langkah, tanggal=D(2012, 6, 1), tempat="Balai desa", versi=langkah.versi)
    siklus.tutup(langkah.pertemuan, users["fasilitator"])
    with pytest.raises(ValidationError, match=DITUTUP):
        tipp.simpan_langkah(langkah, tanggal=D(2012, 6, 2), tempat="Masjid", versi=langkah.versi)
    assert Pertemuan.objects.get(pk=langkah.pertemuan_id).tempat == "Balai desa"


def test_fgd_and_election(tipp_cinunuk, users):
    selesaikan_semua(tipp_cinunuk, sampai=4)
    pokja = election.buat_pokja(tipp_cinunuk, nama="Pokja ND")
    fgd = election.simpan_fgd(pokja, kbk="KBK RW 01", kriteria="Warga setempat", tanggal=D(2012, 6, 20))
    siklus.tutup(fgd.pertemuan, users["fasilitator"])
    with pytest.raises(ValidationError, match=DITUTUP):
        election.simpan_fgd(pokja, kbk="KBK RW 02", kriteria="Lain", tanggal=D(2012, 6, 21), fgd=fgd, versi=fgd.versi)
    pemilihan = election.simpan_pemilihan(
        pokja, tanggal=D(2012, 6, 25), tempat="Aula", kriteria="Warga setempat", kursi=3, kursi_perempuan_min=None
    )
    kandidat = election.tambah_kandidat(pemilihan, nama="Asep", jenis_kelamin="L", memenuhi_kriteria=True)
    siklus.tutup(pemilihan.pertemuan, users["fasilitator"])
    with pytest.raises(ValidationError, match=DITUTUP):
        election.tambah_kandidat(pemilihan, nama="Euis", jenis_kelamin="P", memenuhi_kriteria=True)
    with pytest.raises(ValidationError, match=DITUTUP):
        election.catat_suara(pemilihan, {kandidat.pk: 0})
    with pytest.raises(ValidationError, match=DITUTUP):
        election.hapus_kandidat(kandidat)
    pemilihan.refresh_from_db()
    with pytest.raises(ValidationError, match=DITUTUP):
        election.simpan_pemilihan(
            pokja,
            tanggal=D(2012, 6, 26),
            tempat="Masjid",
            kriteria="Warga",
            kursi=5,
            kursi_perempuan_min=None,
            versi=pemilihan.versi,
        )
    pemilihan.refresh_from_db()
    assert (pemilihan.kursi, pemilihan.kandidat.count()) == (3, 1)
