"""The attendance entry page on a phone (360×740, touch): typing ahead of a slow server, a day
without network (reload and a closed browser included), a lost answer, a refused row, and
suggestions that stay out of the way."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from kelurahan import services
from kelurahan.models import Orang, Pertemuan
from kelurahan.services import BarisKehadiran, tambah_kehadiran
from tests.e2e.conftest import ARGS, CHROMIUM, login

PHONE = {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True}
NAMES = [
    "Sri Wahyuni", "Asep Sunandar", "Euis Kurniasih", "Ujang Rahmat", "Dede Rusmana", "Iis Rohayati",
    "Cecep Hidayat", "Neneng Hasanah", "Yayan Sopyan", "Enok Suryani", "Aep Saepudin", "Lilis Suryati",
    "Dadang Sudrajat", "Imas Masitoh", "Agus Salim", "Popon Rohaeti", "Entis Sutisna", "Nining Kurniawati",
    "Jajang Nurjaman", "Tati Sumiati", "Ade Kurnia", "Yuyun Yuningsih", "Engkos Kosasih", "Cucu Cahyati",
    "Maman Suherman", "Oom Komariah", "Ridwan Kamil", "Siti Aisyah", "Wawan Setiawan", "Nunung Nurhayati",
]  # fmt: skip


@pytest.fixture
def rapat(demo):
    return Pertemuan.objects.create(
        wilayah_id="32.04.05.2004", judul="Rembug warga RW 05", jenis="lain", tanggal=datetime.date(2012, 5, 16)
    )


@pytest.fixture
def phone(new_page):
    return lambda: new_page(**PHONE)


def entry_url(p):
    return f"/pertemuan/{p.pk}/hadir/"


def quiet_search(page):
    """Person search answered empty by the browser: these tests type new names only, and the
    in-memory test database then serves one request at a time."""
    page.route(re.compile(r"/hadir/cari/"), lambda route: route.fulfill(status=200, body=""))


def add_row(page, nama, jk, tap=False):
    page.get_by_test_id("input-nama").fill(nama)
    page.get_by_test_id("input-jk").select_option(jk)
    if tap:
        page.get_by_test_id("tambah").tap()
    else:
        page.get_by_test_id("input-nama").press("Enter")


def saved_names(p):
    return sorted(p.kehadiran.values_list("nama", flat=True))


def test_typing_ahead_of_a_slow_server_keeps_every_name(rapat, phone, monkeypatch):
    original = services.tambah_kehadiran

    def slow(*args, **kwargs):
        import time

        time.sleep(0.8)
        return original(*args, **kwargs)

    monkeypatch.setattr(services, "tambah_kehadiran", slow)
    page = login(phone(), "fasilitator")
    quiet_search(page)
    page.goto(entry_url(rapat))
    nama = page.get_by_test_id("input-nama")
    for i, name in enumerate(NAMES):
        nama.click()
        page.keyboard.type(name)  # typed while earlier rows are still on their way
        page.get_by_test_id("input-jk").select_option("LP"[i % 2])
        if i % 2:
            page.get_by_test_id("tambah").tap()
        else:
            nama.press("Enter")
        expect(nama).to_have_value("")
    # the rows appeared at once, most of them still pending
    expect(page.get_by_test_id("baris-kehadiran")).to_have_count(30)
    assert page.locator('[data-keadaan="menunggu"], [data-keadaan="mengirim"]').count() > 10
    expect(page.locator('[data-keadaan="tersimpan"]')).to_have_count(30, timeout=60_000)
    expect(page.get_by_test_id("total")).to_have_text("30")
    expect(page.get_by_test_id("antrian-banner")).to_be_hidden()
    assert saved_names(rapat) == sorted(NAMES)
    assert rapat.kehadiran.filter(kunci__isnull=True).count() == 0


def test_a_day_offline_survives_a_reload_and_a_closed_browser(rapat, browser, live_server, tmp_path):
    def launch():
        ctx = browser.browser_type.launch_persistent_context(
            str(tmp_path / "profil"),
            executable_path=CHROMIUM,
            args=ARGS,
            headless=True,
            base_url=live_server.url,
            **PHONE,
        )
        ctx.set_default_timeout(30_000)
        return ctx

    ctx = launch()
    page = login(ctx.pages[0] if ctx.pages else ctx.new_page(), "fasilitator")
    quiet_search(page)
    page.goto(entry_url(rapat))
    # the worker is active and has kept this page and its files
    page.wait_for_function(
        "navigator.serviceWorker.ready.then(() => caches.open('plpbk-halaman-v1'))"
        ".then(c => c.keys()).then(k => k.length > 0)",
        polling=250,
    )
    page.wait_for_function(
        "caches.open('plpbk-statis-v1').then(c => c.keys()).then(k => k.some(r => r.url.includes('kehadiran.js')))",
        polling=250,
    )
    ctx.set_offline(True)
    names = NAMES[:10]
    for i, name in enumerate(names):
        add_row(page, name, "LP"[i % 2], tap=bool(i % 2))
    expect(page.locator('[data-keadaan="menunggu"]')).to_have_count(10)
    expect(page.get_by_test_id("keadaan").first).to_have_text("menunggu jaringan")
    expect(page.get_by_test_id("antrian-banner")).to_contain_text("10 baris belum terkirim")
    assert rapat.kehadiran.count() == 0

    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.type), d.accept()))
    page.reload()  # offline: served by the service worker, the rows come back from IndexedDB
    assert dialogs == ["beforeunload"]  # leaving with unsent rows warns
    expect(page.get_by_test_id("form-baris")).to_be_visible()
    expect(page.locator('[data-keadaan="menunggu"]')).to_have_count(10)
    ctx.close()
    assert rapat.kehadiran.count() == 0

    ctx = launch()  # the browser reopened, back online
    page = ctx.pages[0] if ctx.pages else ctx.new_page()
    quiet_search(page)
    page.goto(entry_url(rapat))
    expect(page.locator('[data-keadaan="tersimpan"]')).to_have_count(10)
    expect(page.get_by_test_id("keadaan")).to_have_text(["tersimpan"] * 10)
    expect(page.get_by_test_id("total")).to_have_text("10")
    expect(page.get_by_test_id("antrian-banner")).to_be_hidden()
    assert saved_names(rapat) == sorted(names)
    page.reload()  # nothing is sent twice
    expect(page.locator('[data-keadaan="tersimpan"]')).to_have_count(10)
    ctx.close()
    assert rapat.kehadiran.count() == 10


def test_an_answer_lost_after_the_save_is_resent_without_a_second_row(rapat, phone):
    page = login(phone(), "fasilitator")
    quiet_search(page)
    page.goto(entry_url(rapat))
    lost = []

    def lose_first_answer(route):
        if route.request.method != "POST" or lost:
            route.continue_()
            return
        route.fetch()  # the server saves the row...
        lost.append(route.request.url)
        route.abort("connectionreset")  # ...and its answer never arrives

    page.route(re.compile(r"/hadir/$"), lose_first_answer)
    with page.expect_event("requestfailed"):
        add_row(page, "Sri Wahyuni", "P")
    expect(page.locator('[data-keadaan="menunggu"]')).to_have_count(1)
    assert saved_names(rapat) == ["Sri Wahyuni"]
    page.evaluate("window.dispatchEvent(new Event('online'))")  # the network is back
    expect(page.locator('[data-keadaan="tersimpan"]')).to_have_count(1)
    expect(page.get_by_test_id("keadaan")).to_have_text("tersimpan")
    expect(page.locator('[data-keadaan="ditolak"]')).to_have_count(0)
    expect(page.get_by_test_id("total")).to_have_text("1")
    assert saved_names(rapat) == ["Sri Wahyuni"]


def test_a_row_refused_after_sync_stays_with_its_reason_until_corrected(rapat, phone):
    tambah_kehadiran(rapat, [BarisKehadiran(nama="Asep Sunandar", jenis_kelamin="L", rt="05", rw="02")])
    page = login(phone(), "fasilitator")
    quiet_search(page)
    page.goto(entry_url(rapat))
    page.context.set_offline(True)
    page.get_by_test_id("input-nama").fill("Asep Sunandar")
    page.get_by_test_id("input-jk").select_option("L")
    page.locator("#id_baris-0-rt").fill("5")
    page.locator("#id_baris-0-rw").fill("2")
    page.get_by_test_id("tambah").tap()
    add_row(page, "Asep Sunandar", "L")  # the same name from no RT: another person
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    refused = page.locator('[data-keadaan="ditolak"]')
    expect(refused).to_have_count(1)
    expect(refused).to_contain_text("ditolak: Asep Sunandar sudah tercatat hadir")
    expect(refused).to_contain_text("sama dengan no. 1, Asep Sunandar, RT/RW 05/02")
    expect(page.get_by_test_id("antrian-banner")).to_contain_text("1 baris ditolak")
    expect(page.get_by_test_id("total")).to_have_text("2")
    page.reload()
    expect(page.locator('[data-keadaan="ditolak"]')).to_contain_text("sudah tercatat hadir")
    # corrected: back in the form, the message under the name, the name focused and in view
    page.get_by_test_id("perbaiki").tap()
    expect(page.locator('[data-keadaan="ditolak"]')).to_have_count(0)
    expect(page.get_by_test_id("input-nama")).to_have_value("Asep Sunandar")
    expect(page.get_by_test_id("input-nama")).to_be_focused()
    expect(page.get_by_test_id("galat-nama")).to_contain_text("sudah tercatat hadir")
    expect(page.get_by_test_id("galat-nama")).to_be_in_viewport()
    assert rapat.kehadiran.count() == 2


def test_a_missing_field_is_shown_beside_it_and_focused(rapat, phone):
    page = login(phone(), "fasilitator")
    quiet_search(page)
    page.goto(entry_url(rapat))
    page.get_by_test_id("input-nama").fill("Sri Wahyuni")
    page.get_by_test_id("tambah").tap()
    expect(page.get_by_test_id("input-jk")).to_be_focused()
    expect(page.get_by_test_id("galat-jenis_kelamin")).to_have_text("Pilih L atau P.")
    expect(page.get_by_test_id("galat-jenis_kelamin")).to_be_in_viewport()
    expect(page.get_by_test_id("input-nama")).to_have_value("Sri Wahyuni")  # nothing lost
    expect(page.get_by_test_id("baris-kehadiran")).to_have_count(0)  # nothing queued
    assert rapat.kehadiran.count() == 0


def test_suggestions_push_the_fields_down_and_pick_only_on_a_tap(rapat, phone):
    Orang.objects.create(
        nama="Ujang Rahmat", jenis_kelamin="L", wilayah_id="32.04.05.2004", rt="05", rw="01", miskin=True
    )
    page = login(phone(), "fasilitator")
    page.goto(entry_url(rapat))
    nama = page.get_by_test_id("input-nama")
    nama.click()
    with page.expect_response(lambda r: "/hadir/cari/" in r.url):
        page.keyboard.type("Ujang")
    item = page.locator("#saran .saran-item").first
    expect(item).to_contain_text("Ujang Rahmat")
    list_box, jk_box = page.get_by_test_id("saran").bounding_box(), page.get_by_test_id("input-jk").bounding_box()
    assert list_box["y"] + list_box["height"] <= jk_box["y"]  # below the name, never over L/P
    page.get_by_test_id("pertemuan-info").tap()  # a tap elsewhere closes it, and picks nobody
    expect(page.locator("#saran .saran-item")).to_have_count(0)
    expect(page.locator("#id_baris-0-orang")).to_have_value("")
    nama.click()
    with page.expect_response(lambda r: "/hadir/cari/" in r.url):
        page.keyboard.type(" R")
    page.locator("#saran .saran-item").first.tap()
    expect(page.get_by_test_id("pilihan")).to_contain_text("Ujang Rahmat · RT/RW 05/01")
    expect(page.get_by_test_id("input-jk")).to_have_value("L")
    page.get_by_test_id("pilihan-hapus").tap()  # removable
    expect(page.get_by_test_id("pilihan")).to_be_hidden()
    expect(page.locator("#id_baris-0-orang")).to_have_value("")


def test_a_name_typed_while_the_scripts_still_load_is_looked_up_once_they_run(rapat, new_page):
    """On a slow phone the name field (autofocus) takes keys before htmx listens; htmx then
    holds that text as the field's last value, so without a lookup on load the list never came."""
    Orang.objects.create(nama="Ujang Rahmat", jenis_kelamin="L", wilayah_id="32.04.05.2004", rt="05", rw="01")
    page = login(new_page(**PHONE, service_workers="block"), "fasilitator")
    held = []
    page.route(re.compile(r"/htmx\.min\.js$"), lambda route: held.append(route))
    page.goto(entry_url(rapat), wait_until="commit")
    expect(page.get_by_test_id("input-nama")).to_be_focused()
    page.keyboard.type("Ujang")
    expect(page.get_by_test_id("input-nama")).to_have_value("Ujang")
    assert len(held) == 1  # htmx has not run yet
    with page.expect_response(lambda r: "/hadir/cari/" in r.url) as answer:
        held[0].continue_()
    assert "baris-0-nama=Ujang" in answer.value.url
    expect(page.locator("#saran .saran-item").first).to_contain_text("Ujang Rahmat")
