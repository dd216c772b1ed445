"""RPLP/RTPLP and Aturan Bersama: status steps by the owning roles with their trail, frozen
once legalised, consultations as shared meetings, the PDF summary sheet and the xlsx list."""

import datetime
import io

import openpyxl
import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from pypdf import PdfReader

from kelurahan.konflik import KonflikVersi
from kelurahan.models import Jabatan, Lembaga, Orang, Pertemuan
from kelurahan.services import BarisKehadiran, tambah_kehadiran
from tipp import dokumen, services
from tipp.models import DokumenPerencanaan, JejakDokumen

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
CINUNUK = "32.04.05.2004"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def rtplp(cinunuk, media):
    return dokumen.simpan_dokumen(
        DokumenPerencanaan(wilayah=cinunuk, jenis="rtplp", judul="RTPLP Kawasan RW 05", periode="2012–2016")
    )


def _siap_disahkan(d):
    d.dasar_jenis, d.dasar_nomor, d.dasar_tanggal = "perdes", "5 Tahun 2012", datetime.date(2012, 11, 20)
    d = dokumen.simpan_dokumen(d, versi=d.versi)
    return dokumen.unggah_berkas(d, ContentFile(PDF, name="rtplp.pdf"), versi=d.versi)


@pytest.mark.django_db
def test_status_walks_through_the_owning_roles_and_is_recorded(rtplp, users):
    with pytest.raises(ValidationError, match="konsultasi"):
        dokumen.ubah_status(rtplp, "ajukan", users["fasilitator"], versi=rtplp.versi)
    k = dokumen.tambah_konsultasi(
        rtplp, tanggal=datetime.date(2012, 10, 10), tempat="Aula Desa Cinunuk", hasil="Setuju"
    )
    assert k.pertemuan.wilayah_id == CINUNUK and "RTPLP" in k.pertemuan.judul
    with pytest.raises(PermissionDenied):  # the PJOK has no part in the planning documents
        dokumen.ubah_status(rtplp, "ajukan", users["pjok"])
    d = dokumen.ubah_status(rtplp, "ajukan", users["fasilitator"], versi=rtplp.versi)
    with pytest.raises(PermissionDenied):  # the facilitator does not approve his own document
        dokumen.ubah_status(d, "finalkan", users["fasilitator"])
    with pytest.raises(ValidationError, match="perbaiki"):
        dokumen.ubah_status(d, "kembalikan", users["korkot"], catatan="  ")
    d = dokumen.ubah_status(d, "kembalikan", users["korkot"], catatan="Peta kawasan belum ada")
    d = dokumen.ubah_status(d, "ajukan", users["bkm"])
    d = dokumen.ubah_status(d, "finalkan", users["kmw"])
    with pytest.raises(ValidationError, match="nomor dan tanggal dasar hukum, berkas dokumen"):
        dokumen.ubah_status(d, "sahkan", users["bkm"])
    d = _siap_disahkan(d)
    with pytest.raises(PermissionDenied):
        dokumen.ubah_status(d, "sahkan", users["korkot"])
    d = dokumen.ubah_status(d, "sahkan", users["bkm"])
    assert d.status == "disahkan" and d.disahkan == datetime.date(2012, 11, 20)
    assert services.rtplp_disahkan(CINUNUK)
    trail = list(JejakDokumen.objects.order_by("pk").values_list("dari", "ke", "oleh__username", "peran", "catatan"))
    assert trail == [
        ("proses_awal", "review", "fasilitator", "fasilitator", ""),
        ("review", "proses_awal", "korkot", "korkot", "Peta kawasan belum ada"),
        ("proses_awal", "review", "bkm", "bkm", ""),
        ("review", "final", "kmw", "kmw", ""),
        ("final", "disahkan", "bkm", "bkm", ""),
    ]


@pytest.mark.django_db
def test_a_legalised_document_is_frozen(rtplp, users):
    dokumen.tambah_konsultasi(rtplp, tanggal=datetime.date(2012, 10, 10))
    d = rtplp
    for aksi in ("ajukan", "finalkan"):
        d = dokumen.ubah_status(d, aksi, None)
    d = dokumen.ubah_status(_siap_disahkan(d), "sahkan", None)
    d.judul = "Judul lain"
    with pytest.raises(ValidationError, match="sudah disahkan"):
        dokumen.simpan_dokumen(d, versi=d.versi)
    with pytest.raises(ValidationError, match="sudah disahkan"):
        dokumen.unggah_berkas(d, ContentFile(PDF, name="lain.pdf"), versi=d.versi)
    with pytest.raises(ValidationError, match="sudah disahkan"):
        dokumen.tambah_konsultasi(d, tanggal=datetime.date(2012, 12, 1))
    for aksi in ("kembalikan", "ajukan", "finalkan", "sahkan"):
        with pytest.raises(ValidationError, match="berstatus Disahkan"):
            dokumen.ubah_status(d, aksi, None, catatan="x")
    assert DokumenPerencanaan.objects.get().judul == "RTPLP Kawasan RW 05"


