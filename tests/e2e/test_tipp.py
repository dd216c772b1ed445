"""Browser journey of the TIPP work plan: the facilitator reports an activity's progress,
TKPP (Pemda) staff see the plan against the actual (S-curve and slipping activities), as of
the finished plan's last report and as of a date they choose."""

import re

import pytest

from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PLAN = "/tipp/wilayah/32.04.05.2004/rencana/"


def test_fasilitator_updates_progress_and_pemda_sees_plan_vs_actual(demo, new_page):
    page = new_page(viewport={"width": 412, "height": 900})  # a phone
    login(page, "fasilitator")
    page.goto(PLAN)
    row = page.locator("[data-testid=gantt-baris]", has_text="Penyusunan draf RPLP")
    row.locator("[data-testid=progres-link]").click()
    page.wait_for_url(re.compile(r"/tipp/kegiatan/\d+/progres/"))
    assert page.get_by_test_id("progres-sekarang").inner_text() == "100%"
    # a closing report: the draft handed over to the BKM at the end of December 2012
    page.fill("input[name=tanggal]", "2012-12-28")
    page.fill("input[name=persen]", "100")
    page.fill("input[name=catatan]", "Draf RPLP diserahkan ke BKM")
    page.get_by_role("button", name="Simpan progres").click()
    page.wait_for_url(re.compile(r"/rencana/"))
    assert "Progres kegiatan disimpan" in page.locator(".alert-success").inner_text()
    row = page.locator("[data-testid=gantt-baris]", has_text="Penyusunan draf RPLP")
    assert row.locator("[data-testid=progres-link]").inner_text() == "100"

    pemda = new_page()
    login(pemda, "pemda")
    pemda.goto(PLAN)
    # the 2012 plan has ended: read as of its last report (the one just made), and the page says so
    assert "28 Desember 2012" in pemda.get_by_test_id("kurva-ringkas").inner_text()
    assert pemda.get_by_test_id("per-laporan-terakhir").is_visible()
    pemda.fill("input[name=per]", "2012-10-31")
    pemda.get_by_role("button", name="Hitung").click()
    pemda.wait_for_url(re.compile(r"per=2012-10-31"))
    summary = pemda.get_by_test_id("kurva-ringkas").inner_text()
    assert "31 Oktober 2012" in summary
    planned = float(pemda.get_by_test_id("rencana-persen").inner_text().rstrip("%").replace(",", "."))
    actual = float(pemda.get_by_test_id("aktual-persen").inner_text().rstrip("%").replace(",", "."))
    assert actual < planned  # the demo plan slipped in autumn 2012
    assert pemda.locator("svg.kurva-s polyline").count() == 2
    late = pemda.get_by_test_id("terlambat").inner_text()
    assert "Pemetaan swadaya per RW" in late
    assert "Penyusunan draf RPLP" in late and "25%" in late
    # Pemda reviews; it cannot report progress
    assert pemda.locator("[data-testid=progres-link]").count() == 0
    assert pemda.get_by_role("link", name="Cetak PDF").is_visible()
