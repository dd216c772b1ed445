"""The figure registry (plpbk.dasbor.figures) drives the summary fields, the recount, the
indicators, the table columns and the xlsx headers: a figure is declared in one place, and a
field or column outside it fails loudly instead of being dropped."""

import io
from types import SimpleNamespace

import openpyxl
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Count, Sum
from django.urls import reverse

from kelurahan.models import Wilayah
from plpbk.dasbor import dashboard as d
from plpbk.dasbor import figures, ringkasan
from plpbk.dasbor.models import AmbangPerhatian, Ringkasan, RingkasanProvinsi
from tests.plpbk import dashboard_data


@pytest.fixture
def data(users):
    dashboard_data.build(users)
    ringkasan.proses_tanda()  # dashboards read the summary as counted
    return users


KINDS = {
    "cacah": models.PositiveIntegerField,
    "besar": models.BigIntegerField,
    "sejak": models.DateTimeField,
    "tanggal": models.DateField,
}


@pytest.mark.parametrize("model", [Ringkasan, RingkasanProvinsi])
def test_every_stored_figure_is_a_field_of_its_kind_and_no_other_figure_field_exists(model):
    fields = {f.name: f for f in model._meta.fields}
    for a in figures.TERSIMPAN:
        field = fields[a.nama]
        assert type(field) is KINDS[a.simpan], a.nama
        assert field.null == (a.simpan in ("sejak", "tanggal")) and field.get_default() == a.awal
    others = set(fields) - {a.nama for a in figures.TERSIMPAN}
    keterangan = {"id", "tahun", "tahun_program", "angkatan", "wilayah" if model is Ringkasan else "provinsi"}
    assert others == keterangan | set(model.BUKAN_ANGKA)
    assert list(model.BUKAN_ANGKA) == (["kunci_perhatian"] if model is Ringkasan else [])
    # derived and official-list figures are not stored
    assert not {a.nama for a in figures.ANGKA if not a.simpan} & set(fields)
    assert [a.nama for a in figures.TERSIMPAN if a.tambah == "sum"] + [
        a.nama for a in figures.TERSIMPAN if a.tambah == "min"
    ] == model.ANGKA + model.SEJAK


def _field(name, field):
    field.set_attributes_from_name(name)
    return field


def test_a_figure_field_outside_the_registry_fails_loudly():
    fields = [_field(f.name, f.clone()) for f in Ringkasan._meta.fields]
    model = type("Palsu", (), {"_meta": SimpleNamespace(fields=fields), "BUKAN_ANGKA": Ringkasan.BUKAN_ANGKA})
    figures.periksa(model)  # the real fields pass
    model._meta.fields = [*fields, _field("lupa_didaftar", models.PositiveIntegerField(default=0))]
    with pytest.raises(ImproperlyConfigured, match="lupa_didaftar"):
        figures.periksa(model)
    model._meta.fields = [f for f in fields if f.name != "miskin"]
    with pytest.raises(ImproperlyConfigured, match="miskin"):
        figures.periksa(model)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"simpan": "cacah"},  # stored, but counted from nothing
        {"simpan": "cacah", "asal": "tidak_ada", "agregat": Count("pk")},
        {"simpan": "pecahan", "asal": "pertemuan", "agregat": Count("pk")},
        {},  # neither counted nor derived
        {"turunan": figures.jumlah("a"), "simpan": "cacah", "asal": "pertemuan", "agregat": Count("pk")},
        {"asal": figures.RESMI, "format": "persen"},
        {"asal": figures.RESMI, "kelompok": ("peserta",)},  # a column without a title
        {"asal": figures.RESMI, "label": "x", "kelompok": ("lain",)},
    ],
)
def test_an_incomplete_declaration_fails_loudly(kwargs):
    with pytest.raises(ImproperlyConfigured):
        figures.Angka("baru", **kwargs)


def test_every_figure_is_an_indicator_and_unknown_ones_are_refused():
    ind = d.Indikator(kode="32", laki_laki=3, perempuan=1, bobot=4, bobot_rencana=2, bobot_realisasi=100)
    for a in figures.ANGKA:
        assert hasattr(ind, a.nama), a.nama
    assert (ind.peserta, ind.persen_perempuan, ind.rencana_persen, ind.realisasi_persen, ind.deviasi) == (
        4,
        25.0,
        50.0,
        25.0,
        -25.0,
    )
    assert d.Indikator().persen_perempuan is None and d.Indikator().deviasi is None
    with pytest.raises(TypeError, match="lupa"):
        d.Indikator(lupa=1)
    # adding up: sums, and the earliest date
    other = d.Indikator(laki_laki=1, tertahan_pjok_sejak=dashboard_data.NOW)
    ind.tambah(other)
    assert (ind.laki_laki, ind.tertahan_pjok_sejak, ind.persen_perempuan) == (4, dashboard_data.NOW, 20.0)