@pytest.mark.django_db
def test_a_stale_status_step_is_refused(rtplp, users):
    dokumen.tambah_konsultasi(rtplp, tanggal=datetime.date(2012, 10, 10))
    shown = rtplp.versi
    dokumen.ubah_status(rtplp, "ajukan", users["fasilitator"], versi=shown)
    with pytest.raises((KonflikVersi, ValidationError)):
        dokumen.ubah_status(rtplp, "kembalikan", users["korkot"], versi=shown, catatan="x")
    assert DokumenPerencanaan.objects.get().status == "review"


@pytest.mark.django_db
def test_the_file_must_really_be_a_pdf_and_a_new_one_replaces_the_old(rtplp, users):
    with pytest.raises(ValidationError):
        dokumen.unggah_berkas(rtplp, ContentFile(b"\x89PNG\r\n\x1a\n....", name="rtplp.pdf"), versi=rtplp.versi)
    d = dokumen.unggah_berkas(rtplp, ContentFile(PDF, name="v1.pdf"), versi=rtplp.versi)
    d = dokumen.unggah_berkas(d, ContentFile(PDF, name="v2.pdf"), versi=d.versi)
    assert d.berkas.nama_asli == "v2.pdf" and d.berkas.is_pdf
    from kelurahan.models import Berkas

    assert list(Berkas.objects.values_list("nama_asli", flat=True)) == ["v2.pdf"]


@pytest.mark.django_db
def test_pages_show_only_the_steps_the_user_owns(rtplp, client_for):
    dokumen.tambah_konsultasi(rtplp, tanggal=datetime.date(2012, 10, 10))
    url = reverse("tipp:dokumen", args=[rtplp.pk])
    fasilitator = client_for("fasilitator").get(url).content.decode()
    assert 'data-testid="aksi-ajukan"' in fasilitator and "aksi-finalkan" not in fasilitator
    assert "aksi-" not in client_for("korkot").get(url).content.decode()  # nothing to review yet
    r = client_for("korkot").post(reverse("tipp:dokumen_status", args=[rtplp.pk]), {"aksi": "ajukan", "versi": "1"})
    assert r.status_code == 403
    r = client_for("fasilitator").post(
        reverse("tipp:dokumen_status", args=[rtplp.pk]), {"aksi": "ajukan", "versi": "1"}
    )
    assert r.status_code == 302 and DokumenPerencanaan.objects.get().status == "review"
    korkot = client_for("korkot").get(url).content.decode()
    assert "aksi-finalkan" in korkot and "aksi-kembalikan" in korkot
    # a page shown before the step is stale: refused with a message, nothing changes
    r = client_for("korkot").post(
        reverse("tipp:dokumen_status", args=[rtplp.pk]), {"aksi": "finalkan", "versi": "1"}, follow=True
    )
    assert "sudah diubah orang lain" in r.content.decode()
    assert DokumenPerencanaan.objects.get().status == "review"


@pytest.mark.django_db
def test_add_edit_upload_and_consultation_through_the_pages(cinunuk, client_for, media):
    c = client_for("bkm")
    r = c.post(
        reverse("tipp:dokumen_tambah", args=[CINUNUK]),
        {"jenis": "aturan_bersama", "judul": "Aturan Bersama Desa Cinunuk", "periode": "2012"},
    )
    d = DokumenPerencanaan.objects.get()
    assert r.status_code == 302 and r.url == d.get_absolute_url() and d.status == "proses_awal"
    r = c.post(
        reverse("tipp:dokumen_ubah", args=[d.pk]),
        {"jenis": "aturan_bersama", "judul": "Aturan Bersama Warga Desa Cinunuk", "versi": "1"},
    )
    assert r.status_code == 302 and DokumenPerencanaan.objects.get().judul == "Aturan Bersama Warga Desa Cinunuk"
    r = c.post(reverse("tipp:dokumen_unggah", args=[d.pk]), {"versi": "2", "berkas": ContentFile(PDF, name="ab.pdf")})
    assert r.status_code == 302
    berkas = DokumenPerencanaan.objects.get().berkas
    assert c.get(berkas.get_absolute_url()).status_code == 200
    assert client_for("bkm2").get(berkas.get_absolute_url()).status_code == 404
    r = client_for("fasilitator").post(
        reverse("tipp:konsultasi_tambah", args=[d.pk]), {"tanggal": "2012-10-10", "tempat": "Aula", "hasil": "Setuju"}
    )
    p = Pertemuan.objects.get()
    assert r.status_code == 302 and r.url == reverse("kelurahan:kehadiran", args=[p.pk])
    page = c.get(d.get_absolute_url()).content.decode()
    assert "10 Oktober 2012, Aula" in page and "ab.pdf" in page


