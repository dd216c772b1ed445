"""The BKM corrects its disbursements to a KSM in the browser, on the demo's drainage channel
(two tranches of Rp 60 million, Rp 55 million reported used): lowers the first tranche,
withdraws the second with a reason (kept, struck through), and is refused withdrawing the
first as well, which would leave less disbursed than the funds reported used."""

import pytest

from blm.models_ksm import PencairanKSM, UsulanKegiatan
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e]


def _submit(page, label):
    page.get_by_role("button", name=label).click()
    page.wait_for_load_state()


def test_bkm_corrects_and_withdraws_a_disbursement(demo, new_page):
    u = UsulanKegiatan.objects.get(nama__startswith="Pembangunan saluran")
    bkm = login(new_page(), "bkm")
    bkm.goto(u.get_absolute_url())
    assert bkm.get_by_test_id("usulan-dicairkan").inner_text() == "Rp 120.000.000"

    bkm.get_by_test_id("pencairan-ubah").first.click()
    bkm.fill("[name=jumlah]", "58000000")
    _submit(bkm, "Simpan perbaikan")
    bkm.get_by_test_id("usulan-dicairkan").filter(has_text="Rp 118.000.000").wait_for()

    bkm.get_by_test_id("pencairan-ubah").nth(1).click()
    bkm.get_by_test_id("form-batal").locator("[name=alasan]").fill("Tahap 2 tercatat dua kali")
    _submit(bkm, "Batalkan")
    bkm.get_by_test_id("usulan-dicairkan").filter(has_text="Rp 58.000.000").wait_for()
    assert "Tahap 2 tercatat dua kali" in bkm.get_by_test_id("pencairan-dibatalkan").inner_text()

    bkm.get_by_test_id("pencairan-ubah").first.click()
    bkm.get_by_test_id("form-batal").locator("[name=alasan]").fill("Coba")
    _submit(bkm, "Batalkan")
    assert "perbaiki laporan progres" in bkm.content()
    assert bkm.get_by_test_id("usulan-dicairkan").inner_text() == "Rp 58.000.000"

    u.refresh_from_db()
    tahap = {p.tahap: (p.jumlah, p.dibatalkan) for p in PencairanKSM.objects.filter(usulan=u)}
    assert u.dicairkan == 58_000_000 and tahap == {1: (58_000_000, False), 2: (60_000_000, True)}
