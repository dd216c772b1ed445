"""One PP-BLM through the whole chain with the demo accounts, filed by each role that may
file: the BKM (the Fasilitator then verifies first) or the Fasilitator (his step passes by
filing, and the trail says so). Each verifier decides on his own page, where nothing is
pre-selected; the PPK types the payment, checks it in figures and words, and confirms."""

import datetime

import pytest

from blm.models import AlokasiBLM, PembayaranBLM, PermintaanBLM
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e]

CINUNUK = "32.04.05.2004"


def approve(page, url, expect):
    page.goto(url)
    page.get_by_test_id("verifikasi-link").click()
    form = page.get_by_test_id("form-verifikasi")
    setujui, kembalikan = (form.get_by_role("radio", name=n) for n in ("Setujui", "Kembalikan"))
    assert not setujui.is_checked() and not kembalikan.is_checked()
    assert "Semua syarat tahap ini terpenuhi." in page.get_by_test_id("kelayakan").inner_text()
    assert "LPJ" in page.get_by_test_id("lpj-sebelumnya").inner_text()
    setujui.check()
    form.get_by_role("button", name="Simpan keputusan").click()
    page.get_by_role("alert").filter(has_text=expect).wait_for()


@pytest.mark.parametrize("pengaju", ["bkm", "fasilitator"])
def test_request_passes_the_whole_chain_and_is_paid(demo, new_page, pengaju):
    # the demo left Tahap 2 half-way; start it again from the filer's side, today, so the
    # story's usage deadline (31 Desember 2013) is moved past today for this walk
    PermintaanBLM.objects.filter(nomor=2, wilayah_id=CINUNUK).delete()
    AlokasiBLM.objects.filter(wilayah_id=CINUNUK).update(
        batas_waktu=datetime.date.today() + datetime.timedelta(days=365)
    )

    filer = login(new_page(viewport={"width": 390, "height": 844}), pengaju)
    filer.goto(f"/blm/wilayah/{CINUNUK}/")
    assert "Dapat diajukan" in filer.get_by_test_id("tahap-2").inner_text()
    assert "Dokumen" in filer.get_by_test_id("tahap-3").inner_text()
    filer.get_by_test_id("ajukan-2").click()
    assert filer.get_by_test_id("jumlah-diminta").inner_text() == "Rp 750.000.000"
    filer.get_by_label("nomor surat PP-BLM").fill("02/BKM-CNK/XII/2012")
    filer.get_by_role("button", name="Ajukan permintaan").click()
    filer.get_by_test_id("status").wait_for()
    url = filer.url
    assert "/blm/permintaan/" in url
    assert filer.get_by_test_id("verifikasi-link").count() == 0
    assert filer.get_by_test_id("form-tarik").count() == 1
    if pengaju == "bkm":
        assert filer.get_by_test_id("langkah").inner_text().startswith("Fasilitator")
        approve(login(new_page(), "fasilitator"), url, "diteruskan ke PJOK")
    else:
        assert filer.get_by_test_id("langkah").inner_text().startswith("PJOK")
        jejak = filer.get_by_test_id("jejak").inner_text()
        assert "Diverifikasi saat pengajuan oleh Fasilitator Desa Cinunuk (Fasilitator)" in jejak
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
    assert form.get_by_label("jumlah dibayar (Rp)").input_value() == "750.000.000"
    form.get_by_label("jumlah dibayar (Rp)").fill("750000000")
    form.get_by_label("nomor SP2D/bukti transfer").fill("SP2D 00456/2012")
    form.get_by_role("button", name="Periksa pembayaran").click()
    konfirmasi = ppk.get_by_test_id("konfirmasi-bayar")
    assert konfirmasi.get_by_test_id("konfirmasi-jumlah").inner_text() == "Rp 750.000.000"
    assert konfirmasi.get_by_test_id("konfirmasi-terbilang").inner_text() == "Tujuh ratus lima puluh juta rupiah"
    assert not PembayaranBLM.objects.filter(permintaan__nomor=2, wilayah_id=CINUNUK).exists()
    konfirmasi.get_by_role("button", name="Ya, catat pembayaran").click()
    ppk.get_by_role("alert").filter(has_text="Pembayaran tercatat").wait_for()
    assert ppk.get_by_test_id("status").inner_text() == "Dibayar"
    assert "Rp 750.000.000" in ppk.get_by_test_id("dibayar").inner_text()

    p = PermintaanBLM.objects.get(nomor=2, wilayah_id=CINUNUK)
    assert p.status == "dibayar" and p.pembayaran.jumlah == 750_000_000
    assert [(j.langkah, j.saat_pengajuan) for j in p.jejak.filter(tindakan="disetujui")] == [
        ("fasilitator", pengaju == "fasilitator"),
        ("pjok", False),
        ("korkot", False),
        ("ppk", False),
        ("satker", False),
    ]
    assert AlokasiBLM.objects.get(wilayah_id=CINUNUK, tahun=2012).terbayar == 1_050_000_000
