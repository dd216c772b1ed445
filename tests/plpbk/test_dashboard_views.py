"""Dashboard pages: drill-down links, scoping, redirects, pinned query counts, xlsx = table,
the PDF summary."""

import io

import openpyxl
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from kelurahan.models import LokasiProgram, Pertemuan
from plpbk.dasbor import ringkasan
from sosialisasi.models import RembugWarga
from tests.conftest import make_region
from tests.plpbk import dashboard_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(users):
    dashboard_data.build(users)
    ringkasan.proses_tanda()  # dashboards read the summary as counted
    return users


def test_kabupaten_page_links_children_and_shows_totals(client_for, data):
    response = client_for("pemda").get(reverse("dashboard_region", args=["32.04"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/dasbor/32.04.05/"' in html and 'href="/dasbor/32.04.12/"' in html
    assert "Kabupaten Bandung" in html
    assert response.context["total"].peserta == 91
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="dasbor-grafik"' in html
    # breadcrumbs: pemda cannot open the province, so it is not a link
    assert 'href="/dasbor/32/"' not in html


def test_pemda_cannot_open_another_kabupaten_or_the_nation(client_for, data):
    c = client_for("pemda")
    assert c.get(reverse("dashboard_region", args=["33.01"])).status_code == 404
    assert c.get(reverse("dashboard_region_xlsx", args=["33.01", "semua"])).status_code == 404
    response = c.get(reverse("dashboard") + "?tahun=2012")
    assert response.status_code == 302 and response["Location"] == "/dasbor/32.04/?tahun=2012"


def test_admin_national_page_compares_provinces(client_for, data):
    response = client_for("admin").get(reverse("dashboard"))
    assert response.status_code == 200
    labels = [w.kode for w, _ind in response.context["anak"]]
    assert labels == ["32", "33"]
    assert response.context["total"].lokasi == 4


def test_kelurahan_page_shows_timeline(client_for, data):
    response = client_for("bkm").get(reverse("dashboard_region", args=["32.04.05.2004"]))
    assert response.status_code == 200
    assert response.context["anak"] is None
    html = response.content.decode()
    assert "Linimasa siklus program" in html and "TIPP dikukuhkan" in html
    book = openpyxl.load_workbook(
        io.BytesIO(client_for("bkm").get(reverse("dashboard_region_xlsx", args=["32.04.05.2004", "linimasa"])).content)
    )
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == ("Tanggal", "Tahap", "Peristiwa")
    assert len(rows) - 1 == len(response.context["linimasa"])


def test_xlsx_matches_the_table(client_for, data):
    c = client_for("pemda")
    page = c.get(reverse("dashboard_region", args=["32.04"]))
    for key, _title, cols, body in page.context["tabel"]:
        response = c.get(reverse("dashboard_region_xlsx", args=["32.04", key]))
        assert response.status_code == 200
        rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        assert rows[0] == ("Wilayah", *(str(label) for _a, label, _k in cols))
        assert [list(r) for r in rows[1:-2]] == [[label, *(v for v, _k, _t in cells)] for label, _u, cells, _h in body]
        # after an empty row, as of when the figures were counted (as on the page)
        assert rows[-2] == (None,) * len(rows[0]) and rows[-1][0] == page.context["keadaan"].teks
    blm = c.get(reverse("dashboard_region_xlsx", args=["32.04", "blm"]))
    rows = list(openpyxl.load_workbook(io.BytesIO(blm.content)).active.iter_rows(values_only=True))
    assert rows[1][:5] == ("Kecamatan Cileunyi", 2, 1_000_000_000, 700_000_000, 300_000_000)
    assert rows[-3][0] == "Jumlah Kabupaten Bandung" and rows[-3][4] == 300_000_000 and rows[-3][5] == 20.0
    assert rows[-1][0].startswith("Angka per ")
    # the page shows the same cells, formatted
    html = page.content.decode()
    assert '<td class="text-end">Rp 300.000.000</td><td class="text-end">20,0%</td>' in html


def test_pdf_summary_text(client_for, data):
    response = client_for("pemda").get(reverse("dashboard_region_pdf", args=["32.04"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "RINGKASAN DASBOR PLP-BK KABUPATEN BANDUNG" in text
    assert "Kecamatan Cileunyi" in text and "Kecamatan Dayeuhkolot" in text
    assert "Rp 300.000.000" in text and "Rp 1.500.000.000" in text
    assert "42,9%" in text  # women among all participants


def _more_children(n):
    """n more kecamatan in Kabupaten Bandung, each with a programme desa, a rembug warga and
    attendance counters."""
    for i in range(n):
        kode = f"32.04.{40 + i:02d}.2001"
        w = make_region(kode, f"Desa Uji {i}")
        LokasiProgram.objects.create(wilayah=w, tahun=2012, angkatan="2012")
        pt = Pertemuan.objects.create(wilayah=w, judul="Rembug", jenis="sosialisasi", tanggal="2012-05-16")
        Pertemuan.objects.filter(pk=pt.pk).update(jumlah_l=3, jumlah_p=4)
        RembugWarga.objects.create(pertemuan=pt)
        dashboard_data.alokasi(kode, 100_000_000)


def _count(client, url):
    """The queries of a page working its figures out (nothing kept from an earlier view)."""
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "who,url",
    [
        ("pemda", "/dasbor/32.04/"),
        ("admin", "/dasbor/"),
        ("pemda", "/dasbor/32.04/unduh/semua.xlsx"),
        ("pjok", "/dasbor/32.04.05/?tahun=2012"),
        ("bkm", "/dasbor/32.04.05.2004/"),
    ],
)
def test_query_count_does_not_grow_with_children_or_meetings(client_for, data, who, url):
    c = client_for(who)
    c.get(url)
    before = _count(c, url)
    _more_children(18)
    assert ringkasan.proses_tanda() == 18
    assert _count(c, url) == before


def test_recount_costs_the_same_for_one_or_many_changed_regions(client_for, data):
    """Counting the marks of the regions written since the last count takes a fixed number of
    queries, whether one desa changed or nineteen; a dashboard costs the same with marks waiting
    or not (it reads and says how many wait). (Twelve: the fresh rows are inserted in one statement
    on SQLite too, whose 999 parameters hold 15 rows of the summary's fields.)"""
    c = client_for("pemda")
    c.get("/dasbor/32.04/")
    clean = _count(c, "/dasbor/32.04/")
    Pertemuan.objects.create(wilayah_id="32.04.05.2004", judul="Rapat BKM", jenis="lain", tanggal="2012-06-01")
    assert _count(c, "/dasbor/32.04/") == clean
    with CaptureQueriesContext(connection) as one:
        assert ringkasan.proses_tanda() == 1
    _more_children(12)
    assert _count(c, "/dasbor/32.04/") == clean
    with CaptureQueriesContext(connection) as many:
        assert ringkasan.proses_tanda() == 12
    assert len(many.captured_queries) == len(one.captured_queries)
    assert _count(c, "/dasbor/32.04/") == clean


def test_pinned_query_counts(client_for, data, django_assert_num_queries):
    c = client_for("pemda")
    c.get("/dasbor/32.04/")
    cache.clear()  # counted: the page working its figures out, not reading them kept
    with django_assert_num_queries(PINNED["region"]):
        c.get("/dasbor/32.04/")
    cache.clear()  # counted: the page working its figures out, not reading them kept
    with django_assert_num_queries(PINNED["kelurahan"]):
        c.get("/dasbor/32.04.05.2004/")


#: session, user, access, region, the summary's clock, the marks waiting in scope, filter choices,
#: jalur, children (with their kelurahan), the summary rows (BLM waiting per step included), the
#: attention list (its years' thresholds, the ranking of the locations behind counted in the
#: database, the rows shown); a kelurahan reads its timeline (8) instead of the children (1);
#: the savepoint pair; the meetings waiting for verification. With the keys
#: stored for the day (plpbk.dasbor.perhatian.Tersimpan), the rows shown come with their ranking:
#: one query fewer. A second view before the next recount reads what the first kept
#: (plpbk.dasbor.halaman.kunci_simpanan; tests/plpbk/test_dasbor_simpan.py): session, user,
#: access, region, the clock, the thresholds, the marks waiting, jalur, children, the savepoint
#: pair, the meetings waiting for verification
PINNED = {"region": 16, "kelurahan": 23, "region_kunci": 15, "region_disimpan": 12}


def test_home_and_navbar_lead_pemda_to_its_kabupaten_dashboard(client_for, data):
    c = client_for("pemda")
    html = c.get(reverse("home")).content.decode()
    assert 'data-testid="nav-dasbor"' in html and 'href="/dasbor/"' in html
    assert "Buka dasbor kabupaten/kota Anda" in html
    assert c.get("/dasbor/")["Location"] == "/dasbor/32.04/"
    admin_home = client_for("admin").get(reverse("home")).content.decode()
    assert "Buka dasbor nasional" in admin_home


@pytest.mark.parametrize("lang", ["id", "en"])
def test_table_numbers_are_formatted_like_the_portal_filters(lang):
    from django.utils import translation

    from plpbk.common.templatetags.plpbk import angka, persen, rupiah
    from plpbk.dasbor.views import FormatAngka

    with translation.override(lang):
        fmt = FormatAngka()
        for v in (0, 7, 1234, 1_000_000, 83_762):
            assert fmt(v, "int") == angka(v)
            assert fmt(v, "rp") == rupiah(v)
        for v in (0.0, 5.5, 33.3, 42.9, 100.0):
            assert fmt(v, "pct") == persen(v, 1)
        assert fmt(None, "pct") == "–"
        assert fmt(-20.0, "pp") == ("-20,0" if lang == "id" else "-20.0")
        assert fmt(1.5, "pp") == ("+1,5" if lang == "id" else "+1.5")
