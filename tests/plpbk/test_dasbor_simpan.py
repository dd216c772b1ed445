"""A dashboard keeps what it makes of the summary rows (the filter choices, the sums per child,
the attention list's first locations) in the cache until the summary's clock moves: every
recount, a full recount or the keys stored again add one to its generation, a new day moves its
date, and a threshold changed by any path changes the key. What is live stays live: the changes
waiting, the meetings waiting for verification, a desa's timeline, the days a request waits."""

import datetime

import pytest
from django.conf import settings
from django.core.cache import cache
from django.http import QueryDict
from django.utils import translation

from kelurahan.models import Pertemuan, Wilayah
from plpbk.dasbor import arsip, perhatian, ringkasan
from plpbk.dasbor import dashboard as d
from plpbk.dasbor.halaman import kunci_simpanan
from plpbk.dasbor.models import AmbangPerhatian, HariRingkasan
from tests.conftest import make_region
from tests.plpbk import dashboard_data
from tests.plpbk.test_dashboard_views import PINNED
from tests.plpbk.test_perhatian import CINUNUK

pytestmark = pytest.mark.django_db

URL = "/dasbor/32.04/"
TAMBAKREJA = "33.01.01.2001"  # a programme desa in Jawa Tengah (tests/plpbk/dashboard_data.py)


@pytest.fixture
def data(users):
    dashboard_data.build(users)
    ringkasan.proses_tanda()
    return users


def _tabel(response) -> list[str]:
    return [str(b["baris"]) for _k, _t, kepala, _b in response.context["tabel_halaman"] for b in kepala["bagian"]]


def _perhatian(response) -> list[tuple[str, list[str]]]:
    return [(p.wilayah.kode, [a.teks for a in p.alasan]) for p in response.context["perhatian"]]


def _generasi() -> int:
    return HariRingkasan.objects.get(pk=1).generasi


def test_a_second_view_reads_what_the_first_kept(client_for, data, django_assert_num_queries):
    c = client_for("pemda")
    first = c.get(URL)
    with django_assert_num_queries(PINNED["region_disimpan"]):
        second = c.get(URL)
    assert _tabel(second) == _tabel(first) and _perhatian(second) == _perhatian(first)
    assert len(second.context["perhatian"]) == len(first.context["perhatian"]) > 0
    assert second.context["total"] == first.context["total"] and second.context["total"].peserta == 91
    assert second.context["form"].fields["tahun"].choices == first.context["form"].fields["tahun"].choices
    # the kelurahan in the official list, read with the children the page lists, as counted alone
    sendiri = d.Dasbor(data["pemda"], Wilayah.objects.get(kode="32.04")).total()
    assert first.context["total"].kelurahan == sendiri.kelurahan > 0
    assert [ind.kelurahan for _w, ind in first.context["anak"]] == [
        w.jumlah_kelurahan for w in Wilayah.objects.filter(induk_id="32.04").order_by("kode")
    ]


def test_a_write_shows_once_counted_and_waits_visibly_until_then(client_for, data):
    c = client_for("pemda")
    before = c.get(URL).context["total"].pertemuan
    generasi = _generasi()
    Pertemuan.objects.create(wilayah_id=CINUNUK, judul="Rapat", jenis="lain", tanggal="2012-06-01")
    # marked, not counted yet: the kept figures, and the page says a change waits (read live)
    waiting = c.get(URL)
    assert waiting.context["total"].pertemuan == before and waiting.context["keadaan"].tertunda == 1
    assert ringkasan.proses_tanda() == 1 and _generasi() == generasi + 1
    counted = c.get(URL)
    assert counted.context["total"].pertemuan == before + 1 and counted.context["keadaan"].tertunda == 0


def test_a_threshold_changed_behind_the_admins_back_shows_at_once(client_for, data):
    c = client_for("pemda")
    assert CINUNUK in dict(_perhatian(c.get(URL)))
    # the tolerances Cinunuk is within (tests/plpbk/test_perhatian_kunci.py), written past the admin
    AmbangPerhatian.objects.create(
        tahun_program=2012, deviasi_maks=25, tertahan_maks=14, pakai_hari=90, pakai_min=50, fisik_maks=10
    )
    assert CINUNUK not in dict(_perhatian(c.get(URL)))


def test_each_language_keeps_its_own_wording(client_for, data):
    c = client_for("pemda")
    indonesian = _perhatian(c.get(URL))
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = _perhatian(c.get(URL))
    assert [k for k, _a in english] == [k for k, _a in indonesian]
    assert english != indonesian and "Rembug" not in " ".join(" ".join(a) for _k, a in english)


def _jam() -> tuple[int, int, dict]:
    hari = HariRingkasan.objects.get(pk=1)
    return hari.generasi, hari.generasi_penuh, hari.generasi_wilayah


