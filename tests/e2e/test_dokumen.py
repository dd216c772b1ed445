"""Browser journey of the demo's RTPLP (in Review): the Korkot returns it with a note, the
facilitator sends it back to review, the Korkot makes it final, the BKM fills the legal basis,
uploads the signed PDF and legalises it; the legalised document offers no edits any more."""

import re

import pytest

from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def _open_rtplp(page):
    page.goto("/wilayah/32.04.05.2004/")
    page.get_by_test_id("region-dokumen").click()
    page.get_by_role("link", name="RTPLP Kawasan Prioritas RW 05 Cinunuk Tengah").click()
    page.wait_for_url(re.compile(r"/tipp/dokumen/\d+/$"))


def _status(page):
    return page.get_by_test_id("dokumen-status").inner_text()


def test_rtplp_moves_through_its_statuses_by_the_owning_roles(media, demo, new_page, tmp_path):
    korkot = new_page()
    login(korkot, "korkot")
    _open_rtplp(korkot)
    assert _status(korkot) == "Review"
    assert korkot.get_by_test_id("dokumen-ubah").count() == 0  # the reviewer does not write the document
    korkot.fill("input[name=catatan]", "Lengkapi peta kawasan prioritas")
    korkot.get_by_test_id("aksi-kembalikan").click()
    assert "Status dokumen diubah" in korkot.locator(".alert-success").inner_text()
    assert _status(korkot) == "Proses Awal"
    assert korkot.get_by_test_id("dokumen-aksi").count() == 0

    fasilitator = new_page(viewport={"width": 412, "height": 900})  # a phone
    login(fasilitator, "fasilitator")
    _open_rtplp(fasilitator)
    assert "Lengkapi peta kawasan prioritas" in fasilitator.get_by_test_id("jejak").inner_text()
    assert fasilitator.get_by_test_id("aksi-finalkan").count() == 0
    fasilitator.get_by_test_id("aksi-ajukan").click()
    assert _status(fasilitator) == "Review"

    korkot.reload()
    korkot.get_by_test_id("aksi-finalkan").click()
    assert _status(korkot) == "Final"
    assert korkot.get_by_test_id("aksi-sahkan").count() == 0  # the BKM legalises

    bkm = new_page()
    login(bkm, "bkm")
    _open_rtplp(bkm)
    bkm.get_by_test_id("aksi-sahkan").click()
    assert (
        "lengkapi dulu: nomor dan tanggal dasar hukum, berkas dokumen (PDF)"
        in bkm.locator(".alert-danger").inner_text()
    )
    assert _status(bkm) == "Final"
    bkm.get_by_test_id("dokumen-ubah").click()
    bkm.select_option("select[name=dasar_jenis]", "sk_kades")
    bkm.fill("input[name=dasar_nomor]", "141/Kep.27-Des/2012")
    bkm.fill("input[name=dasar_tanggal]", "2012-12-03")
    bkm.get_by_role("button", name="Simpan").click()
    bkm.wait_for_url(re.compile(r"/tipp/dokumen/\d+/$"))
    assert (
        "SK Kepala Desa/Lurah No. 141/Kep.27-Des/2012, tanggal 3 Desember 2012"
        in bkm.get_by_test_id("dasar-hukum").inner_text()
    )
    signed = tmp_path / "rtplp-disahkan.pdf"
    signed.write_bytes(PDF)
    bkm.get_by_test_id("dokumen-unggah").click()
    bkm.set_input_files("input[name=berkas]", str(signed))
    bkm.get_by_role("button", name="Unggah").click()
    bkm.wait_for_url(re.compile(r"/tipp/dokumen/\d+/$"))
    assert bkm.get_by_test_id("dokumen-berkas").inner_text() == "rtplp-disahkan.pdf"
    bkm.get_by_test_id("aksi-sahkan").click()
    assert _status(bkm) == "Disahkan"
    assert bkm.get_by_test_id("dokumen-ubah").count() == 0
    assert bkm.get_by_test_id("konsultasi-tambah").count() == 0
    assert bkm.get_by_test_id("dokumen-aksi").count() == 0
    trail = bkm.get_by_test_id("jejak").inner_text()
    assert "Review → Final: Korkot Kabupaten Bandung (Korkot/Askot)" in trail
    assert "Final → Disahkan: BKM Desa Cinunuk (BKM)" in trail
    assert "Kepala Desa: Dede Rusmana" in bkm.get_by_test_id("penandatangan").inner_text()
