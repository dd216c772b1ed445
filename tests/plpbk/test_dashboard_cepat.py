"""The dashboard's faster paths give what the slower general ones give: the filter selects as
their widgets render them, every derived figure as its property works it out, the sort links
as QueryDict would encode them, the region and download links as `reverse` makes them."""

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from kelurahan.models import Wilayah
from plpbk.dasbor import dashboard as d
from plpbk.dasbor import ringkasan
from plpbk.dasbor.halaman import TABEL_XLSX, Halaman, SaringanForm
from plpbk.dasbor.views import tajuk_urut
from tests.plpbk import dashboard_data


@pytest.mark.parametrize("bahasa", ["id", "en"])
@pytest.mark.parametrize(
    "data", [None, {"tahun": "2012"}, {"tahun": "abc", "angkatan": "I"}, {"angkatan": "<b>&"}, {"tahun": ""}]
)
def test_the_filter_selects_read_as_their_widgets(bahasa, data):
    with translation.override(bahasa):
        form = SaringanForm(data, tahun=[2011, 2012], angkatan=["I", "A&B", "<b>&"])
        for nama in ("tahun", "angkatan"):
            assert form.pilihan(nama) == form[nama].as_widget()


@pytest.mark.django_db
def test_every_figure_of_every_row_reads_as_its_property(users):
    dashboard_data.build(users)
    ringkasan.proses_tanda()
    names = [k[0] for k in d.KOLOM]
    checked = 0
    for kode in (None, "32", "32.04", "32.04.05", "32.04.05.2004"):
        wilayah = Wilayah.objects.get(kode=kode) if kode else None
        dasbor = d.Dasbor(users["admin"], wilayah, d.Saringan())
        for ind in [*dasbor.per_kode.values(), dasbor.total()]:
            assert d.nilai_semua(ind, names) == {n: d.nilai(ind, n) for n in names}
            checked += 1
    assert checked > 10


@pytest.mark.parametrize(
    "query,urut",
    [
        ("", ""),
        ("tahun=2012", ""),
        ("urut=-peserta&tahun=2012&per=2012-01-01", "-peserta"),
        ("tahun=2012&urut=lokasi&x=%26a+b", "lokasi"),
        ("a=1&urut=x&urut=y&b=2", ""),
    ],
)
def test_sort_links_encode_the_query_as_querydict_does(query, urut):
    params = QueryDict(query)
    for nama, (href, aria) in tajuk_urut(urut, params).items():
        q = params.copy()
        q["urut"] = f"-{nama}" if urut == nama else nama
        assert href == "?" + q.urlencode()
        assert aria == ("ascending" if urut == nama else "descending" if urut == f"-{nama}" else "none")


@pytest.mark.parametrize("kode", ["32", "32.04", "32.04.05", "32.04.05.2004"])
def test_region_links_read_as_reversed(kode):
    assert d.dashboard_url(kode) == reverse("dashboard_region", kwargs={"kode": kode})


@pytest.mark.parametrize("kode", [None, "32", "32.04", "32.04.05.2004"])
@pytest.mark.parametrize("query", ["", "tahun=2012&urut=-peserta"])
def test_download_links_read_as_reversed(kode, query):
    tambahan = f"?{query}" if query else ""
    kwargs = {"kode": kode} if kode else {}
    pdf = reverse("dashboard_region_pdf" if kode else "dashboard_pdf", kwargs=kwargs or None)
    assert Halaman.unduh_url(kode, None, query) == pdf + tambahan
    for tabel in [*TABEL_XLSX, "linimasa"]:
        xlsx = reverse("dashboard_region_xlsx" if kode else "dashboard_xlsx", kwargs={**kwargs, "tabel": tabel})
        assert Halaman.unduh_url(kode, tabel, query) == xlsx + tambahan
