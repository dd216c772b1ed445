"""Background jobs (kelurahan.Tugas): a large export becomes a job, its progress page, the
download for the asker only and within his regions, a stored result reused for the same data,
a failing job reported in Indonesian; run in-process and, where Redis answers, by a real worker."""

import io
import uuid
from unittest import mock

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from kelurahan import tugas as layanan
from kelurahan.models import Akses, Berkas, StatusTugas, Tugas
from lokakarya import tasks as lokakarya_tasks
from tests.lokakarya.factories import make_lokakarya
from tests.pekerja import pekerja, tunggu  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db(transaction=True)

LOG = []


@layanan.tugas_berkas("uji.progres")
def _progres(tugas, lapor):
    lapor(40)
    LOG.append(Tugas.objects.get(pk=tugas.pk).progres)
    return layanan.HasilBerkas(b"%PDF-uji", "uji.pdf", "application/pdf")


@layanan.tugas_berkas("uji.rusak")
def _rusak(tugas, lapor):
    raise RuntimeError("division by zero somewhere deep")


@layanan.tugas_berkas("uji.ditolak")
def _ditolak(tugas, lapor):
    raise layanan.TugasGagal("Data wilayah ini terlalu besar untuk satu berkas; pilih kabupaten.")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.FILES_SERVE = "django"
    return tmp_path


def _minta(user, task, kode="32.04.05.2004", jenis="uji", stempel="v1"):
    return layanan.minta_tugas(
        user, task, jenis=jenis, judul="Daftar hadir besar", parameter={"pk": 1}, stempel=stempel, kode_wilayah=kode
    )


