"""A region's xlsx (kelurahan profiles, sosialisasi activities, BLM and KSM tables) past
settings.TUGAS_AMBANG_BARIS rows is made by a background job, like the lokakarya list: asked,
done, downloaded by the asker only and within his regions, reused while the rows are unchanged;
run in-process and, where Redis and PostgreSQL answer, by a real worker."""

import io
from unittest import mock

import openpyxl
import pytest
from django.urls import reverse

from blm import tasks as blm_tasks
from kelurahan.models import Akses, StatusTugas, Tugas
from kelurahan.profil import simpan_profil
from kelurahan.tugas import stempel_baris
from sosialisasi.models import RembugWarga, TargetInklusi
from tests.blm import factories as fb
from tests.blm import factories_ksm as fk
from tests.pekerja import pekerja, tunggu  # noqa: F401  (the fixture)
from tests.sosialisasi import factories as fs

pytestmark = pytest.mark.django_db(transaction=True)

ANGKA = {
    "penduduk_l": 9800,
    "penduduk_p": 10150,
    "jumlah_kk": 5900,
    "kk_miskin": 1240,
    "jumlah_mbr": 4100,
    "jumlah_rt": 96,
    "jumlah_rw": 22,
    "jumlah_dusun": 4,
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.FILES_SERVE = "django"
    settings.TUGAS_AMBANG_BARIS = 1


def _tugas(response) -> Tugas:
    assert response.status_code == 302, response.status_code
    return Tugas.objects.get(pk=response["Location"].split("/")[-2])


def _lembar(response) -> list[tuple]:
    isi = b"".join(response.streaming_content) if response.streaming else response.content
    return list(openpyxl.load_workbook(io.BytesIO(isi), read_only=True).active.iter_rows(values_only=True))


def _unduh(c, tugas) -> list[tuple]:
    return _lembar(c.get(reverse("kelurahan:tugas_unduh", args=[tugas.pk])))


def test_a_province_profile_export_is_a_job_for_its_asker(pekerja, cinunuk, pasawahan, users, client_for, settings):  # noqa: F811
    simpan_profil(cinunuk, 2012, ANGKA, sumber="Profil Desa", user=users["fasilitator"])
    simpan_profil(pasawahan, 2012, {**ANGKA, "kk_miskin": 700}, sumber="Profil Desa", user=users["fasilitator2"])
    url = reverse("kelurahan:profil_xlsx", args=["32"])
    c = client_for("satker")
    assert "Buat berkas" in c.get(url).content.decode() and not Tugas.objects.exists()
    tugas = tunggu(_tugas(c.post(url)))
    assert tugas.status == StatusTugas.SELESAI, tugas.pesan
    assert tugas.kode_wilayah == "32" and tugas.kapabilitas == "view"
    assert tugas.hasil.nama_asli == "profil-kelurahan-32.xlsx"
    rows = _unduh(c, tugas)
    assert rows[0][:3] == ("Kode wilayah", "Kelurahan/desa", "Tahun")
    assert [(r[0], r[7]) for r in rows[1:]] == [("32.04.05.2004", 1240), ("32.04.12.1001", 700)]
    page, unduh = reverse("kelurahan:tugas", args=[tugas.pk]), reverse("kelurahan:tugas_unduh", args=[tugas.pk])
    for who in ("kmw", "korkot", "fasilitator"):  # the same province, below it
        other = client_for(who)
        assert other.get(page).status_code == 404 and other.get(unduh).status_code == 404, who
    assert client_for("korkot").get(url).status_code == 404  # the province is above his scope
    # unchanged rows: the same job at once
    assert c.get(url)["Location"] == page
    assert c.post(url)["Location"] == page and Tugas.objects.count() == 1
    # the KMW of the same province is served the stored file, nothing queued
    with mock.patch("kelurahan.tasks.profil_xlsx.delay") as delay:
        shared = _tugas(client_for("kmw").post(url))
    assert not delay.called and shared.dari_simpanan and shared.hasil_id == tugas.hasil_id
    # a corrected profile: a new file
    simpan_profil(pasawahan, 2012, {**ANGKA, "kk_miskin": 650}, user=users["bkm2"], versi=1)
    assert c.get(url).status_code == 200
    again = tunggu(_tugas(c.post(url)))
    assert [r[7] for r in _unduh(c, again)[1:]] == [1240, 650]
    # the facilitator moves away: his province job is no longer his to see
    Akses.objects.filter(user=users["satker"]).update(wilayah_id="33")
    assert client_for("satker").get(page).status_code == 404
    # a small region stays immediate
    settings.TUGAS_AMBANG_BARIS = 5
    small = client_for("korkot").get(reverse("kelurahan:profil_xlsx", args=["32.04"]))
    assert small["Content-Type"].startswith("application/vnd.openxmlformats") and len(_lembar(small)) == 3


def test_a_region_sosialisasi_export_is_a_job_and_follows_the_targets(pekerja, cinunuk, client_for):  # noqa: F811
    fs.rembug(cinunuk, laki=3, perempuan=1, judul="Rembug RW 01")
    fs.rembug(cinunuk, laki=2, perempuan=2, judul="Rembug RW 02")
    url = reverse("sosialisasi:xlsx", args=["32.04"])
    c = client_for("korkot")
    assert "Buat berkas" in c.get(url).content.decode()
    tugas = tunggu(_tugas(c.post(url)))
    assert tugas.status == StatusTugas.SELESAI, tugas.pesan
    rows = _unduh(c, tugas)
    assert sorted(r[4] for r in rows[1:]) == ["Rembug RW 01", "Rembug RW 02"]
    assert c.get(url)["Location"] == reverse("kelurahan:tugas", args=[tugas.pk])
    # new targets change what the inclusion column says: a new file
    target = TargetInklusi.current()
    target.persen_perempuan = 20
    target.save()
    assert c.get(url).status_code == 200
    # and so does a new participant
    fs.hadir(RembugWarga.objects.get(pertemuan__judul="Rembug RW 01"), perempuan=1, prefix="Baru")
    stempel = c.get(url)
    assert stempel.status_code == 200 and "Buat berkas" in stempel.content.decode()


def test_blm_and_ksm_exports_of_a_province_are_jobs(pekerja, cinunuk, pasawahan, users, client_for, settings):  # noqa: F811
    fb.alokasi(cinunuk)
    fb.alokasi(pasawahan)
    url = reverse("blm:unduh", args=["32", "alokasi"])
    c = client_for("satker")
    tugas = tunggu(_tugas(c.post(url)))
    assert tugas.status == StatusTugas.SELESAI, tugas.pesan
    assert tugas.hasil.nama_asli == "blm-alokasi-32.xlsx" and tugas.parameter == {"kode": "32", "jenis": "alokasi"}
    assert [r[0] for r in _unduh(c, tugas)[1:]] == ["32.04.05.2004", "32.04.12.1001"]
    assert c.post(url)["Location"] == reverse("kelurahan:tugas", args=[tugas.pk])
    # the allocations' payments move the stamp (not versioned with the allocation)
    from blm.models import AlokasiBLM

    AlokasiBLM.objects.filter(wilayah=cinunuk).update(terbayar=200_000_000)
    assert c.get(url).status_code == 200
    assert c.get(reverse("blm:unduh", args=["32", "tidak-ada"])).status_code == 404
    # KSM members print who is poor or disabled: the job keeps that capability for its download
    fk.ksm(cinunuk)
    fk.ksm(pasawahan, nama="KSM Jalan Lingkungan")
    anggota = reverse("blm:ksm_unduh", args=["32", "anggota"])
    tugas = tunggu(_tugas(c.post(anggota)))
    assert tugas.status == StatusTugas.SELESAI and tugas.kapabilitas == "data_pribadi", tugas.pesan
    assert len(_unduh(c, tugas)) == 3
    ksm = tunggu(_tugas(c.post(reverse("blm:ksm_unduh", args=["32", "ksm"]))))
    assert sorted(r[2] for r in _unduh(c, ksm)[1:]) == ["KSM Jalan Lingkungan", "KSM Saluran Sejahtera"]
    with mock.patch.object(blm_tasks.ekspor_ksm_xlsx, "delay") as delay:
        assert client_for("pemda").post(reverse("blm:ksm_unduh", args=["32.04", "anggota"])).status_code == 403
    assert not delay.called


def test_a_region_job_whose_region_left_the_scope_fails_plainly(cinunuk, users):
    """The job reads the region again within the asker's scope when it runs."""
    from kelurahan import tugas as layanan

    t = Tugas.objects.create(
        jenis="kelurahan.profil_xlsx", judul="x", pemohon=users["fasilitator"], kode_wilayah="32",
        parameter={"kode": "32", "jenis": ""}, kunci="k", status=StatusTugas.ANTRI,
    )  # fmt: skip
    from kelurahan.tasks import profil_xlsx

    assert layanan.jalankan(t.pk, profil_xlsx.buat) == StatusTugas.GAGAL
    t.refresh_from_db()
    assert "terjadi kesalahan di server" in t.pesan


def test_the_row_stamp_moves_with_an_edit_an_addition_and_a_removal(cinunuk, pasawahan, users):
    from kelurahan.models import ProfilKelurahan

    simpan_profil(cinunuk, 2012, ANGKA, user=users["fasilitator"])
    qs = ProfilKelurahan.objects.all()
    first = stempel_baris(qs)
    assert stempel_baris(qs) == first
    simpan_profil(cinunuk, 2012, {**ANGKA, "jumlah_rt": 97}, user=users["fasilitator"], versi=1)
    edited = stempel_baris(qs)
    simpan_profil(pasawahan, 2012, ANGKA, user=users["fasilitator2"])
    added = stempel_baris(qs)
    ProfilKelurahan.objects.filter(wilayah=cinunuk).delete()
    assert len({first, edited, added, stempel_baris(qs)}) == 4
    # a model without a version is stamped by its rows' own fields
    from blm.models_ksm import AnggotaKSM

    fk.ksm(cinunuk)
    before = stempel_baris(AnggotaKSM.objects.all())
    AnggotaKSM.objects.update(jabatan="Ketua KSM")
    assert stempel_baris(AnggotaKSM.objects.all()) != before


def test_the_dashboard_pdf_job_checks_the_askers_scope_again(regions, users):
    """The dashboard job builds the page's content without a view, re-checking what the view checks."""
    from kelurahan import tugas as layanan
    from plpbk.dasbor.tasks import dasbor_pdf
    from tests.kelurahan.helpers_kehadiran import pdf_text

    def job(user, kode):
        t = Tugas.objects.create(
            jenis="dasbor.pdf", judul="x", pemohon=users[user], kode_wilayah=kode,
            parameter={"kode": kode, "q": ""}, kunci=f"{user}{kode}",
        )  # fmt: skip
        layanan.jalankan(t.pk, dasbor_pdf.buat)
        t.refresh_from_db()
        return t

    done = job("satker", "32")
    assert done.status == StatusTugas.SELESAI and done.hasil.nama_asli == "dasbor-32.pdf"
    assert "RINGKASAN DASBOR PLP-BK PROVINSI JAWA BARAT" in pdf_text(done.hasil.berkas.read())
    national = job("satker", None)  # a province user cannot print the nation
    assert national.status == StatusTugas.GAGAL and "seluruh Indonesia" in national.pesan
    assert job("korkot", "32").status == StatusTugas.GAGAL  # above his kabupaten
