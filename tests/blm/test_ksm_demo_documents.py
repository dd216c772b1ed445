"""The KSM demo (Desa Cinunuk), and the stage's documents read back: PDF text (pypdf),
xlsx contents (openpyxl), pages with pinned query counts."""

import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from blm.models_ksm import KSM, BeritaAcaraKSM, LaporanProgres, PencairanKSM, UsulanKegiatan
from tests import edit_forms

from .test_documents import pdf_text

CIN = "32.04.05.2004"


@pytest.fixture
def demo(db, users, settings, tmp_path):
    edit_forms.load_demo(settings, tmp_path)


def _client(users, who):
    c = Client()
    c.force_login(users[who])
    return c


def _xlsx(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    return list(wb.worksheets[0].iter_rows(values_only=True))


def test_demo_story_and_idempotent(demo, settings, tmp_path):
    saluran, jalan = KSM.objects.filter(wilayah_id=CIN).order_by("nama")[::-1]
    assert saluran.nama == "KSM Saluran Mandiri" and saluran.ketua.nama == "Dedi Mulyadi"
    assert saluran.pertemuan.jumlah_hadir == 6 and saluran.anggota.count() == 6
    assert saluran.komposisi()["perempuan"] == 2 and saluran.sk is not None
    u = UsulanKegiatan.objects.get(nama__startswith="Pembangunan saluran")
    assert (u.status, u.dicairkan, u.progres, u.dana_terpakai) == ("disetujui", 120_000_000, 50, 55_000_000)
    assert list(u.pencairan.values_list("tahap", flat=True)) == [1, 2]
    assert sorted(f.titik for r in u.laporan.all() for f in r.foto.all()) == [0, 50]
    assert UsulanKegiatan.objects.get(nama__startswith="Penerangan").status == "draf"
    # the work plan's finished activity keeps its 100% (the plan stays complete)
    assert u.kegiatan.progres == 100
    counts = [m.objects.count() for m in (KSM, UsulanKegiatan, PencairanKSM, LaporanProgres)]
    edit_forms.load_demo(settings, tmp_path)
    assert [m.objects.count() for m in (KSM, UsulanKegiatan, PencairanKSM, LaporanProgres)] == counts


def test_proposal_pdf(demo, users):
    u = UsulanKegiatan.objects.get(nama__startswith="Pembangunan saluran")
    text = pdf_text(_client(users, "pemda").get(reverse("blm:pdf_usulan", args=[u.pk])))
    assert "USULAN KEGIATAN KSM" in text and "KSM Saluran Mandiri" in text
    assert "Rp 150.000.000" in text and "Rp 165.000.000" in text
    assert "Seratus enam puluh lima juta rupiah" in text
    assert "Dedi Mulyadi" in text and "Elis Nurhayati" in text
    assert "RT 01 / RW 02" in text and "420" in text
    assert "Koordinator BKM" in text and "Fasilitator" in text and "Kepala Desa" in text
    assert "6 Januari 2013" in text  # verified by the Fasilitator


def test_receipt_pdf(demo, users):
    p = PencairanKSM.objects.get(usulan__nama__startswith="Pembangunan saluran", tahap=2)
    text = pdf_text(_client(users, "bkm").get(reverse("blm:pdf_kuitansi_ksm", args=[p.pk])))
    assert "KUITANSI" in text and "Rp 60.000.000" in text and "Enam puluh juta rupiah" in text
    assert "18 Februari 2013" in text and "Pencairan tahap 2" in text and "Dedi Mulyadi" in text


def test_progress_pdf_with_photos(demo, users):
    u = UsulanKegiatan.objects.get(nama__startswith="Pembangunan saluran")
    r = _client(users, "korkot").get(reverse("blm:pdf_progres", args=[u.pk]))
    text = pdf_text(r)
    assert "LAPORAN PROGRES PEKERJAAN KSM" in text and "50%" in text
    assert "Rp 55.000.000" in text and "120 laki-laki, 35 perempuan" in text
    assert "Pasangan batu kali 175 m selesai" in text and "15 Februari 2013" in text
    from pypdf import PdfReader

    images = {img.data for page in PdfReader(io.BytesIO(r.content)).pages for img in page.images}
    assert len(images) == 2  # the photos at 0 % and 50 %


def test_berita_acara_pdfs(demo, users):
    from blm import services_ksm as s

    u = UsulanKegiatan.objects.get(nama__startswith="Pembangunan saluran")
    import datetime

    s.cairkan(u, users["bkm"], 3, datetime.date(2013, 3, 1), 30_000_000, _pdf())
    s.laporkan(u, users["fasilitator"], tanggal=datetime.date(2013, 3, 28), persen=100, dana_terpakai=150_000_000)
    s.simpan_berita_acara(
        BeritaAcaraKSM(usulan=u, jenis="pemeriksaan", tanggal=datetime.date(2013, 4, 1), hasil="Sesuai gambar"),
        users["fasilitator"],
    )
    st = s.simpan_berita_acara(
        BeritaAcaraKSM(
            usulan=u,
            jenis="serah_terima",
            tanggal=datetime.date(2013, 4, 3),
            hasil="Saluran diserahkan untuk dipelihara",
            nama_kpp="KPP Tirta Babakan",
            ketua_kpp="Ade Kusnadi",
        ),
        users["bkm"],
    )
    text = pdf_text(_client(users, "pjok").get(reverse("blm:pdf_berita_acara", args=[st.pk])))
    assert "BERITA ACARA SERAH TERIMA KE KPP" in text and "KPP Tirta Babakan" in text
    assert "3 April 2013" in text and "Ade Kusnadi" in text and "100%" in text
    periksa = BeritaAcaraKSM.objects.get(usulan=u, jenis="pemeriksaan")
    text = pdf_text(_client(users, "bkm").get(reverse("blm:pdf_berita_acara", args=[periksa.pk])))
    assert "BERITA ACARA PEMERIKSAAN PEKERJAAN" in text and "Sesuai gambar" in text and "1 April 2013" in text
    rows = _xlsx(_client(users, "korkot").get(reverse("blm:ksm_unduh", args=[CIN, "berita_acara"])))
    assert [(r[3], r[6]) for r in rows[1:]] == [
        ("Berita acara pemeriksaan pekerjaan", None),  # an empty cell
        ("Berita acara serah terima ke KPP", "KPP Tirta Babakan"),
    ]


def _pdf():
    from django.core.files.base import ContentFile

    from blm.demo import PDF

    return ContentFile(PDF, name="kw.pdf")


def test_xlsx_exports(demo, users):
    c = _client(users, "korkot")
    rows = _xlsx(c.get(reverse("blm:ksm_unduh", args=[CIN, "usulan"])))
    assert rows[0][:4] == ("Kode wilayah", "KSM", "Kegiatan rencana kerja", "Uraian pekerjaan")
    saluran = next(r for r in rows if r[3].startswith("Pembangunan saluran"))
    kolom = rows[0].index
    assert saluran[8] == 150_000_000 and saluran[kolom("Dicairkan")] == 120_000_000
    assert saluran[kolom("Progres fisik (%)")] == 50 and saluran[kolom("KK miskin")] == 34
    assert len(rows) == 4
    rows = _xlsx(c.get(reverse("blm:ksm_unduh", args=[CIN, "pencairan"])))
    assert sorted(r[5] for r in rows[1:]) == [48_000_000, 60_000_000, 60_000_000]
    rows = _xlsx(c.get(reverse("blm:ksm_unduh", args=["32.04", "ksm"])))
    assert {r[2]: r[7] for r in rows[1:]} == {"KSM Saluran Mandiri": 6, "KSM Jalan Harapan": 5}
    rows = _xlsx(c.get(reverse("blm:ksm_unduh", args=[CIN, "anggota"])))
    assert rows[[r[2] for r in rows].index("Elis Nurhayati")][1:4] == ("KSM Saluran Mandiri", "Elis Nurhayati", "P")
    rows = _xlsx(c.get(reverse("blm:ksm_unduh", args=[CIN, "laporan"])))
    assert [r[4] for r in rows[1:]] == [0, 50, 0]
    assert _client(users, "pemda").get(reverse("blm:ksm_unduh", args=[CIN, "anggota"])).status_code == 403


def test_pages_show_the_figures_with_pinned_queries(demo, users, django_assert_max_num_queries):
    c = _client(users, "bkm")
    with django_assert_max_num_queries(13):
        r = c.get(reverse("blm:ksm_list", args=[CIN]))
    html = r.content.decode()
    assert "KSM Saluran Mandiri" in html and "Rp 270.000.000" in html and "Rp 168.000.000" in html
    u = UsulanKegiatan.objects.get(nama__startswith="Pembangunan saluran")
    with django_assert_max_num_queries(12):
        r = c.get(reverse("blm:usulan", args=[u.pk]))
    html = r.content.decode()
    assert "Rp 120.000.000" in html and 'data-testid="pencairan-tambah"' in html
    k = KSM.objects.get(nama="KSM Saluran Mandiri")
    with django_assert_max_num_queries(11):
        r = c.get(reverse("blm:ksm", args=[k.pk]))
    assert "6 anggota: 4 laki-laki, 2 perempuan" in r.content.decode()