def _isi(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _lembar(response) -> list[tuple]:
    wb = openpyxl.load_workbook(io.BytesIO(_isi(response)), read_only=True)
    return list(wb.active.iter_rows(values_only=True))


def test_large_export_becomes_a_job_and_its_file_is_downloaded(pekerja, cinunuk, client_for, settings):  # noqa: F811
    make_lokakarya(cinunuk, judul="Lokakarya desa pertama", peserta=3)
    make_lokakarya(cinunuk, judul="Lokakarya desa kedua")
    url = reverse("lokakarya:list_xlsx") + "?tingkat="
    c = client_for("fasilitator")
    settings.TUGAS_AMBANG_BARIS = 5
    small = c.get(url)
    assert small["Content-Type"].startswith("application/vnd.openxmlformats")
    assert len(_lembar(small)) == 3 and not Tugas.objects.exists()

    settings.TUGAS_AMBANG_BARIS = 1
    offer = c.get(url)
    assert offer.status_code == 200 and "Buat berkas" in offer.content.decode()
    assert not Tugas.objects.exists()  # a GET writes nothing
    asked = c.post(url)
    tugas = Tugas.objects.get()
    assert asked.status_code == 302 and asked["Location"] == reverse("kelurahan:tugas", args=[tugas.pk])
    assert tugas.pemohon.username == "fasilitator" and tugas.kode_wilayah is None
    tunggu(tugas)
    assert tugas.status == StatusTugas.SELESAI and tugas.progres == 100 and tugas.hasil.nama_asli == "lokakarya.xlsx"
    page = c.get(asked["Location"]).content.decode()
    assert "Berkas sudah siap." in page and reverse("kelurahan:tugas_unduh", args=[tugas.pk]) in page
    assert "every 2s" not in page  # finished: no more polling
    rows = _lembar(c.get(reverse("kelurahan:tugas_unduh", args=[tugas.pk])))
    assert rows[0][:2] == ("Tanggal", "Judul")
    assert {r[1] for r in rows[1:]} == {"Lokakarya desa pertama", "Lokakarya desa kedua"}
    # asked again with unchanged data: the same job, at once
    assert c.get(url)["Location"] == asked["Location"]
    assert c.post(url)["Location"] == asked["Location"] and Tugas.objects.count() == 1


def test_progress_is_reported_and_shown_while_the_job_runs(pekerja, users, client_for):  # noqa: F811
    LOG.clear()
    tugas = tunggu(_minta(users["fasilitator"], _progres))
    assert LOG == [40] and tugas.status == StatusTugas.SELESAI and tugas.progres == 100

    berjalan = Tugas.objects.create(
        jenis="uji", judul="Paket rapat", pemohon=users["fasilitator"], kode_wilayah="32.04.05.2004",
        kunci="x", status=StatusTugas.BERJALAN, progres=40,
    )  # fmt: skip
    c = client_for("fasilitator")
    url = reverse("kelurahan:tugas", args=[berjalan.pk])
    page = c.get(url).content.decode()
    assert "Paket rapat" in page and 'aria-valuenow="40"' in page and "width: 40%" in page
    assert 'hx-trigger="every 2s"' in page and f'hx-get="{url}"' in page and "Sedang dibuat" in page
    part = c.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in part and 'data-status="berjalan"' in part and "40%" in part
    assert c.get(reverse("kelurahan:tugas_unduh", args=[berjalan.pk])).status_code == 404  # not done yet


def test_download_is_for_the_asker_only_and_within_his_regions(pekerja, users, client_for):  # noqa: F811
    tugas = tunggu(_minta(users["fasilitator"], _progres))
    page, unduh = reverse("kelurahan:tugas", args=[tugas.pk]), reverse("kelurahan:tugas_unduh", args=[tugas.pk])
    own = client_for("fasilitator").get(unduh)
    assert own.status_code == 200 and _isi(own) == b"%PDF-uji"
    for who in ("bkm", "fasilitator2", "korkot", "admin"):  # same region, elsewhere, above, national
        c = client_for(who)
        assert c.get(page).status_code == 404 and c.get(unduh).status_code == 404, who
    # the facilitator moves to Pasawahan: his old Cinunuk job is out of his scope now
    Akses.objects.filter(user=users["fasilitator"]).update(wilayah_id="32.04.12.1001")
    c = client_for("fasilitator")
    assert c.get(page).status_code == 404 and c.get(unduh).status_code == 404
    assert Client().get(unduh).status_code == 302  # a visitor goes to the login page


def test_unchanged_data_is_served_from_storage_at_once(pekerja, users, cinunuk, client_for, settings):  # noqa: F811
    settings.TUGAS_AMBANG_BARIS = 0
    lok = make_lokakarya(cinunuk, judul="Lokakarya desa", peserta=2)
    url = reverse("lokakarya:list_xlsx")
    first = Tugas.objects.get(pk=client_for("fasilitator").post(url)["Location"].split("/")[-2])
    tunggu(first)
    # the BKM of the same desa sees the same rows: his job is finished at once, same file, nothing queued
    with mock.patch.object(lokakarya_tasks.ekspor_xlsx, "delay") as delay:
        r = client_for("bkm").post(url)
    shared = Tugas.objects.get(pk=r["Location"].split("/")[-2])
    assert not delay.called
    assert shared.pemohon.username == "bkm" and shared.status == StatusTugas.SELESAI and shared.dari_simpanan
    assert shared.hasil_id == first.hasil_id and Berkas.objects.count() == 1
    page = client_for("bkm").get(r["Location"]).content.decode()
    assert "Berkas untuk data yang sama sudah tersedia." in page
    # the Korkot sees the whole kabupaten (another scope): not shared even though the rows match
    with mock.patch.object(lokakarya_tasks.ekspor_xlsx, "delay") as delay:
        client_for("korkot").post(url)
    assert delay.called
    # a change to the data makes a new file
    lok.pertemuan.judul = "Lokakarya desa (diperbaiki)"
    lok.pertemuan.save()
    again = Tugas.objects.get(pk=client_for("fasilitator").post(url)["Location"].split("/")[-2])
    assert again.pk != first.pk
    tunggu(again)
    rows = _lembar(client_for("fasilitator").get(reverse("kelurahan:tugas_unduh", args=[again.pk])))
    assert rows[1][1] == "Lokakarya desa (diperbaiki)"


def test_a_failing_job_is_reported_to_the_user_in_indonesian(pekerja, users, client_for):  # noqa: F811
    c = client_for("fasilitator")
    rusak = tunggu(_minta(users["fasilitator"], _rusak, jenis="rusak"))
    assert rusak.status == StatusTugas.GAGAL and rusak.hasil is None
    page = c.get(reverse("kelurahan:tugas", args=[rusak.pk])).content.decode()
    assert "Berkas gagal dibuat." in page and "terjadi kesalahan di server" in page
    assert "division by zero" not in page  # no internals shown
    assert c.get(reverse("kelurahan:tugas_unduh", args=[rusak.pk])).status_code == 404
    ditolak = tunggu(_minta(users["fasilitator"], _ditolak, jenis="ditolak"))
    page = c.get(reverse("kelurahan:tugas", args=[ditolak.pk])).content.decode()
    assert "terlalu besar untuk satu berkas; pilih kabupaten." in page
    # a failed job is not reused: asking again queues a new one
    assert _minta(users["fasilitator"], _rusak, jenis="rusak").pk != rusak.pk


def test_an_unknown_job_is_a_404(users, client_for):
    c = client_for("admin")
    assert c.get(reverse("kelurahan:tugas", args=[uuid.uuid4()])).status_code == 404


def test_a_long_attendance_list_is_printed_by_a_job(pekerja, pertemuan_factory, client_for, settings):  # noqa: F811
    from kelurahan.services import BarisKehadiran, tambah_kehadiran
    from tests.kelurahan.helpers_kehadiran import pdf_text

    p = pertemuan_factory(judul="Rembug warga besar")
    tambah_kehadiran(p, [BarisKehadiran(nama=f"Warga Nomor {i:02d}", jenis_kelamin="LP"[i % 2]) for i in range(12)])
    settings.TUGAS_AMBANG_HADIR = 10
    url = reverse("kelurahan:daftar_hadir_pdf", args=[p.pk])
    c = client_for("bkm")
    assert "Buat berkas" in c.get(url).content.decode() and not Tugas.objects.exists()
    tugas = tunggu(Tugas.objects.get(pk=c.post(url)["Location"].split("/")[-2]))
    assert tugas.status == StatusTugas.SELESAI and tugas.kode_wilayah == "32.04.05.2004"
    text = pdf_text(_isi(c.get(reverse("kelurahan:tugas_unduh", args=[tugas.pk]))))
    assert "Warga Nomor 00" in text and "Warga Nomor 11" in text
    # the blank list stays immediate, whatever the size
    blank = c.get(reverse("kelurahan:daftar_hadir_kosong_pdf", args=[p.pk]))
    assert blank["Content-Type"] == "application/pdf"
    # one more participant: a new file, not the stored one
    tambah_kehadiran(p, [BarisKehadiran(nama="Warga Terlambat", jenis_kelamin="P")])
    assert c.get(url).status_code == 200  # offered again, not redirected to the old job


def test_a_wide_tipp_export_is_made_by_a_job_within_the_users_regions(pekerja, regions, client_for, settings):  # noqa: F811
    settings.TUGAS_AMBANG_BARIS = 1
    url = reverse("tipp:index") + "?unduh=xlsx"
    c = client_for("korkot")  # Kabupaten Bandung: Cinunuk and Pasawahan
    assert "Buat berkas" in c.get(url).content.decode() and not Tugas.objects.exists()
    tugas = tunggu(Tugas.objects.get(pk=c.post(url)["Location"].split("/")[-2]))
    assert tugas.status == StatusTugas.SELESAI, tugas.pesan
    rows = _lembar(c.get(reverse("kelurahan:tugas_unduh", args=[tugas.pk])))
    assert rows[0][0] == "Kode" and sorted(r[0] for r in rows[1:]) == ["32.04.05.2004", "32.04.12.1001"]
    settings.TUGAS_AMBANG_BARIS = 5
    small = c.get(url)
    assert small["Content-Type"].startswith("application/vnd.openxmlformats") and len(_lembar(small)) == 3


def test_national_and_province_dashboard_pdfs_are_made_by_jobs(pekerja, regions, client_for):  # noqa: F811
    from plpbk.dasbor import ringkasan
    from tests.kelurahan.helpers_kehadiran import pdf_text

    ringkasan.proses_tanda()  # the dashboard prints the summary as counted
    c = client_for("admin")
    url = reverse("dashboard_pdf")
    assert "Buat berkas" in c.get(url).content.decode() and not Tugas.objects.exists()
    tugas = tunggu(Tugas.objects.get(pk=c.post(url)["Location"].split("/")[-2]))
    assert tugas.status == StatusTugas.SELESAI, tugas.pesan
    assert tugas.kode_wilayah is None and tugas.hasil.nama_asli == "dasbor-indonesia.pdf"
    text = pdf_text(_isi(c.get(reverse("kelurahan:tugas_unduh", args=[tugas.pk]))))
    assert "Jawa Barat" in text and "Jawa Tengah" in text
    # unchanged figures: the same file at once
    assert c.post(url)["Location"] == reverse("kelurahan:tugas", args=[tugas.pk])
    # a province is a job too; a kabupaten stays immediate
    satker = client_for("satker")
    assert "Buat berkas" in satker.get(reverse("dashboard_region_pdf", args=["32"])).content.decode()
    assert satker.get(reverse("dashboard_region_pdf", args=["32.04"]))["Content-Type"] == "application/pdf"


def test_a_large_workshop_pack_is_made_by_a_job(pekerja, cinunuk, client_for, settings):  # noqa: F811
    from tests.kelurahan.helpers_kehadiran import pdf_text

    lok = make_lokakarya(cinunuk, judul="Lokakarya PLP-BK tingkat Desa", peserta=12)
    settings.TUGAS_AMBANG_HADIR = 10
    url = reverse("lokakarya:paket_pdf", args=[lok.pk])
    c = client_for("pjok")
    assert "Buat berkas" in c.get(url).content.decode()
    tugas = tunggu(Tugas.objects.get(pk=c.post(url)["Location"].split("/")[-2]))
    assert tugas.status == StatusTugas.SELESAI, tugas.pesan
    text = pdf_text(_isi(c.get(reverse("kelurahan:tugas_unduh", args=[tugas.pk]))))
    assert "Peserta 000" in text and "Peserta 011" in text and "BERITA ACARA" in text.upper()
    settings.TUGAS_AMBANG_HADIR = 300
    assert c.get(url)["Content-Type"] == "application/pdf"


def test_old_jobs_and_their_unshared_files_are_cleaned_up(users, media):
    import datetime

    from django.utils import timezone

    from kelurahan.tasks import bersihkan_tugas

    lama = tunggu(_minta(users["fasilitator"], _progres, stempel="lama"))
    baru = tunggu(_minta(users["fasilitator"], _progres, stempel="baru"))
    berbagi = _minta(users["bkm"], _progres, stempel="baru")  # shares the new file
    assert berbagi.dari_simpanan and berbagi.hasil_id == baru.hasil_id
    file_lama = lama.hasil.berkas.name
    Tugas.objects.filter(pk__in=[lama.pk, baru.pk]).update(dibuat=timezone.now() - datetime.timedelta(days=8))
    assert bersihkan_tugas() == 2
    assert list(Tugas.objects.all()) == [berbagi]
    assert list(Berkas.objects.values_list("pk", flat=True)) == [baru.hasil_id]  # still used by the BKM's job
    assert not (media / file_lama).exists() and (media / baru.hasil.berkas.name).exists()


def test_a_job_that_cannot_be_queued_or_was_abandoned(users, client_for, settings):
    import datetime

    from django.utils import timezone

    # the broker cannot be reached: the job fails visibly instead of waiting for ever
    with mock.patch.object(_progres, "delay", side_effect=ConnectionError("redis down")):
        tugas = _minta(users["fasilitator"], _progres, stempel="putus")
    tugas.refresh_from_db()
    assert tugas.status == StatusTugas.GAGAL
    page = client_for("fasilitator").get(reverse("kelurahan:tugas", args=[tugas.pk])).content.decode()
    assert "tidak dapat dimasukkan ke antrean" in page
    # a job left running by a dead worker is taken over when its message comes again; a fresh one is not
    settings.CELERY_TASK_SOFT_TIME_LIMIT = 60
    segar = Tugas.objects.create(
        jenis="uji", judul="x", pemohon=users["fasilitator"], kode_wilayah="32.04.05.2004", kunci="a",
        status=StatusTugas.BERJALAN, mulai=timezone.now(),
    )  # fmt: skip
    assert layanan.jalankan(segar.pk, _progres.buat) == ""
    Tugas.objects.filter(pk=segar.pk).update(mulai=timezone.now() - datetime.timedelta(minutes=5))
    assert layanan.jalankan(segar.pk, _progres.buat) == StatusTugas.SELESAI
