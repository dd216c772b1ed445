"""The rembug warga pack (berita acara, notulen, daftar hadir, scans) of a large meeting is made by
a background job: asked, done, downloaded by the asker only, reused while the rembug is unchanged;
run in-process and, where Redis and PostgreSQL answer, by a real worker."""

import pytest
from django.urls import reverse

from kelurahan.models import StatusTugas, Tugas
from sosialisasi import services
from sosialisasi.models import TargetInklusi
from tests.kelurahan.helpers_kehadiran import pdf_text
from tests.pekerja import isi as _isi
from tests.pekerja import pekerja, tunggu  # noqa: F401  (the fixture)
from tests.pekerja import tugas_dari as _tugas

from . import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.FILES_SERVE = "django"
    settings.TUGAS_AMBANG_HADIR = 10


def test_a_large_rembug_pack_is_made_by_a_job_for_its_asker(pekerja, cinunuk, client_for, settings):  # noqa: F811
    rembug = f.rembug(cinunuk, laki=7, perempuan=5, disabilitas=1)
    services.ubah_rembug(rembug, agenda="Sosialisasi SK lokasi PLP-BK", hasil="Lokakarya desa 16 Mei 2012")
    url = reverse("sosialisasi:berita_acara", args=[rembug.pk])
    c = client_for("bkm")
    offer = c.get(url)
    assert offer.status_code == 200 and "Buat berkas" in offer.content.decode()
    assert not Tugas.objects.exists()  # a GET writes nothing
    tugas = tunggu(_tugas(c.post(url)))
    assert tugas.status == StatusTugas.SELESAI, tugas.pesan
    assert tugas.kode_wilayah == "32.04.05.2004" and tugas.hasil.nama_asli == f"berita-acara-rembug-{rembug.pk}.pdf"
    unduh = reverse("kelurahan:tugas_unduh", args=[tugas.pk])
    flat = " ".join(pdf_text(_isi(c.get(unduh))).split())
    assert "Rembug Warga Sosialisasi PLP-BK" in flat and "Sosialisasi SK lokasi PLP-BK" in flat
    assert "Warga L0" in flat and "Warga L6" in flat and "Warga P4" in flat  # the daftar hadir pages
    # the file is the asker's: another user of the desa, or one elsewhere, finds nothing
    for who in ("fasilitator", "fasilitator2"):
        other = client_for(who)
        assert other.get(unduh).status_code == 404, who
        assert other.get(reverse("kelurahan:tugas", args=[tugas.pk])).status_code == 404, who
    assert client_for("fasilitator2").get(url).status_code == 404  # the rembug is out of his scope
    assert client_for("fasilitator2").post(url).status_code == 404 and Tugas.objects.count() == 1
    # unchanged: the same job at once, nothing queued again
    assert c.get(url)["Location"] == reverse("kelurahan:tugas", args=[tugas.pk])
    assert c.post(url)["Location"] == reverse("kelurahan:tugas", args=[tugas.pk]) and Tugas.objects.count() == 1
    # small enough: printed at once
    settings.TUGAS_AMBANG_HADIR = 300
    assert c.get(url)["Content-Type"] == "application/pdf"


def test_the_pack_is_made_again_when_the_rembug_or_its_targets_change(pekerja, cinunuk, client_for):  # noqa: F811
    rembug = f.rembug(cinunuk, laki=6, perempuan=6)
    url = reverse("sosialisasi:berita_acara", args=[rembug.pk])
    c = client_for("fasilitator")
    first = tunggu(_tugas(c.post(url)))
    assert c.get(url).status_code == 302
    # new inclusion targets change what an open rembug's berita acara says
    target = TargetInklusi.current()
    target.persen_perempuan = 60
    target.save()
    assert c.get(url).status_code == 200  # offered again, not the old file
    second = tunggu(_tugas(c.post(url)))
    assert second.pk != first.pk
    flat = " ".join(pdf_text(_isi(c.get(reverse("kelurahan:tugas_unduh", args=[second.pk])))).split())
    assert "≥ 60%" in flat and "≥ 30%" not in flat
    # one more participant: again a new file
    f.hadir(rembug, perempuan=1, prefix="Terlambat")
    assert c.get(url).status_code == 200
    third = tunggu(_tugas(c.post(url)))
    assert "Terlambat P0" in pdf_text(_isi(c.get(reverse("kelurahan:tugas_unduh", args=[third.pk]))))
