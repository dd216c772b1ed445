"""The dashboard: indicator arithmetic on a fixed data set, scoping, filters, pinned query
counts that do not grow with the data, xlsx equal to the table, the PDF summary."""

import pytest

from kelurahan.models import Wilayah
from plpbk.dasbor import dashboard as d
from plpbk.dasbor import ringkasan
from plpbk.dasbor.linimasa import linimasa
from tests.plpbk import dashboard_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(users):
    dashboard_data.build(users)
    ringkasan.proses_tanda()  # dashboards read the summary as counted
    return users


def by_kode(dasbor, wilayah):
    children = Wilayah.objects.children_of(wilayah).order_by("kode")
    return {w.kode: ind for w, ind in dasbor.anak(children)}


def test_kabupaten_indicators_per_child_and_total(data):
    kab = Wilayah.objects.get(kode="32.04")
    dasbor = d.Dasbor(data["pemda"], kab, now=dashboard_data.NOW)
    rows = by_kode(dasbor, kab)
    cil, dyk = rows["32.04.05"], rows["32.04.12"]
    assert (cil.kelurahan, cil.lokasi, dyk.kelurahan, dyk.lokasi) == (2, 2, 1, 1)
    assert (cil.lokakarya_1, cil.lokakarya_2, cil.lokakarya_3, cil.lokakarya_4) == (0, 0, 1, 1)
    assert (cil.pengkondisian, cil.rembug, cil.rembug_di_bawah_target) == (1, 1, 0)
    assert (dyk.rembug, dyk.rembug_di_bawah_target) == (1, 1)
    assert (cil.pertemuan, cil.laki_laki, cil.perempuan, cil.disabilitas, cil.miskin) == (3, 30, 29, 1, 5)
    assert (dyk.pertemuan, dyk.laki_laki, dyk.perempuan, dyk.disabilitas, dyk.miskin) == (1, 10, 2, 0, 3)
    assert cil.persen_perempuan == pytest.approx(100 * 29 / 59)
    assert [getattr(cil, f"langkah_{i}") for i in range(1, 6)] == [1, 1, 1, 1, 1]
    assert [getattr(dyk, f"langkah_{i}") for i in range(1, 6)] == [1, 1, 0, 0, 0]
    assert (cil.tipp_dikukuhkan, dyk.tipp_dikukuhkan, cil.rencana_disetujui, dyk.rencana_disetujui) == (1, 0, 1, 0)
    # plan: 10 of 30 weighted days planned done, 20% of a 20-day activity actually done
    assert (cil.kegiatan, cil.kegiatan_terlambat) == (2, 1)
    assert cil.rencana_persen == pytest.approx(100 / 3)
    assert cil.realisasi_persen == pytest.approx(400 / 30)
    assert cil.deviasi == pytest.approx(-20.0)
    assert dyk.kegiatan == 0 and dyk.deviasi is None
    assert (cil.alokasi, cil.diminta, cil.terbayar, cil.penyerapan) == (1_000_000_000, 700_000_000, 300_000_000, 30.0)
    assert (cil.tertahan, cil.lama_tertahan) == (1, 5)
    assert (dyk.alokasi, dyk.diminta, dyk.terbayar, dyk.penyerapan, dyk.tertahan) == (500_000_000, 0, 0, 0.0, 0)

    own = dasbor.tingkat_sendiri()
    assert (own.lokakarya_2, own.pertemuan, own.laki_laki, own.perempuan) == (1, 1, 12, 8)

    total = dasbor.total()
    assert (total.kelurahan, total.lokasi, total.lokakarya, total.rembug, total.rembug_di_bawah_target) == (
        3,
        3,
        3,
        2,
        1,
    )
    assert (total.pertemuan, total.laki_laki, total.perempuan, total.peserta) == (5, 52, 39, 91)
    assert total.persen_perempuan == pytest.approx(100 * 39 / 91)
    assert (total.disabilitas, total.miskin) == (1, 8)
    assert (total.alokasi, total.diminta, total.terbayar, total.penyerapan) == (
        1_500_000_000,
        700_000_000,
        300_000_000,
        20.0,
    )
    assert (total.tertahan, total.lama_tertahan) == (1, 5)


def test_national_groups_by_province_and_pemda_sees_only_its_kabupaten(data):
    nasional = d.Dasbor(data["admin"], None, now=dashboard_data.NOW)
    per = nasional.per_kode
    assert set(per) == {"32", "33"}
    assert (per["33"].lokasi, per["33"].rembug, per["33"].rembug_di_bawah_target, per["33"].alokasi) == (
        1,
        1,
        1,
        200_000_000,
    )
    assert nasional.total().lokasi == 4
    # the same kabupaten seen by pemda and by admin gives the same figures
    kab = Wilayah.objects.get(kode="32.04")
    assert d.Dasbor(data["pemda"], kab).total() == d.Dasbor(data["admin"], kab).total()
    # a kelurahan user sees only its kelurahan inside the kabupaten
    assert d.Dasbor(data["bkm2"], kab).total().lokasi == 1


def test_filters_by_programme_year_and_cohort(data):
    kab = Wilayah.objects.get(kode="32.04")
    t2013 = d.Dasbor(data["pemda"], kab, d.Saringan(tahun=2013)).total()
    assert (t2013.lokasi, t2013.pertemuan, t2013.rembug, t2013.alokasi) == (1, 0, 0, 0)
    t2012 = d.Dasbor(data["pemda"], kab, d.Saringan(tahun=2012)).total()
    assert (t2012.lokasi, t2012.pertemuan, t2012.peserta, t2012.alokasi) == (2, 5, 91, 1_500_000_000)
    # cohort only: meetings above kelurahan level stay (the kabupaten and kecamatan lokakarya)
    a2013 = d.Dasbor(data["pemda"], kab, d.Saringan(angkatan="2013")).total()
    assert (a2013.lokasi, a2013.pertemuan, a2013.lokakarya_2, a2013.lokakarya_3, a2013.lokakarya_4) == (1, 2, 1, 1, 0)


def test_kelurahan_timeline_in_date_order(data):
    cinunuk = Wilayah.objects.get(kode="32.04.05.2004")
    items = linimasa(data["pemda"], cinunuk)
    assert [(p.tanggal.isoformat(), p.tahap) for p in items][:5] == [
        ("2012-04-02", "Lokakarya"),
        ("2012-04-20", "Lokakarya"),
        ("2012-05-02", "Lokakarya"),
        ("2012-05-07", "Sosialisasi"),
        ("2012-05-16", "Sosialisasi"),
    ]
    texts = [p.uraian for p in items]
    assert "TIPP dikukuhkan" in texts and "Rencana kerja disetujui" in texts
    assert "PP-BLM tahap 2 diajukan" in texts
    assert items == sorted(items, key=lambda p: p.tanggal)