def test_derived_figures_read_the_same_from_a_summary_row():
    row = Ringkasan(bobot=10, bobot_rencana=5, bobot_realisasi=200, laki_laki=1, perempuan=3)
    ind = d.Indikator(bobot=10, bobot_rencana=5, bobot_realisasi=200, laki_laki=1, perempuan=3)
    for a in figures.TURUNAN:
        if a.nama != "lama_tertahan":  # counted to a moment, which only indicators have
            assert figures.nilai(row, a.nama) == getattr(ind, a.nama), a.nama
    assert figures.nilai(row, "deviasi") == -30.0


@pytest.mark.django_db
@pytest.mark.parametrize("who, kode", [("pemda", "32.04"), ("admin", None)])
def test_the_dashboard_reads_every_stored_figure(data, who, kode):
    """Each stored figure reaches the indicators (summed, or the earliest date) from the
    kelurahan rows or, nationally, the provinces' rows: none is left behind."""
    ringkasan.proses_tanda()
    wilayah = Wilayah.objects.get(kode=kode) if kode else None
    total = d.Dasbor(data[who], wilayah, now=dashboard_data.NOW).total()
    rows = Ringkasan.objects.all() if kode is None else Ringkasan.objects.in_region(wilayah)
    expected = rows.aggregate(**{a.nama: Sum(a.nama) for a in figures.TERSIMPAN if a.tambah == "sum"})
    assert {n: getattr(total, n) for n in expected} == {n: v or 0 for n, v in expected.items()}
    assert total.tertahan_sejak == min(r.tertahan_sejak for r in rows if r.tertahan_sejak)
    # the demo counts something in most figures, so a figure read as 0 would show
    assert sum(1 for n in expected if getattr(total, n)) >= 20
    assert total.kelurahan > 0  # from the official list, not the summary


def test_columns_and_tables_follow_the_registry():
    labelled = [a for a in figures.ANGKA if a.label is not None]
    assert [(a.nama, a.label, a.format) for a in labelled] == d.KOLOM
    assert [k for k, _t, _n in d.KELOMPOK] == ["peserta", "tipp", "blm", "ksm", "jangkauan"]
    for key, _title, names in d.KELOMPOK:
        assert names == [a.nama for a in figures.ANGKA if key in a.kelompok]
        assert [c[0] for c in d.kolom(key)] == names
    # every column is a figure the indicators hold
    ind = d.Indikator()
    for nama, _label, _kind in d.KOLOM:
        getattr(ind, nama)


@pytest.mark.django_db
@pytest.mark.parametrize("tabel", ["semua", "peserta", "tipp", "blm", "ksm", "jangkauan"])
def test_xlsx_headers_are_the_registry_columns(client_for, data, tabel):
    response = client_for("pemda").get(reverse("dashboard_region_xlsx", args=["32.04", tabel]))
    header = next(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    figs = [a for a in figures.ANGKA if a.label is not None and (tabel == "semua" or tabel in a.kelompok)]
    assert header == ("Wilayah", *(str(a.label) for a in figs))


def _sel(response, tabel: str, label: str, attr: str) -> str:
    """The <td> of column `attr` in the row `label` of the page's table `tabel`."""
    for key, _t, cols, body in response.context["tabel"]:
        if key == tabel:
            html = next(h for row_label, _u, _c, h in body if row_label == label)
            cells = ["<td" + c for c in str(html).split("<td")[1:]]
            return cells[[c[0] for c in cols].index(attr)]
    raise KeyError(tabel)


@pytest.mark.django_db
def test_table_flags_use_the_chosen_programme_years_thresholds(client_for, data):
    """Cileunyi's plan is 20 points behind and its request has waited 5 days: past the default
    10 points, within the default 14 days; the other way round with 2012's own thresholds."""
    c = client_for("pemda")

    def flags(query):
        page = c.get("/dasbor/32.04/" + query)
        return (
            "data-tanda" in _sel(page, "tipp", "Kecamatan Cileunyi", "deviasi"),
            "data-tanda" in _sel(page, "blm", "Kecamatan Cileunyi", "lama_tertahan"),
        )

    assert flags("?tahun=2012") == (True, False)
    AmbangPerhatian.objects.create(tahun_program=2012, deviasi_maks=25, tertahan_maks=3)
    assert flags("?tahun=2012") == (False, True)
    # all years together (2012 and 2013 in the kabupaten): the defaults
    assert flags("") == (True, False)
    # a kecamatan with one programme year only reads that year's
    kecamatan = Ringkasan.objects.in_region(Wilayah.objects.get(kode="32.04.12")).filter(lokasi=1)
    assert set(kecamatan.values_list("tahun_program", flat=True)) == {2012}
    page = c.get("/dasbor/32.04.12/")
    assert (page.context["ambang"].tahun_program, page.context["ambang"].deviasi_maks) == (2012, 25)
