"""Browser journeys of issue 3: a facilitator records a workshop and its attendance with
the keyboard alone on a phone; the BKM prints the seed's workshop report."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e]


def _pdf_text(body: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages).split())


def test_fasilitator_creates_a_workshop_enters_30_attendees_by_keyboard_and_downloads_the_pdf(demo, new_page):
    page = login(new_page(viewport={"width": 390, "height": 844}), "fasilitator")
    page.goto("/lokakarya/")
    page.get_by_test_id("tambah-lokakarya").first.click()
    page.fill("#id_judul", "Lokakarya Orientasi PLP-BK RW 05")
    page.fill("#id_tanggal", "2012-05-23")
    page.fill("#id_mulai", "09:00")
    page.fill("#id_selesai", "12:00")
    page.fill("#id_tempat", "Balai RW 05 Desa Cinunuk")
    page.fill("#id_penyelenggara", "BKM Desa Cinunuk")
    page.fill("#id_narasumber-0-nama", "Siti Nurhasanah")
    page.fill("#id_narasumber-0-materi", "Tahapan PLP-BK")
    page.get_by_test_id("simpan").click()
    page.wait_for_url(re.compile(r"/lokakarya/\d+/$"))
    expect(page.get_by_test_id("lokakarya-judul")).to_have_text("Lokakarya Orientasi PLP-BK RW 05")

    page.get_by_test_id("panel-entri").click()
    nama = page.get_by_test_id("input-nama")
    expect(nama).to_be_focused()
    for i in range(30):
        jk = "P" if i % 2 == 0 else "L"
        # wait for the person search, so the in-memory test database sees one request at a time
        with page.expect_response(lambda r: "/hadir/cari/" in r.url):
            page.keyboard.type(f"Warga Baru {i:02d}")
        page.keyboard.press("Tab")
        page.keyboard.type(jk)
        page.keyboard.press("Tab")
        page.keyboard.type("Warga" if i % 3 else "Kader PKK")
        page.keyboard.press("Enter")
        expect(page.get_by_test_id("total")).to_have_text(str(i + 1))
        expect(nama).to_be_focused()
        expect(nama).to_have_value("")
    expect(page.get_by_test_id("total-p")).to_have_text("15")
    expect(page.get_by_test_id("total-persen")).to_have_text("50%")
    expect(page.get_by_test_id("baris-kehadiran")).to_have_count(30)

    # the same person again (same name, RT/RW and unsur) is refused with a clear message
    with page.expect_response(lambda r: "/hadir/cari/" in r.url):
        page.keyboard.type("Warga Baru 00")
    page.keyboard.press("Tab")
    page.keyboard.type("P")
    page.keyboard.press("Tab")
    page.keyboard.type("Kader PKK")
    page.keyboard.press("Enter")
    refused = page.locator('[data-keadaan="ditolak"]')
    expect(refused).to_contain_text("sudah tercatat hadir")
    expect(page.get_by_test_id("total")).to_have_text("30")
    refused.get_by_test_id("buang").click()
    expect(refused).to_have_count(0)

    # a person registered in Desa Cinunuk is offered and picked with the arrow keys
    page.fill("[data-testid=input-nama]", "")
    with page.expect_response(lambda r: "/hadir/cari/" in r.url):
        page.keyboard.type("Neneng")
    expect(page.locator("#saran .saran-item").first).to_contain_text("Neneng Hasanah")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("#id_baris-0-unsur")).to_be_focused()
    expect(page.get_by_test_id("input-jk")).to_have_value("P")
    page.keyboard.type("BKM")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("total")).to_have_text("31")
    expect(page.get_by_test_id("kehadiran-tabel")).to_contain_text("Neneng Hasanah")

    href = page.get_by_test_id("pdf").get_attribute("href")
    response = page.context.request.get(href)
    assert response.headers["content-type"] == "application/pdf"
    text = _pdf_text(response.body())
    assert "Warga Baru 00" in text and "Warga Baru 29" in text and "Neneng Hasanah" in text and "52%" in text
    page.get_by_test_id("kembali").click()
    expect(page.get_by_test_id("panel-p")).to_have_text("16")


def test_bkm_prints_the_seed_workshop_report(demo, new_page):
    page = login(new_page(), "bkm")
    page.get_by_test_id("nav-lokakarya").click()
    page.get_by_test_id("lokakarya-list").get_by_role("link", name="Lokakarya PLP-BK tingkat Desa").click()
    expect(page.get_by_test_id("ubah")).to_have_count(0)
    expect(page.get_by_test_id("panel-persen")).to_have_text("52%")
    href = page.get_by_test_id("laporan-pdf").get_attribute("href")
    response = page.context.request.get(href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = _pdf_text(response.body())
    assert "LAPORAN LOKAKARYA ORIENTASI" in text and "Aula Desa Cinunuk" in text
    assert "14 laki-laki dan 15 perempuan" in text and "52%" in text
    assert "Neneng Hasanah" in text and "Cecep Hidayat" in text
    # the BKM sees the attendance page but has no entry form
    page.get_by_test_id("panel-entri").click()
    expect(page.get_by_test_id("kehadiran-tabel")).to_be_visible()
    expect(page.get_by_test_id("form-baris")).to_have_count(0)
