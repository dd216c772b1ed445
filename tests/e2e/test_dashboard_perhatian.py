"""Pemda reads Kabupaten Bandung's dashboard on a laptop (1366×768) and a phone (360×740): the
attention list is in view at the top, the tables scroll inside their box with the region
column kept in view, and the page itself does not scroll sideways."""

import pytest

from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e]


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 768}, {"width": 360, "height": 740}])
def test_attention_list_on_top_and_tables_scroll_in_their_box(demo, new_page, viewport):
    page = login(new_page(viewport), "pemda")
    page.goto("/dasbor/32.04/")
    perhatian = page.get_by_test_id("perhatian")
    assert perhatian.is_visible()
    heading = perhatian.get_by_role("heading", name="Perlu perhatian")
    box = heading.bounding_box()
    assert box["y"] + box["height"] <= viewport["height"], "the attention list starts within the first screen"
    tabel = page.get_by_test_id("tabel-peserta")
    assert perhatian.bounding_box()["y"] < tabel.bounding_box()["y"]

    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    kotak = page.get_by_test_id("kotak-peserta").first
    lebar = kotak.evaluate("el => [el.scrollWidth, el.clientWidth, getComputedStyle(el).overflowX]")
    assert lebar[2] == "auto"
    if lebar[0] > lebar[1]:
        # scrolled sideways inside the box, the region names stay at its left edge
        kotak.evaluate("el => { el.scrollLeft = 400; }")
        nama = kotak.locator("tbody th").first.bounding_box()
        assert abs(nama["x"] - kotak.bounding_box()["x"]) <= 2
    else:
        assert viewport["width"] > 1000
    # at phone width the participation table is wider than its box: it scrolls inside it
    if viewport["width"] == 360:
        assert lebar[0] > lebar[1]


def test_ksm_chart_is_readable_on_a_phone(demo, new_page):
    """At 360 px the KSM chart keeps its drawn width (its text stays legible) and scrolls inside
    its card; the page itself does not scroll sideways."""
    page = login(new_page({"width": 360, "height": 740}), "pemda")
    page.goto("/dasbor/32.04/")
    grafik = page.get_by_test_id("grafik-ksm")
    grafik.scroll_into_view_if_needed()
    assert grafik.is_visible()
    svg = grafik.locator("svg")
    assert svg.bounding_box()["width"] >= 700
    kotak = grafik.locator(".grafik-gulir")
    lebar = kotak.evaluate("el => [el.scrollWidth, el.clientWidth, getComputedStyle(el).overflowX]")
    assert lebar[2] == "auto" and lebar[0] > lebar[1]
    assert "Cileunyi" in svg.text_content() and "Dayeuhkolot" in svg.text_content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