@pytest.mark.django_db
def test_pdf_summary_sheet_reads_in_indonesian(rtplp, client_for, users):
    wilayah = rtplp.wilayah
    bkm = Lembaga.objects.create(jenis="bkm", nama="BKM Cinunuk", wilayah=wilayah)
    desa = Lembaga.objects.create(jenis="perangkat", nama="Pemdes Cinunuk", wilayah=wilayah)
    for lembaga, jabatan, nama in (
        (bkm, "Koordinator BKM", "H. Endang Sulaeman"),
        (desa, "Kepala Desa", "Dede Rusmana"),
    ):
        orang = Orang.objects.create(nama=nama, jenis_kelamin="L", wilayah=wilayah)
        Jabatan.objects.create(orang=orang, lembaga=lembaga, jabatan=jabatan, mulai=datetime.date(2012, 1, 2))
    k = dokumen.tambah_konsultasi(rtplp, tanggal=datetime.date(2012, 10, 10), tempat="Aula Desa Cinunuk")
    tambah_kehadiran(
        k.pertemuan, [BarisKehadiran(nama="Cucu", jenis_kelamin="P"), BarisKehadiran(nama="Ade", jenis_kelamin="L")]
    )
    with time_machine.travel(datetime.datetime(2012, 10, 15, 9, 30, tzinfo=datetime.UTC), tick=False):
        d = dokumen.ubah_status(rtplp, "ajukan", users["fasilitator"])
    d = _siap_disahkan(dokumen.ubah_status(d, "finalkan", users["korkot"]))
    with time_machine.travel(datetime.datetime(2012, 11, 21, 3, 0, tzinfo=datetime.UTC), tick=False):
        r = client_for("bkm").get(reverse("tipp:dokumen_pdf", args=[d.pk]))
    assert r["Content-Type"] == "application/pdf"
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages).split())
    for expected in (
        "Lembar Ringkasan Dokumen RTPLP",
        "RTPLP Kawasan RW 05",
        "Peraturan Desa No. 5 Tahun 2012, tanggal 20 November 2012",
        "10 Oktober 2012",
        "1 / 1",
        "Proses Awal Review Fasilitator (Fasilitator) 15 Oktober 2012 16.30",
        "Dicetak 21 November 2012 10.00",
        "Kepala Desa",
        "(Dede Rusmana)",
        "Koordinator BKM",
        "(H. Endang Sulaeman)",
        "Halaman 1 dari 1",
    ):
        assert expected in text, expected


@pytest.mark.django_db
def test_xlsx_lists_the_documents_of_the_region(rtplp, tambakreja, client_for, media):
    dokumen.simpan_dokumen(DokumenPerencanaan(wilayah=tambakreja, jenis="rplp", judul="RPLP Tambakreja"))
    dokumen.simpan_dokumen(DokumenPerencanaan(wilayah=rtplp.wilayah, jenis="rplp", judul="=RPLP Cinunuk"))
    r = client_for("pemda").get(reverse("tipp:dokumen_xlsx", args=["32.04"]))
    rows = list(openpyxl.load_workbook(io.BytesIO(r.content), read_only=True).worksheets[0].iter_rows(values_only=True))
    assert rows[0][:7] == ("No", "Kode wilayah", "Kelurahan/desa", "Jenis", "Judul", "Periode", "Status")
    assert [r[3:7] for r in rows[1:]] == [
        ("RPLP", "'=RPLP Cinunuk", None, "Proses Awal"),
        ("RTPLP", "RTPLP Kawasan RW 05", "2012–2016", "Proses Awal"),
    ]
