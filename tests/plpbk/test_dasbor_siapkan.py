"""The scheduled recount makes the dashboards above what it counted ready (plpbk.dasbor.siapkan):
the first view after it reads what was kept, with the new figures, exactly as a page working
them out would show them; scope is checked as before, the stand-in reader is never saved, and a
page that fails to be made ready stops nothing."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command

from kelurahan.models import Pertemuan
from plpbk.dasbor import siapkan
from tests.plpbk import dashboard_data
from tests.plpbk.test_dasbor_simpan import _perhatian, _tabel
from tests.plpbk.test_dashboard_views import PINNED
from tests.plpbk.test_perhatian import CINUNUK

pytestmark = pytest.mark.django_db

ATAS = ["/dasbor/", "/dasbor/32/", "/dasbor/32.04/", "/dasbor/32.04.05/", f"/dasbor/{CINUNUK}/"]


@pytest.fixture
def data(users):
    dashboard_data.build(users)
    call_command("hitung_ringkasan", "--tanda", "--tanpa-siapkan", stdout=io.StringIO())
    cache.clear()
    return users


def _rekam(client):
    """(table, attention list, meetings) of each page above Cinunuk."""
    out = {}
    for url in ATAS:
        r = client.get(url)
        assert r.status_code == 200, url
        out[url] = (_tabel(r) if r.context["anak"] is not None else None, _perhatian(r), r.context["total"].pertemuan)
    return out


def test_after_a_recount_the_pages_above_read_the_new_figures_as_kept(client_for, data, django_assert_num_queries):
    admin, pemda = client_for("admin"), client_for("pemda")
    before = _rekam(admin)
    Pertemuan.objects.create(wilayah_id=CINUNUK, judul="Rapat", jenis="lain", tanggal="2012-06-01")
    out = io.StringIO()
    call_command("hitung_ringkasan", "--tanda", stdout=out)
    # the nation, as it opens and for each of its programme years (2012, 2013), and four regions
    assert "Dasbor disiapkan: 7 halaman" in out.getvalue()
    # the first view after the recount reads what was kept (as a second view does)
    with django_assert_num_queries(PINNED["region_disimpan"]):
        kab = pemda.get("/dasbor/32.04/")
    assert not kab.context["disimpan_baru"]
    assert not admin.get("/dasbor/?tahun=2013").context["disimpan_baru"]
    assert kab.context["total"].pertemuan == before["/dasbor/32.04/"][2] + 1
    kept = _rekam(admin)
    assert all(kept[url][2] == before[url][2] + 1 for url in ATAS)
    # ... and it is what a page working the figures out shows
    cache.clear()
    assert _rekam(admin) == kept
    assert _tabel(pemda.get("/dasbor/32.04/")) == kept["/dasbor/32.04/"][0]


def test_a_page_made_ready_is_shown_only_to_users_who_may_open_it(client_for, data):
    users_before = get_user_model().objects.count()
    Pertemuan.objects.create(wilayah_id=CINUNUK, judul="Rapat", jenis="lain", tanggal="2012-06-01")
    call_command("hitung_ringkasan", "--tanda", stdout=io.StringIO())
    assert get_user_model().objects.count() == users_before  # the stand-in reader is never saved
    pjok = client_for("pjok")
    assert pjok.get("/dasbor/32.04/").status_code == 404
    assert pjok.get("/dasbor/").status_code == 302  # sent to his own region, not the nation
    assert client_for("fasilitator2").get(f"/dasbor/{CINUNUK}/").status_code == 404


def test_without_making_ready_the_first_view_works_its_figures_out(client_for, data):
    pemda = client_for("pemda")
    assert pemda.get("/dasbor/32.04/").context["disimpan_baru"]
    assert not pemda.get("/dasbor/32.04/").context["disimpan_baru"]
    Pertemuan.objects.create(wilayah_id=CINUNUK, judul="Rapat", jenis="lain", tanggal="2012-06-01")
    out = io.StringIO()
    call_command("hitung_ringkasan", "--tanda", "--tanpa-siapkan", stdout=out)
    assert "disiapkan" not in out.getvalue()
    assert pemda.get("/dasbor/32.04/").context["disimpan_baru"]


def test_a_page_already_kept_is_only_read_and_the_pages_come_nation_first(data):
    assert siapkan.siapkan({CINUNUK}) == 7
    assert siapkan.siapkan({CINUNUK}) == 0
    pages = siapkan.halaman_untuk({CINUNUK, "33.01.01.2001"})
    assert pages[:3] == [(None, {}), (None, {"tahun": 2012}), (None, {"tahun": 2013})]
    kode = [k for k, _q in pages if k]
    assert kode == ["32", "33", "32.04", "33.01", "32.04.05", "33.01.01", CINUNUK, "33.01.01.2001"]


def test_at_most_so_many_pages_after_one_run(data, monkeypatch):
    monkeypatch.setattr(siapkan, "HALAMAN_MAKS", 3)
    pages = siapkan.halaman_untuk({CINUNUK})
    assert len(pages) == 3 and pages[0] == (None, {})


def test_a_page_that_fails_is_logged_and_the_others_made_ready(data, monkeypatch, caplog):
    from plpbk.dasbor import halaman

    build = halaman.Halaman.build

    def fails_for_jawa_barat(self):
        if self.wilayah is not None and self.wilayah.kode == "32":
            raise RuntimeError("broken")
        return build(self)

    monkeypatch.setattr(halaman.Halaman, "build", fails_for_jawa_barat)
    assert siapkan.siapkan({CINUNUK}) == 6
    assert "dashboard 32: not made ready after the recount" in caplog.text
