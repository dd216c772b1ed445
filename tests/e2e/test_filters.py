"""Browser journey: the lokakarya list's region filter. A Korkot types part of a desa's name,
suggestions from the Korkot's own kabupaten arrive through htmx (no inline script), the chosen
code filters the list; a year out of range is explained on the page."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e]


def test_korkot_filters_workshops_by_a_region_picked_from_suggestions(demo, new_page):
    page = new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    login(page, "korkot")
    page.goto("/lokakarya/")
    rows = page.get_by_test_id("lokakarya-row")
    before = rows.count()
    field = page.locator("input[name=wilayah]")
    field.fill("Cinun")
    option = page.locator("#wilayah-saran option[value='32.04.05.2004']")
    expect(option).to_have_count(1)
    expect(page.locator("#wilayah-saran option[value^='33.']")).to_have_count(0)
    field.fill(option.get_attribute("value"))  # what choosing the suggestion puts in the field
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url("**wilayah=32.04.05.2004**")
    expect(page.get_by_test_id("wilayah-terpilih")).to_have_text("Desa Cinunuk")
    expect(rows.first).to_be_visible()
    assert 0 < rows.count() < before  # the kabupaten's and the kecamatan's workshops are left out
    for text in rows.all_inner_texts():
        assert "Cinunuk" in text
    page.goto("/lokakarya/?tahun=10000")
    expect(page.get_by_test_id("filter-error")).to_contain_text("2100")
    assert not [e for e in errors if "Content Security Policy" in e], errors