def test_the_generation_moves_with_every_change_of_the_rows_or_their_keys(data):
    g, _penuh, _provinsi = _jam()
    ringkasan.tandai({CINUNUK})
    ringkasan.proses_tanda()
    # a recount: the clock, and its province's and kabupaten's
    g1, penuh, provinsi = _jam()
    assert g1 == g + 1 and provinsi["32"] == provinsi["32.04"] == g1
    assert provinsi.get("33", 0) < g1 and provinsi.get("33.01", 0) < g1
    # the keys stored again: every row at once
    ringkasan.perbarui_kunci()
    assert _jam()[:2] == (g + 2, g + 2) and _jam()[2] == provinsi
    ringkasan.bangun_ulang()
    assert _jam()[0] > g + 2 and _jam()[1] == _jam()[0]
    # nothing waiting: no recount, no change
    before = _jam()
    assert ringkasan.proses_tanda() == 0 and _jam() == before


def test_a_regions_page_stays_kept_while_elsewhere_recounts(client_for, data, django_assert_num_queries):
    admin = client_for("admin")
    kab, nasional = admin.get(URL), admin.get("/dasbor/")
    # a meeting in Jawa Tengah, counted
    Pertemuan.objects.create(wilayah_id=TAMBAKREJA, judul="Rapat", jenis="lain", tanggal="2012-06-01")
    assert ringkasan.proses_tanda() == 1
    with django_assert_num_queries(PINNED["region_disimpan"]):
        again = admin.get(URL)
    assert again.context["total"] == kab.context["total"]
    # the nation's page reads the recount
    assert admin.get("/dasbor/").context["total"].pertemuan == nasional.context["total"].pertemuan + 1
    # a meeting in Kota Bandung, counted: Jawa Barat's page reads it, Kabupaten Bandung's stays kept
    provinsi = admin.get("/dasbor/32/").context["total"].pertemuan
    Pertemuan.objects.create(wilayah=make_region("32.73.01.1001"), judul="Rapat", jenis="lain", tanggal="2012-06-01")
    assert ringkasan.proses_tanda() == 1
    with django_assert_num_queries(PINNED["region_disimpan"]):
        admin.get(URL)
    assert admin.get("/dasbor/32/").context["total"].pertemuan == provinsi + 1
    # a meeting in Kabupaten Bandung, counted: its page reads it
    Pertemuan.objects.create(wilayah_id=CINUNUK, judul="Rapat", jenis="lain", tanggal="2012-06-01")
    assert ringkasan.proses_tanda() == 1
    assert admin.get(URL).context["total"].pertemuan == kab.context["total"].pertemuan + 1


def test_the_key_names_everything_the_kept_data_depends_on(data):
    kab = Wilayah.objects.get(kode="32.04")
    today = dashboard_data.TODAY
    hari = ringkasan.hari_ringkasan()
    semua = perhatian.ambang_semua()
    sumber = arsip.terkini(today)

    def key(wilayah=kab, query="", sumber=sumber, hari=hari, semua=semua):
        return kunci_simpanan(wilayah, QueryDict(query), sumber, hari, semua)

    base = key()
    assert base is not None and base == key()
    others = [
        key(wilayah=Wilayah.objects.get(kode="32.04.05")),
        key(wilayah=None),
        key(query="tahun=2012"),
        key(query="angkatan=2012"),
        key(sumber=arsip.terkini(today - datetime.timedelta(days=1))),  # another date
        key(hari=(*hari[:5], hari[5] + 1, hari[6])),  # every row changed since
        key(hari=(*hari[:6], {**hari[6], "32.04": hari[6].get("32.04", 0) + 1})),  # a recount in the kabupaten
        key(hari=(hari[0], hari[1] + datetime.timedelta(days=1), *hari[2:])),  # a new day
        key(semua={2012: AmbangPerhatian(tahun_program=2012, deviasi_maks=1)}),  # other thresholds
    ]
    assert len({base, *others}) == len(others) + 1
    # a recount elsewhere keeps a region's key (the nation's moves), even in its own province
    # (whose page moves)
    jabar = Wilayah.objects.get(kode="32")
    for kode in ("33", "33.01", "32.73"):
        elsewhere = (*hari[:4], hari[4] + 1, hari[5], {**hari[6], kode: hari[4] + 1, kode[:2]: hari[4] + 1})
        assert key(hari=elsewhere) == base and key(wilayah=None, hari=elsewhere) != key(wilayah=None)
    assert key(wilayah=jabar, hari=elsewhere) != key(wilayah=jabar)
    with translation.override("en"):
        assert key() != base
    # nothing counted yet: nothing is kept
    assert key(hari=(None, None, None, "", 0)) is None


def test_a_cache_that_cannot_be_reached_slows_the_page_and_stops_nothing(client_for, data, monkeypatch, caplog):
    from plpbk.dasbor import halaman

    c = client_for("pemda")
    expected = c.get(URL)
    cache.clear()

    def unreachable(*_args, **_kwargs):
        raise ConnectionError("cache server down")

    monkeypatch.setattr(halaman.cache, "get", unreachable)
    monkeypatch.setattr(halaman.cache, "set", unreachable)
    response = c.get(URL)
    assert response.status_code == 200
    assert _tabel(response) == _tabel(expected) and _perhatian(response) == _perhatian(expected)
    assert "the cache could not be read" in caplog.text and "the cache could not be written" in caplog.text
