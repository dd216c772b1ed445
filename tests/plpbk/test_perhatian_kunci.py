"""Today's attention list is read in the order of keys stored at each recount
(Ringkasan.kunci_perhatian, plpbk.dasbor.perhatian.simpan_kunci) instead of testing every rule on
every row. The keys must rank exactly as the rules do, be used only while they hold (the day
they were stored for, the thresholds they were stored with, the current rows), and follow every
recount, the new day and a change of thresholds."""

import datetime
import threading
import time

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.urls import reverse

from plpbk.dasbor import perhatian, ringkasan
from plpbk.dasbor.models import AmbangPerhatian, HariRingkasan, Ringkasan
from tests.plpbk import dashboard_data
from tests.plpbk.test_arsip import _besok
from tests.plpbk.test_perhatian import CIBIRU, CINUNUK, PASAWAHAN, _perhatian
from tests.plpbk.test_perhatian_sql import _expected, _got, _rows

pytestmark = pytest.mark.django_db

D0 = dashboard_data.TODAY
URUT = [PASAWAHAN, CIBIRU, CINUNUK]  # the order the rules give (tests/plpbk/test_perhatian.py)


@pytest.fixture
def data(users):
    dashboard_data.build(users)
    ringkasan.proses_tanda()
    ringkasan.perbarui_kunci()
    return users


def _kunci(kode: str) -> int:
    return Ringkasan.objects.get(wilayah_id=kode, tahun=0).kunci_perhatian


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize(
    "per", [datetime.date(2012, 6, 1), datetime.date(2013, 10, 14), datetime.date(2013, 12, 29), D0]
)
def test_stored_keys_rank_as_the_rules_do(seed, per):
    _rows(150, seed)
    AmbangPerhatian.objects.create(
        tahun_program=2012, deviasi_maks=25, tertahan_maks=30, pakai_hari=30, pakai_min=80, fisik_maks=0
    )
    perhatian.simpan_kunci(Ringkasan.objects.all(), per, perhatian.ambang_semua())
    expected = _expected(per)
    daftar = perhatian.daftar(Ringkasan.objects.all(), per, kunci=Ringkasan.objects.all())
    assert len(daftar) == len(expected)
    assert _got(daftar) == expected
    assert _got(daftar[:25]) == expected[:25] and _got(daftar[45:60]) == expected[45:60]
    # a year's rows: the year's index, the same order as the rules among them
    satu = Ringkasan.objects.filter(tahun_program=2012)
    daftar = perhatian.daftar(satu, per, kunci=satu)
    assert _got(daftar) == [(k, a) for k, a in expected if Ringkasan.objects.get(wilayah_id=k).tahun_program == 2012]
    # keys of rows behind only; a row on time keeps 0
    behind = {k for k, _a in expected}
    assert set(Ringkasan.objects.filter(kunci_perhatian__gt=0).values_list("wilayah_id", flat=True)) == behind


def test_the_dashboard_reads_the_keys_only_while_they_hold(client_for, data):
    c = client_for("pemda")
    assert not ringkasan.kunci_basi()
    assert [k for k, _a in _perhatian(c.get("/dasbor/32.04/"))] == URUT
    # a key changed by hand moves the list: the page reads the stored keys...
    Ringkasan.objects.filter(wilayah_id=CINUNUK, tahun=0).update(kunci_perhatian=9 * perhatian.SATU)
    cache.clear()  # a change by hand, outside any recount: what the page kept is dropped
    daftar = _perhatian(c.get("/dasbor/32.04/"))
    assert [k for k, _a in daftar] == [CINUNUK, PASAWAHAN, CIBIRU]
    # ...and words each location from its row as the rules do
    assert dict(daftar)[CINUNUK] == ["Rencana kerja tertinggal 20,0 poin, 1 kegiatan terlambat"]
    # another date ranks on the fly
    kemarin = (D0 - datetime.timedelta(days=1)).isoformat()
    assert [k for k, _a in _perhatian(c.get(f"/dasbor/32.04/?per={kemarin}"))] == URUT
    # thresholds changed behind the admin's back: the keys no longer hold, the rules rank
    AmbangPerhatian.objects.create(tahun_program=2013, batas_rembug=datetime.date(2030, 1, 1))
    assert ringkasan.kunci_basi()
    assert [k for k, _a in _perhatian(c.get("/dasbor/32.04/"))] == URUT
    # the scheduled command stores them again, the hand-made key gone
    call_command("hitung_ringkasan", "--tanda", verbosity=0)
    assert not ringkasan.kunci_basi()
    assert [k for k, _a in _perhatian(c.get("/dasbor/32.04/"))] == URUT
    assert _kunci(CINUNUK) < 2 * perhatian.SATU


