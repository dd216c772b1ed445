"""The Pokja election's pack (berita acara with its daftar hadir) of a large meeting is made by a
background job, and the TIPP list's xlsx is built by a plain function the job and the view share;
run in-process and, where Redis and PostgreSQL answer, by a real worker."""

import ast
import io
from pathlib import Path

import openpyxl
import pytest
from django.http import QueryDict
from django.urls import reverse

from kelurahan.models import StatusTugas, Tugas
from kelurahan.services import BarisKehadiran, tambah_kehadiran
from tests.kelurahan.helpers_kehadiran import pdf_text
from tests.pekerja import isi as _isi
from tests.pekerja import pekerja, tunggu  # noqa: F401  (the fixture)
from tests.pekerja import tugas_dari as _tugas
from tests.tipp.test_election import _all_voters, _candidates, pemilihan  # noqa: F401  (the fixture)
from tipp import election, exports

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.FILES_SERVE = "django"
    settings.TUGAS_AMBANG_HADIR = 5


def test_a_large_election_pack_is_made_by_a_job_for_its_asker(pekerja, pemilihan, client_for, settings):  # noqa: F811
    k = _candidates(pemilihan, [("Ade Kusnadi", "L", 0, True), ("Elis Nurhayati", "P", 0, True)])
    _all_voters(pemilihan)
    election.catat_suara(pemilihan, {k["Ade Kusnadi"].pk: 4, k["Elis Nurhayati"].pk: 2})
    url = reverse("tipp:berita_acara", args=[pemilihan.pk])
    c = client_for("bkm")
    assert "Buat berkas" in c.get(url).content.decode() and not Tugas.objects.exists()
    tugas = tunggu(_tugas(c.post(url)))
    assert tugas.status == StatusTugas.SELESAI, tugas.pesan
    assert tugas.kode_wilayah == "32.04.05.2004"
    assert tugas.hasil.nama_asli == f"berita-acara-pemilihan-{pemilihan.pk}.pdf"
    unduh = reverse("kelurahan:tugas_unduh", args=[tugas.pk])
    text = pdf_text(_isi(c.get(unduh)))
    assert "BERITA ACARA PEMILIHAN ANGGOTA" in text.upper() and "Ade Kusnadi" in text and "Elis Nurhayati" in text
    assert "Pemilih yang hadir 6 orang; suara sah 6; jumlah kursi 3" in " ".join(text.split())
    assert "Warga 0" in text and "Warga 5" in text  # the daftar hadir is part of the pack
    for who in ("fasilitator", "fasilitator2", "korkot"):
        assert client_for(who).get(unduh).status_code == 404, who
    assert client_for("fasilitator2").get(url).status_code == 404  # out of his scope
    # unchanged: the same job at once
    assert c.get(url)["Location"] == reverse("kelurahan:tugas", args=[tugas.pk])
    assert c.post(url)["Location"] == reverse("kelurahan:tugas", args=[tugas.pk]) and Tugas.objects.count() == 1
    # votes corrected: a new file with the new count
    election.catat_suara(pemilihan, {k["Ade Kusnadi"].pk: 3, k["Elis Nurhayati"].pk: 3})
    assert c.get(url).status_code == 200
    again = tunggu(_tugas(c.post(url)))
    assert again.pk != tugas.pk and again.status == StatusTugas.SELESAI
    settings.TUGAS_AMBANG_HADIR = 300
    assert c.get(url)["Content-Type"] == "application/pdf"


def test_a_new_participant_or_candidate_makes_a_new_pack(pemilihan, client_for):  # noqa: F811
    url = reverse("tipp:berita_acara", args=[pemilihan.pk])
    c = client_for("fasilitator")
    first = tunggu(_tugas(c.post(url)))
    assert c.get(url).status_code == 302
    _candidates(pemilihan, [("Cucu Sumarni", "P", 0, True)])
    assert c.get(url).status_code == 200
    second = tunggu(_tugas(c.post(url)))
    assert second.pk != first.pk and "Cucu Sumarni" in pdf_text(
        _isi(c.get(reverse("kelurahan:tugas_unduh", args=[second.pk])))
    )
    tambah_kehadiran(pemilihan.pertemuan, [BarisKehadiran(nama="Warga Terlambat", jenis_kelamin="P")])
    assert c.get(url).status_code == 200


def test_the_tipp_list_rows_come_from_a_plain_function(regions, users, tipp_cinunuk, client_for, settings):
    both = exports.lokasi_tipp(users["korkot"], QueryDict(""))
    assert [lok.wilayah_id for lok in both] == ["32.04.05.2004", "32.04.12.1001"]
    assert [lok.wilayah_id for lok in exports.lokasi_tipp(users["korkot"], QueryDict("q=cinunuk"))] == ["32.04.05.2004"]
    assert [lok.wilayah_id for lok in exports.lokasi_tipp(users["fasilitator2"], QueryDict(""))] == ["32.04.12.1001"]
    # the list page's xlsx writes the same rows, filter included
    settings.TUGAS_AMBANG_BARIS = 100
    r = client_for("korkot").get(reverse("tipp:index") + "?unduh=xlsx&q=pasawahan")
    rows = list(openpyxl.load_workbook(io.BytesIO(r.content), read_only=True).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == ["32.04.12.1001"]


@pytest.mark.parametrize("app", ["kelurahan", "lokakarya", "sosialisasi", "tipp", "blm", "plpbk/dasbor"])
def test_jobs_do_not_import_views(app):
    """A job builds its file with the app's plain functions (pdf.py, exports.py), not a view."""
    path = Path(__file__).resolve().parents[2] / app / "tasks.py"
    tree = ast.parse(path.read_text())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
            imported.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            imported.update(a.name for a in node.names)
    assert not [m for m in imported if "views" in m.split(".")], imported
