"""From an approved work plan to a handed-over work, in the browser, by the roles that own
each step: the BKM registers a KSM (with its decree) and a member, enters the proposal for an
activity of the approved plan and verifies it by sending it; the Fasilitator verifies it; the
BKM passes the first tranche with its receipt; the Fasilitator reports the works at 100 % with
a photo (the plan's activity gets the progress its S-curve reads) and inspects them; the BKM
hands them over to the KPP. Each step checks the page and the stored record."""

import datetime
import io
from decimal import Decimal

import pytest
from PIL import Image

from blm.models_ksm import KSM, BeritaAcaraKSM, UsulanKegiatan
from tests.e2e.conftest import login
from tipp.models import Kegiatan, RencanaKerja

pytestmark = [pytest.mark.e2e]

CINUNUK = "32.04.05.2004"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (80, 120, 90)).save(buf, "JPEG")
    return buf.getvalue()


def _submit(page, label):
    page.get_by_role("button", name=label).click()
    page.wait_for_load_state()


def test_from_approved_plan_to_handover(demo, new_page):
    # a construction activity of Cinunuk's approved plan, still under way
    rencana = RencanaKerja.objects.get(wilayah_id=CINUNUK)
    mulai = datetime.date.today() - datetime.timedelta(days=30)
    kegiatan = Kegiatan.objects.create(
        rencana=rencana,
        tahap="lain",
        urutan=99,
        nama="Pembangunan MCK komunal RW 04",
        mulai=mulai,
        durasi=60,
        volume=Decimal(1),
        satuan="unit",
        penanggung_jawab="KSM",
        baseline_mulai=mulai,
        baseline_durasi=60,
        baseline_volume=Decimal(1),
    )
    today = datetime.date.today().isoformat()

    bkm = login(new_page(), "bkm")
    bkm.goto(f"/blm/wilayah/{CINUNUK}/ksm/")
    bkm.get_by_test_id("ksm-tambah").click()
    bkm.fill("[name=nama]", "KSM Sehat Bersama")
    bkm.fill("[name=alamat]", "RT 01 RW 04, Desa Cinunuk")
    bkm.fill("[name=dibentuk]", today)
    bkm.select_option("[name=ketua]", label="Jajang Nurjaman")
    bkm.fill("[name=nomor_sk]", "05/SK/BKM-CNK/2013")
    bkm.set_input_files("[name=sk_berkas]", {"name": "sk.pdf", "mimeType": "application/pdf", "buffer": PDF})
    _submit(bkm, "Simpan KSM")
    bkm.get_by_test_id("ksm-komposisi").wait_for()
    assert "1 anggota: 1 laki-laki, 0 perempuan" in bkm.get_by_test_id("ksm-komposisi").inner_text()
    bkm.select_option("[name=orang]", label="Kokom Komariah")
    _submit(bkm, "Tambah anggota")
    assert "2 anggota: 1 laki-laki, 1 perempuan" in bkm.get_by_test_id("ksm-komposisi").inner_text()
    ksm = KSM.objects.get(nama="KSM Sehat Bersama")
    assert ksm.sk.nama_asli == "sk.pdf" and ksm.pertemuan is not None

    bkm.get_by_test_id("usulan-tambah").click()
    bkm.select_option("[name=kegiatan]", label="Lainnya: Pembangunan MCK komunal RW 04")
    for name, value in {
        "nama": "MCK komunal 4 pintu RW 04",
        "volume": "1",
        "satuan": "unit",
        "rt": "01",
        "rw": "04",
        "biaya_blm": "80000000",
        "biaya_swadaya": "8000000",
        "penerima_jiwa": "120",
        "penerima_perempuan": "62",
        "penerima_miskin": "40",
        "penerima_kk": "30",
    }.items():
        bkm.fill(f"[name={name}]", value)
    _submit(bkm, "Simpan usulan")
    assert bkm.get_by_test_id("usulan-jumlah").inner_text() == "Rp 88.000.000"
    url = bkm.url
    bkm.get_by_test_id("usulan-ajukan").click()
    bkm.get_by_test_id("usulan-status").filter(has_text="menunggu Fasilitator").wait_for()
    assert bkm.get_by_test_id("usulan-ubah").count() == 0  # frozen once sent

    faskel = login(new_page(viewport={"width": 390, "height": 844}), "fasilitator")
    faskel.goto(url)
    faskel.get_by_role("radio", name="Verifikasi (setujui)").check()
    _submit(faskel, "Simpan keputusan")
    faskel.get_by_test_id("usulan-status").filter(has_text="Terverifikasi Fasilitator").wait_for()

    bkm.goto(url)
    bkm.get_by_test_id("pencairan-tambah").click()
    bkm.fill("[name=tanggal]", today)
    bkm.fill("[name=jumlah]", "40000000")
    bkm.set_input_files("[name=kuitansi]", {"name": "kuitansi.pdf", "mimeType": "application/pdf", "buffer": PDF})
    _submit(bkm, "Catat pencairan")
    assert bkm.get_by_test_id("usulan-dicairkan").inner_text() == "Rp 40.000.000"

    faskel.goto(url)
    faskel.get_by_test_id("laporan-tambah").click()
    faskel.fill("[name=tanggal]", today)
    faskel.fill("[name=persen]", "100")
    faskel.fill("[name=dana_terpakai]", "40000000")
    faskel.fill("[name=hok_l]", "48")
    faskel.fill("[name=hok_p]", "20")
    faskel.select_option("[name=foto_titik]", label="100%")
    faskel.set_input_files("[name=foto]", {"name": "selesai.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()})
    faskel.fill("[name=keterangan_foto]", "MCK selesai dan dipakai")
    _submit(faskel, "Simpan laporan")
    assert faskel.get_by_test_id("usulan-progres").inner_text() == "100%"
    kegiatan.refresh_from_db()
    assert kegiatan.progres == 100 and kegiatan.laporan.count() == 1  # the plan's S-curve reads it

    faskel.get_by_test_id("ba-pemeriksaan").click()
    faskel.fill("[name=tanggal]", today)
    faskel.fill("[name=hasil]", "Pekerjaan sesuai gambar dan volume.")
    _submit(faskel, "Simpan berita acara")
    faskel.get_by_test_id("berita-acara").wait_for()
    assert faskel.get_by_test_id("ba-serah-terima").count() == 0  # the BKM's step

    bkm.goto(url)
    bkm.get_by_test_id("ba-serah-terima").click()
    bkm.fill("[name=tanggal]", today)
    bkm.fill("[name=hasil]", "MCK diserahkan kepada KPP untuk dipelihara.")
    bkm.fill("[name=nama_kpp]", "KPP Sehat RW 04")
    bkm.fill("[name=ketua_kpp]", "Iwan Kurniawan")
    _submit(bkm, "Simpan berita acara")
    assert "KPP Sehat RW 04" in bkm.get_by_test_id("berita-acara").inner_text()
    assert bkm.get_by_test_id("laporan-tambah").count() == 0  # handed over: no more reports

    u = UsulanKegiatan.objects.get(nama="MCK komunal 4 pintu RW 04")
    assert (u.status, u.dicairkan, u.progres) == ("disetujui", 40_000_000, 100)
    assert set(BeritaAcaraKSM.objects.filter(usulan=u).values_list("jenis", flat=True)) == {
        "pemeriksaan",
        "serah_terima",
    }
    pdf = bkm.request.get(f"/blm/berita-acara/{u.berita_acara.get(jenis='serah_terima').pk}.pdf")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
