"""A facilitator records a rembug warga below the inclusion target, is asked for a written
justification at closing, and the kabupaten's Pemda reviewer sees the meeting flagged."""

import pytest

from kelurahan.services import BarisKehadiran, tambah_kehadiran
from sosialisasi.models import RembugWarga
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e]

CINUNUK = "/wilayah/32.04.05.2004/"


def _attendance(judul: str) -> None:
    """29 people, 8 of them women (27.6 %), one with a disability: as if typed from the paper list."""
    rembug = RembugWarga.objects.get(pertemuan__judul=judul)
    rows = [BarisKehadiran(nama=f"Warga Babakan L{i}", jenis_kelamin="L", rw="01") for i in range(21)]
    rows += [BarisKehadiran(nama=f"Warga Babakan P{i}", jenis_kelamin="P", rw="01") for i in range(8)]
    rows[0].disabilitas = True
    tambah_kehadiran(rembug.pertemuan, rows)


def test_rembug_below_target_needs_a_justification_and_is_flagged_for_pemda(demo, new_page):
    judul = "Rembug warga sosialisasi RW 05"
    page = login(new_page(viewport={"width": 390, "height": 844}), "fasilitator")
    page.goto(CINUNUK)
    page.get_by_test_id("rembug-tambah").click()
    page.fill("input[name=judul]", judul)
    page.fill("input[name=tanggal]", "2012-06-02")
    page.fill("input[name=tempat]", "Balai RW 05")
    page.fill("textarea[name=agenda]", "Sosialisasi PLP-BK dan jadwal pembentukan TIPP")
    page.get_by_role("button", name="Simpan").click()
    assert page.get_by_test_id("rembug-judul").inner_text() == judul
    assert page.get_by_test_id("pertemuan-panel").is_visible()

    _attendance(judul)
    page.reload()
    assert page.get_by_test_id("panel-persen").inner_text() == "28%"
    page.get_by_test_id("tutup-rembug").click()
    assert "27,6%" in page.get_by_test_id("persen-perempuan").inner_text()
    assert page.get_by_test_id("perlu-alasan").is_visible()

    alasan = page.locator("textarea[name=alasan]")
    page.get_by_role("button", name="Tutup rembug warga").click()  # without a justification: the browser asks
    assert alasan.evaluate("el => el.validity.valueMissing")
    alasan.fill("Hujan.")  # too short: the server asks again, naming what is missing
    page.get_by_role("button", name="Tutup rembug warga").click()
    errors = page.locator("#div_id_alasan").inner_text()
    assert "Perempuan 27,6% dari 29 peserta, di bawah target 30%." in errors
    assert page.locator("textarea[name=alasan]").input_value() == "Hujan."
    page.fill("textarea[name=alasan]", "Banyak ibu-ibu ikut pengajian; diundang ulang lewat kader PKK RW 05.")
    page.get_by_role("button", name="Tutup rembug warga").click()
    assert "ditutup" in page.get_by_test_id("rembug-status").inner_text()
    assert "kader PKK RW 05" in page.get_by_test_id("alasan").inner_text()

    pemda = login(new_page(), "pemda")
    assert pemda.get_by_test_id("home-sosialisasi-di-bawah").is_visible()
    pemda.goto(CINUNUK)
    flag = pemda.get_by_test_id("sosialisasi-flag")
    assert judul in flag.inner_text()
    assert "ditutup dengan alasan" in flag.inner_text()
    pemda.goto("/wilayah/32.04/")
    assert judul in pemda.get_by_test_id("sosialisasi-flag").inner_text()
    flag = pemda.get_by_test_id("sosialisasi-flag")
    flag.get_by_role("link", name=judul).click()
    assert "kader PKK RW 05" in pemda.get_by_test_id("alasan").inner_text()
    assert pemda.get_by_test_id("tutup-rembug").count() == 0  # pemda reviews, does not close
