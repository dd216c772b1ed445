"""Filter parameters: an impossible year or region code is a form error on the page (in
Indonesian) and that filter is ignored, never a server error; filter choices come from the
user's regions only; the lokakarya list's region filter is a code with suggestions loaded as
the user types, so the page does not grow with the regions a user sees."""

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kelurahan.models import LokasiProgram, Pertemuan
from plpbk.dasbor import ringkasan
from tests.conftest import make_region
from tests.lokakarya.factories import make_lokakarya

pytestmark = pytest.mark.django_db

BAD_YEARS = ["0", "-1", "1999", "10000", "99999999999", "abc", "1e309"]


@pytest.fixture
def workshops(regions):
    make_lokakarya(regions["32.04.05.2004"], judul="Lokakarya Desa Cinunuk")
    make_lokakarya(regions["32.04"], judul="Lokakarya Kabupaten Bandung")
    make_lokakarya(regions["33.01.01.2001"], judul="Lokakarya Tambakreja")


def titles(response):
    return sorted(lk.pertemuan.judul for lk in response.context["page"])


@pytest.mark.parametrize("tahun", BAD_YEARS)
def test_an_impossible_year_is_a_form_error_and_the_list_is_unfiltered(client_for, workshops, tahun):
    c = client_for("pemda")
    r = c.get(reverse("lokakarya:list"), {"tahun": tahun, "q": "lokakarya"})
    assert r.status_code == 200
    assert r.context["filter"].form.errors["tahun"]
    assert titles(r) == ["Lokakarya Desa Cinunuk", "Lokakarya Kabupaten Bandung"]  # q still applies
    assert 'data-testid="filter-error"' in r.content.decode()
    for name in ("sosialisasi:index", "blm:index", "blm:permintaan_list"):
        r = c.get(reverse(name), {"tahun": tahun})
        assert r.status_code == 200 and r.context["filter"].form.errors["tahun"], name
        assert "Saringan yang tidak sah diabaikan:" in r.content.decode(), name


def test_the_year_error_is_in_indonesian(client_for, workshops):
    body = client_for("pemda").get(reverse("lokakarya:list"), {"tahun": "10000"}).content.decode()
    assert "Pastikan nilai ini lebih kecil dari atau sama dengan 2100." in body


def test_the_export_ignores_an_impossible_year_and_keeps_the_other_filters(client_for, workshops):
    r = client_for("pemda").get(reverse("lokakarya:list_xlsx"), {"tahun": "10000", "q": "kabupaten"})
    assert r.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2 and "Lokakarya Kabupaten Bandung" in rows[1]
    r = client_for("pemda").get(reverse("lokakarya:list_xlsx"), {"tahun": "2012"})
    assert len(list(openpyxl.load_workbook(io.BytesIO(r.content)).active.iter_rows())) == 3


@pytest.mark.parametrize("kode", ["abc", "32.4", "32.04.05.2004.1", "../32", "32.04\x00", "1" * 300])
def test_a_malformed_region_code_is_a_form_error(client_for, workshops, kode):
    r = client_for("pemda").get(reverse("lokakarya:list"), {"wilayah": kode})
    assert r.status_code == 200 and r.context["filter"].form.errors["wilayah"]
    assert len(titles(r)) == 2


def test_a_region_outside_the_users_scope_is_refused_and_shows_nothing_of_it(client_for, workshops):
    r = client_for("pemda").get(reverse("lokakarya:list"), {"wilayah": "33.01"})
    assert "Wilayah ini di luar wilayah Anda." in r.content.decode()
    assert titles(r) == ["Lokakarya Desa Cinunuk", "Lokakarya Kabupaten Bandung"]
    r = client_for("pemda").get(reverse("lokakarya:list"), {"wilayah": "32.04.05"})
    assert titles(r) == ["Lokakarya Desa Cinunuk"]
    assert r.context["wilayah_terpilih"].kode == "32.04.05"


def test_region_suggestions_are_scoped_and_short(client_for, regions):
    for i in range(30):
        make_region(f"32.04.05.{3000 + i}", f"Desa Sukamaju {i}")
    make_region("33.01.01.2002", "Desa Sukamaju Jateng")
    url = reverse("kelurahan:wilayah_cari")
    body = client_for("pemda").get(url, {"wilayah": "sukamaju"}).content.decode()
    assert body.count("<option") == 20 and "Jateng" not in body and "33.01" not in body
    body = client_for("admin").get(url, {"q": "Sukamaju Jateng"}).content.decode()
    assert 'value="33.01.01.2002"' in body
    body = client_for("fasilitator").get(url, {"q": "32.04"}).content.decode()
    assert body.count("<option") == 1 and 'value="32.04.05.2004"' in body  # only their desa
    assert client_for("pemda").get(url, {"q": "x\x00' OR 1=1 --"}).status_code == 200


def _measure(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(response.content), len(ctx.captured_queries)


def test_the_lokakarya_list_does_not_grow_with_the_regions_in_scope(client_for, regions):
    for i in range(26):  # a full first page and a second one
        make_lokakarya(regions["32.04.05.2004"], judul=f"Lokakarya {i:02d}")
    c = client_for("admin")
    url = reverse("lokakarya:list")
    c.get(url)
    size, queries = _measure(c, url)
    # 120 more desa in scope, each with a workshop (older: page 1 shows the same rows)
    for i in range(120):
        w = make_region(f"32.04.{50 + i // 40:02d}.{2001 + i % 40}", f"Desa Tambahan {i}")
        make_lokakarya(w, judul=f"Lokakarya Tambahan {i:03d}")
    Pertemuan.objects.filter(judul__startswith="Lokakarya Tambahan").update(tanggal="2010-01-01")
    size_after, queries_after = _measure(c, url)
    assert queries_after == queries
    assert abs(size_after - size) < 40, (size, size_after)  # only the page count's digits may change
    assert "Tambahan" not in c.get(url).content.decode()


def _choices(response):
    form = response.context["form"]
    return (
        [v for v, _l in form.fields["tahun"].choices if v],
        [v for v, _l in form.fields["angkatan"].choices if v],
    )


def test_dashboard_year_and_cohort_choices_come_from_the_page_region_only(client_for, users, regions):
    for kode, tahun, angkatan in [("32.04.12.1001", 2013, "Angkatan Pasawahan"), ("33.01.01.2001", 2015, "Jateng")]:
        lokasi = LokasiProgram.objects.get(wilayah_id=kode)
        lokasi.tahun, lokasi.angkatan = tahun, angkatan
        lokasi.save()
    ringkasan.proses_tanda()  # dashboards read the summary as counted
    assert _choices(client_for("pemda").get("/dasbor/32.04/")) == ([2012, 2013], ["2012", "Angkatan Pasawahan"])
    assert _choices(client_for("pjok").get("/dasbor/32.04.05/")) == ([2012], ["2012"])
    assert _choices(client_for("satker").get("/dasbor/32/")) == ([2012, 2013], ["2012", "Angkatan Pasawahan"])
    assert _choices(client_for("admin").get("/dasbor/")) == (
        [2012, 2013, 2015],
        ["2012", "Angkatan Pasawahan", "Jateng"],
    )
    # a year from elsewhere is not a choice here: ignored, the page shows everything
    r = client_for("pemda").get("/dasbor/32.04/", {"tahun": "2015"})
    assert r.status_code == 200 and r.context["form"].errors["tahun"] and not r.context["saringan"].aktif
