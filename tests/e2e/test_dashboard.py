"""Pemda opens its dashboard from the navbar, drills down Kabupaten Bandung -> Kecamatan
Cileunyi -> Desa Cinunuk, goes back up with the breadcrumbs and downloads a table."""

import openpyxl
import pytest

from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e]


def test_pemda_drills_down_to_cinunuk_and_downloads_a_table(demo, new_page):
    page = login(new_page(), "pemda")
    page.get_by_test_id("nav-dasbor").click()
    page.wait_for_url("**/dasbor/32.04/")
    assert page.get_by_test_id("dasbor-judul").inner_text() == "Dasbor Kabupaten Bandung"

    page.get_by_test_id("tabel-peserta").get_by_role("link", name="Kecamatan Cileunyi").click()
    page.wait_for_url("**/dasbor/32.04.05/")
    assert page.get_by_test_id("dasbor-judul").inner_text() == "Dasbor Kecamatan Cileunyi"

    page.get_by_test_id("tabel-peserta").get_by_role("link", name="Desa Cinunuk").click()
    page.wait_for_url("**/dasbor/32.04.05.2004/")
    assert page.get_by_test_id("dasbor-judul").inner_text() == "Dasbor Desa Cinunuk"
    assert page.get_by_test_id("linimasa").is_visible()
    lokasi = page.get_by_test_id("stat-lokasi").inner_text()

    with page.expect_download() as info:
        page.get_by_test_id("unduh-peserta").click()
    download = info.value
    assert download.suggested_filename == "dasbor-3204052004-peserta.xlsx"
    with open(download.path(), "rb") as fh:
        rows = list(openpyxl.load_workbook(fh).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Wilayah", "Lokasi PLP-BK")
    # the total, then (after an empty row) as of when the figures were counted
    assert rows[-3][0] == "Jumlah Desa Cinunuk" and str(rows[-3][1]) == lokasi
    assert rows[-1][0].startswith("Angka per ")

    page.get_by_test_id("breadcrumbs").get_by_role("link", name="Kabupaten Bandung").click()
    page.wait_for_url("**/dasbor/32.04/")
    assert page.get_by_test_id("dasbor-judul").inner_text() == "Dasbor Kabupaten Bandung"
