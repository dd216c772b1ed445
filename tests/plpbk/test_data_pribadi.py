"""Disability and poverty status of named people: shown only to roles holding "data_pribadi"
(pemda and PPK do not); exports carrying them say so, and the others get them without.

Counts (how many attendees had a disability) are aggregates, not personal data: lokakarya and
sosialisasi lists and exports show them to everyone."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from kelurahan import access
from kelurahan.models import Orang
from kelurahan.services import BarisKehadiran, tambah_kehadiran
from tests.kelurahan.helpers_kehadiran import pdf_text
from tipp import services as tipp_services

pytestmark = pytest.mark.django_db
CINUNUK = "32.04.05.2004"


@pytest.fixture
def meeting(pertemuan_factory):
    p = pertemuan_factory(judul="Rembug warga RW 03")
    tambah_kehadiran(
        p,
        [
            BarisKehadiran(nama="Euis Sumarni", jenis_kelamin="P", miskin=True),
            BarisKehadiran(nama="Asep Saepudin", jenis_kelamin="L", disabilitas=True),
        ],
    )
    return p


def test_the_capability_is_withheld_from_pemda_and_ppk(users):
    assert not access.has_cap(users["pemda"], "data_pribadi", CINUNUK)
    assert not access.has_cap(users["ppk"], "data_pribadi", CINUNUK)
    assert access.has_cap(users["fasilitator"], "data_pribadi", CINUNUK)


def test_attendance_page(meeting, client_for):
    url = reverse("kelurahan:kehadiran", args=[meeting.pk])
    shown = client_for("fasilitator").get(url).content.decode()
    hidden = client_for("pemda").get(url).content.decode()
    assert "Euis Sumarni" in hidden and "Euis Sumarni" in shown
    assert "<th>Disabilitas</th>" in shown and "<th>Miskin</th>" in shown
    assert "<th>Disabilitas</th>" not in hidden and "<th>Miskin</th>" not in hidden


def _sheet(response):
    ws = openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).worksheets[0]
    return [list(row) for row in ws.iter_rows(values_only=True)]


def test_attendance_export(meeting, client_for):
    url = reverse("kelurahan:kehadiran_xlsx", args=[meeting.pk])
    full = _sheet(client_for("fasilitator").get(url))
    bare = _sheet(client_for("ppk").get(url))
    flat_full = [str(v) for row in full for v in row if v is not None]
    flat_bare = [str(v) for row in bare for v in row if v is not None]
    assert any("Disabilitas" in v for v in flat_full) and any("miskin" in v.lower() for v in flat_full)
    assert not any("Disabilitas" in v or "miskin" in v.lower() for v in flat_bare)
    assert "Euis Sumarni" in flat_bare
    assert full[0][0].startswith("Berisi data pribadi") and not bare[0][0].startswith("Berisi")


def test_attendance_pdf(meeting, client_for):
    url = reverse("kelurahan:daftar_hadir_pdf", args=[meeting.pk])
    full = pdf_text(client_for("bkm").get(url).content)
    bare = pdf_text(client_for("pemda").get(url).content)
    assert "Asep Saepudin" in bare and "Asep Saepudin" in full
    assert "Difabel" in full and "Difabel" not in bare and "Disabilitas" not in bare
    assert "Berisi data pribadi" in full and "Berisi data pribadi" not in bare


def test_region_people_list(regions, client_for):
    Orang.objects.create(nama="Siti Aminah", jenis_kelamin="P", wilayah=regions[CINUNUK], disabilitas=True)
    url = reverse("kelurahan:wilayah", args=[CINUNUK])
    shown = client_for("pjok").get(url).content.decode()
    hidden = client_for("pemda").get(url).content.decode()
    assert "Siti Aminah" in hidden
    assert "<th>Disabilitas</th>" in shown and "<th>Disabilitas</th>" not in hidden


def test_tipp_members_vulnerable_groups(regions, client_for):
    tipp = tipp_services.buat_tipp(regions[CINUNUK])
    anggota = tipp_services.simpan_anggota(
        tipp, nama="Dedi Kurnia", jenis_kelamin="L", asal="bkm", peran="Anggota", mulai=datetime.date(2012, 6, 1)
    )
    Orang.objects.filter(pk=anggota.orang_id).update(disabilitas=True)
    url = reverse("tipp:detail", args=[CINUNUK])
    assert 'data-testid="rentan"' in client_for("korkot").get(url).content.decode()
    hidden = client_for("pemda").get(url).content.decode()
    assert "Dedi Kurnia" in hidden and 'data-testid="rentan"' not in hidden


def test_history_page_hides_personal_fields(regions, client_for):
    orang = Orang.objects.create(nama="Nining", jenis_kelamin="P", wilayah=regions[CINUNUK])
    orang.miskin = True
    orang.save()
    url = reverse("kelurahan:riwayat", args=["kelurahan", "orang", orang.pk])
    assert "warga miskin" in client_for("bkm").get(url).content.decode().lower()
    assert "warga miskin" not in client_for("ppk").get(url).content.decode().lower()


def test_export_with_the_note_still_imports(meeting, pertemuan_factory, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = client_for("fasilitator")
    response = c.get(reverse("kelurahan:kehadiran_xlsx", args=[meeting.pk]))
    data = b"".join(response.streaming_content) if response.streaming else response.content
    other = pertemuan_factory(judul="Rapat lanjutan")
    preview = c.post(
        reverse("kelurahan:kehadiran_import", args=[other.pk]), {"berkas": SimpleUploadedFile("d.xlsx", data)}
    )
    assert preview.context["token"]
    c.post(reverse("kelurahan:kehadiran_import", args=[other.pk]), {"token": preview.context["token"]})
    assert set(other.kehadiran.values_list("nama", "miskin", "disabilitas")) == {
        ("Euis Sumarni", True, False),
        ("Asep Saepudin", False, True),
    }
