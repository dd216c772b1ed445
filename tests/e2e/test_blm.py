"""One PP-BLM through the whole chain with the demo accounts: the BKM files Tahap 2, the
Fasilitator, PJOK, Korkot, PPK and Satker approve it in turn, the PPK records the payment."""

import pytest

from blm.models import AlokasiBLM, PermintaanBLM
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e]

CINUNUK = "32.04.05.2004"


def approve(page, url, expect):
    page.goto(url)
    form = page.get_by_test_id("form-verifikasi")
    form.get_by_label("Setujui").check()
    form.get_by_role("button", name="Simpan keputusan").click()
    page.get_by_role("alert").filter(has_text=expect).wait_for()


def test_request_passes_the_whole_chain_and_is_paid(demo, new_page):
    # the demo left Tahap 2 half-way; start it again from the BKM's side
    PermintaanBLM.objects.filter(nomor=2, wilayah_id=CINUNUK).delete()

    bkm = login(new_page(viewport={"width": 390, "height": 844}), "bkm")
    bkm.goto(f"/blm/wilayah/{CINUNUK}/")
    assert "Dapat diajukan" in bkm.get_by_test_id("tahap-2").inner_text()
    assert "Dokumen" in bkm.get_by_test_id("tahap-3").inner_text()
    bkm.get_by_test_id("ajukan-2").click()
    assert bkm.get_by_test_id("jumlah-diminta").inner_text() == "Rp 750.000.000"
    bkm.get_by_label("nomor surat PP-BLM").fill("02/BKM-CNK/XII/2012")
    bkm.get_by_role("button", name="Ajukan permintaan").click()
    bkm.get_by_test_id("status").wait_for()
    url = bkm.url
    assert "/blm/permintaan/" in url
    assert bkm.get_by_test_id("langkah").inner_text().startswith("Fasilitator")
    assert bkm.get_by_test_id("form-verifikasi").count() == 0

    approve(login(new_page(), "fasilitator"), url, "diteruskan ke PJOK")
    approve(login(new_page(), "pjok"), url, "diteruskan ke Korkot/Askot")

    korkot = login(new_page(), "korkot")
    korkot.get_by_test_id("home-blm-menunggu").click()
    korkot.get_by_test_id("permintaan-list").get_by_role("link", name="Desa Cinunuk").click()
    korkot.wait_for_url(url)
    approve(korkot, url, "diteruskan ke PPK")

    approve(login(new_page(), "ppk"), url, "diteruskan ke Satker")
    satker = login(new_page(), "satker")
    approve(satker, url, "terverifikasi Satker dan terkunci")
    assert "terkunci" in satker.get_by_test_id("terkunci").inner_text()

    ppk = login(new_page(), "ppk")
    ppk.goto(url)
    form = ppk.get_by_test_id("form-bayar")
    assert form.get_by_label("jumlah dibayar (Rp)").input_value() == "750000000"
    form.get_by_label("nomor SP2D/bukti transfer").fill("SP2D 00456/2012")
    form.get_by_role("button", name="Catat pembayaran").click()
    ppk.get_by_role("alert").filter(has_text="Pembayaran tercatat").wait_for()
    assert ppk.get_by_test_id("status").inner_text() == "Dibayar"
    assert "Rp 750.000.000" in ppk.get_by_test_id("dibayar").inner_text()

    p = PermintaanBLM.objects.get(nomor=2, wilayah_id=CINUNUK)
    assert p.status == "dibayar" and p.pembayaran.jumlah == 750_000_000
    assert [j.langkah for j in p.jejak.filter(tindakan="disetujui")] == [
        "fasilitator",
        "pjok",
        "korkot",
        "ppk",
        "satker",
    ]
    assert AlokasiBLM.objects.get(wilayah_id=CINUNUK, tahun=2012).terbayar == 1_050_000_000