def test_a_recount_stores_the_keys_of_its_regions(data):
    asli = _kunci(CINUNUK)
    assert asli > perhatian.SATU
    Ringkasan.objects.filter(wilayah_id=CINUNUK, tahun=0).update(kunci_perhatian=0)
    ringkasan.tandai([CINUNUK])
    ringkasan.proses_tanda()
    assert _kunci(CINUNUK) == asli
    # a recount after the thresholds changed does not store keys of other thresholds: the
    # keys stop holding until they are all stored again
    AmbangPerhatian.objects.create(tahun_program=2012, deviasi_maks=25)
    ringkasan.tandai([CINUNUK])
    ringkasan.proses_tanda()
    assert HariRingkasan.objects.get().kunci_tanggal is None and ringkasan.kunci_basi()
    ringkasan.perbarui_kunci()
    assert _kunci(CINUNUK) == 0  # 20 points behind is within 25


def test_the_new_day_stores_the_keys_for_that_day(client_for, data):
    with _besok():
        assert ringkasan.kunci_basi() is False  # the summary's own day has not moved yet
        ringkasan.hari_baru()
        hari = HariRingkasan.objects.get()
        assert hari.tanggal == hari.kunci_tanggal == D0 + datetime.timedelta(days=1)
        ringkasan.proses_tanda()
        rows = Ringkasan.objects.all()
        besok = hari.tanggal
        stored = perhatian.daftar(rows.filter(tahun=0, lokasi__gt=0), besok, kunci=rows)
        on_the_fly = perhatian.daftar(rows.filter(tahun=0, lokasi__gt=0), besok)
        assert _got(stored) == _got(on_the_fly) and len(stored) >= 3


def test_a_threshold_saved_in_the_admin_stores_the_keys_again(client_for, data, django_capture_on_commit_callbacks):
    admin = client_for("admin")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            reverse("admin:plpbk_ambangperhatian_add"),
            {
                "tahun_program": 2012,
                "deviasi_maks": 25,
                "tertahan_maks": 14,
                "pakai_hari": 90,
                "pakai_min": 50,
                "fisik_maks": 10,
            },
        )
    assert response.status_code == 302
    assert not ringkasan.kunci_basi() and _kunci(CINUNUK) == 0
    assert CINUNUK not in dict(_perhatian(client_for("pemda").get("/dasbor/32.04/")))


def test_stored_keys_cost_the_pinned_queries(client_for, data, django_assert_num_queries):
    from tests.plpbk.test_dashboard_views import PINNED

    c = client_for("pemda")
    c.get("/dasbor/32.04/")
    cache.clear()  # counted: the page working its figures out, not reading them kept
    with django_assert_num_queries(PINNED["region_kunci"]):
        c.get("/dasbor/32.04/")


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks between two transactions need PostgreSQL; runs in the PostgreSQL CI pass",
)
@pytest.mark.django_db(transaction=True)
def test_a_full_key_refresh_and_a_recount_at_once_do_not_deadlock(users):
    """A recount replaces its rows, then waits for the summary's clock to store their keys; a
    full refresh holds the clock and updates every row. The refresh skips the rows the recount
    holds (it stores their keys itself) instead of waiting for them: no deadlock, exact keys."""
    dashboard_data.build(users)
    ringkasan.proses_tanda()
    ringkasan.perbarui_kunci()
    asli = _kunci(CINUNUK)
    # every location's key stale: the refresh rewrites them all
    Ringkasan.objects.filter(tahun=0, lokasi__gt=0, tahun_program__gt=0).update(kunci_perhatian=1)
    diganti, jam_dipegang = threading.Event(), threading.Event()
    errors = []

    def recount():
        try:
            with transaction.atomic():
                ringkasan._ganti([CINUNUK], ringkasan.hitung([CINUNUK]))
                diganti.set()
                assert jam_dipegang.wait(10)
                time.sleep(0.3)  # the refresh is in its UPDATE by now
                ringkasan._kunci_wilayah([CINUNUK])
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    def refresh():
        try:
            assert diganti.wait(10)
            with transaction.atomic():
                HariRingkasan.objects.select_for_update().get(pk=1)
                jam_dipegang.set()
                ringkasan.perbarui_kunci()
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=recount), threading.Thread(target=refresh)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == []
    assert _kunci(CINUNUK) == asli and _kunci(PASAWAHAN) > perhatian.SATU
    assert not Ringkasan.objects.filter(kunci_perhatian=1).exists()
