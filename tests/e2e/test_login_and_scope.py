"""The three kinds of users log in and see their own region and nothing outside it."""

import pytest

from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e]


@pytest.mark.parametrize(
    "username,scope_text,own,outside",
    [
        ("pemda", "Kabupaten Bandung", "/wilayah/32.04/", "/wilayah/33.01/"),
        ("fasilitator", "Desa Cinunuk", "/wilayah/32.04.05.2004/", "/wilayah/32.04.12.1001/"),
        ("bkm2", "Kelurahan Pasawahan", "/wilayah/32.04.12.1001/", "/wilayah/32.04.05.2004/"),
    ],
)
def test_each_account_sees_its_region_and_not_the_others(demo, new_page, username, scope_text, own, outside):
    page = login(new_page(), username)
    assert scope_text in page.get_by_test_id("scope").inner_text()
    page.goto(own)
    assert page.get_by_test_id("wilayah-nama").inner_text().endswith(scope_text.split(" ", 1)[1])
    response = page.goto(outside)
    assert response.status == 404
    assert "di luar wilayah Anda" in page.content()


def test_pemda_drills_down_from_kabupaten_to_desa_on_a_phone(demo, new_page):
    page = login(new_page(viewport={"width": 390, "height": 844}), "pemda")
    page.goto("/wilayah/32.04/")
    page.get_by_test_id("children").get_by_role("link", name="Kecamatan Cileunyi").click()
    page.get_by_test_id("children").get_by_role("link", name="Desa Cinunuk").click()
    assert page.get_by_test_id("wilayah-nama").inner_text() == "Desa Cinunuk"
    assert "BKM Desa Cinunuk" in page.get_by_test_id("lembaga").first.inner_text()
    crumbs = page.get_by_test_id("breadcrumbs")
    crumbs.get_by_role("link", name="Kabupaten Bandung").click()
    assert page.get_by_test_id("wilayah-nama").inner_text() == "Kabupaten Bandung"
    # a phone-sized screen: the page does not scroll sideways
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_the_language_switch_turns_the_portal_to_english(demo, new_page):
    page = login(new_page(), "admin")
    assert page.get_by_role("link", name="Wilayah", exact=True).is_visible()
    page.get_by_test_id("bahasa").get_by_role("button", name="EN").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Regions", exact=True).is_visible()
    assert page.locator("html").get_attribute("lang") == "en"


def test_a_wrong_password_is_refused_with_a_message(demo, new_page):
    page = new_page()
    page.goto("/masuk/")
    page.fill("input[name=username]", "pemda")
    page.fill("input[name=password]", "salah")
    page.get_by_test_id("login-submit").click()
    assert "/masuk/" in page.url
    assert page.locator(".alert-danger, .invalid-feedback, .errorlist").count() >= 1
