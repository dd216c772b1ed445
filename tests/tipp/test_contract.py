"""The functions the BLM app reads (tipp_terbentuk, rencana_kerja_disetujui,
kegiatan_rencana_kerja, batas_waktu_pemanfaatan) and what they cost."""

import datetime

import pytest

from tipp import services

from .conftest import selesaikan_semua

pytestmark = pytest.mark.django_db


def test_tipp_terbentuk_needs_five_steps_and_confirmation(tipp_cinunuk, cinunuk, pasawahan, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert services.tipp_terbentuk(cinunuk) is False
    selesaikan_semua(tipp_cinunuk)
    assert services.tipp_terbentuk(cinunuk) is False  # not confirmed yet
    services.simpan_anggota(
        tipp_cinunuk, nama="Neneng", jenis_kelamin="P", asal="bkm", peran="Ketua", mulai=datetime.date(2012, 7, 1)
    )
    services.kukuhkan_tipp(tipp_cinunuk, tanggal=datetime.date(2012, 7, 10), oleh_bkm="H. Endang", oleh_lurah="Dede")
    with django_assert_num_queries(1):
        assert services.tipp_terbentuk(cinunuk) is True
    assert services.tipp_terbentuk(cinunuk.kode) is True
    assert services.tipp_terbentuk(pasawahan) is False


def test_rencana_disetujui_and_its_activities(rencana, kegiatan_factory, cinunuk, django_assert_num_queries):
    b = kegiatan_factory(nama="Pelatihan TIPP", tahap="persiapan", mulai=datetime.date(2012, 6, 4))
    a = kegiatan_factory(nama="Pemetaan swadaya")
    with django_assert_num_queries(1):
        assert services.rencana_kerja_disetujui(cinunuk) is False
    assert services.kegiatan_rencana_kerja(cinunuk) == []  # not approved: nothing to pick
    services.setujui_rencana(rencana, pada=datetime.date(2012, 6, 1))
    assert services.rencana_kerja_disetujui(cinunuk) is True
    with django_assert_num_queries(1):
        rows = services.kegiatan_rencana_kerja(cinunuk)
    assert rows == [(b.pk, "Persiapan: Pelatihan TIPP"), (a.pk, "Pemetaan swadaya: Pemetaan swadaya")]


def test_batas_waktu_is_the_latest_allocations_deadline(cinunuk, pasawahan, django_assert_num_queries):
    """The work plan's deadline is the one of the kelurahan's latest BLM allocation, read in
    one query; a kelurahan without an allocation has none."""
    from tests.blm.conftest import make_alokasi

    with django_assert_num_queries(1):
        assert services.batas_waktu_pemanfaatan(cinunuk) is None
    make_alokasi(cinunuk, tahun=2012, batas_waktu=datetime.date(2012, 12, 31))
    make_alokasi(cinunuk, tahun=2013, batas_waktu=datetime.date(2013, 11, 30))
    make_alokasi(pasawahan, tahun=2014, batas_waktu=datetime.date(2014, 12, 31))
    with django_assert_num_queries(1):
        assert services.batas_waktu_pemanfaatan(cinunuk) == datetime.date(2013, 11, 30)
    assert services.batas_waktu_pemanfaatan(cinunuk.kode) == datetime.date(2013, 11, 30)
    assert services.batas_waktu_pemanfaatan(pasawahan) == datetime.date(2014, 12, 31)
