"""The attention list is picked and ranked by the database (plpbk.dasbor.perhatian.ATURAN_SQL) and
worded in Python (`alasan`): both must agree on which locations are behind and how far, on
every row, at the edges of each rule (the expected dates, the slippage tolerance and its
rounding, a wait that began just before midnight UTC), on SQLite and PostgreSQL alike."""

import datetime
import random

import pytest

from plpbk.dasbor import perhatian
from plpbk.dasbor.models import AmbangPerhatian, Ringkasan
from tests.conftest import make_region

pytestmark = pytest.mark.django_db

UTC = datetime.timezone.utc
TAHUN = [2011, 2012, 2013]


def _rows(n: int, seed: int) -> None:
    """`n` programme locations in Kabupaten Bandung with figures around every rule's edge."""
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        w = make_region(f"32.04.{60 + i // 50:02d}.{2001 + i % 50}", f"Desa Uji {i}")
        bobot = rnd.choice([0, 2, 4, 30, 97])
        rencana = rnd.randint(0, bobot)
        # done x 100: from on plan to far behind, ties of the rounding and the tolerance included
        realisasi = max(0, 100 * rencana - rnd.choice([0, 1, 5, 10 * bobot, 10 * bobot + 1, 25 * bobot, 50 * bobot]))
        sejak = None
        if rnd.random() < 0.6:
            hari = rnd.choice([0, 13, 14, 15, 16, 40, 400])
            jam = rnd.choice([0, 16, 17, 23])
            sejak = datetime.datetime(2013, 9, 30, jam, rnd.choice([0, 30]), tzinfo=UTC) - datetime.timedelta(days=hari)
        # BLM at the BKM: paid around the days allowed before it is to be used, used by the KSM
        # around the minimum share; physical progress around the tolerance and its rounding
        terbayar = rnd.choice([0, 0, 300_000])
        dibayar = None
        if terbayar and rnd.random() < 0.9:
            dibayar = datetime.date(2013, 9, 30) - datetime.timedelta(days=rnd.choice([30, 89, 90, 91, 400]))
        terpakai = rnd.choice([0, 149_999, 150_000, 150_001, 240_000, 240_001, 300_000])
        usulan = rnd.choice([0, 200_000, 300_000])
        fisik = max(
            0, 100 * terpakai - rnd.choice([0, 10 * usulan - 1, 10 * usulan, 10 * usulan + 1, 21 * usulan // 2])
        )
        rows.append(
            Ringkasan(
                wilayah=w,
                tahun=0,
                lokasi=1,
                tahun_program=rnd.choice(TAHUN),
                lokakarya_4=rnd.choice([0, 1]),
                rembug=rnd.choice([0, 1]),
                rembug_di_bawah_target=rnd.choice([0, 0, 1, 2]),
                langkah_5=rnd.choice([0, 1]),
                rencana_disetujui=rnd.choice([0, 1]),
                alokasi=rnd.choice([0, 1_000_000]),
                terbayar=terbayar,
                dibayar_terakhir=dibayar,
                dicairkan_ksm=rnd.choice([0, terpakai]),
                terpakai_ksm=terpakai,
                usulan_rp=usulan,
                bobot_fisik=fisik,
                bobot=bobot,
                bobot_rencana=rencana,
                bobot_realisasi=realisasi,
                kegiatan_terlambat=rnd.randint(0, 3),
                tertahan_sejak=sejak,
            )
        )
    Ringkasan.objects.bulk_create(rows)


def _expected(per: datetime.date) -> list[tuple[str, list[str]]]:
    """The list as `alasan` alone ranks it: row by row in Python."""
    ambang = perhatian.ambang_tahun(TAHUN)
    out = []
    for r in Ringkasan.objects.select_related("wilayah"):
        found = perhatian.alasan(r, ambang.get(r.tahun_program) or AmbangPerhatian(tahun_program=r.tahun_program), per)
        if found:
            out.append((len(found), sum(a.hari for a in found), r.wilayah_id, sorted(found, key=lambda a: -a.hari)))
    out.sort(key=lambda x: (-x[0], -x[1], x[2]))
    return [(kode, [a.teks for a in found]) for _n, _s, kode, found in out]


def _got(lokasi) -> list[tuple[str, list[str]]]:
    return [(p.wilayah.kode, [a.teks for a in p.alasan]) for p in lokasi]


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize(
    "per",
    [
        datetime.date(2011, 3, 31),  # 2011's lokakarya date itself: not late yet
        datetime.date(2012, 6, 1),
        datetime.date(2013, 9, 30),
        datetime.date(2013, 10, 14),  # waits of exactly the tolerance
        datetime.date(2013, 12, 29),  # payments of exactly the days allowed
        datetime.date(2026, 11, 30),
    ],
)
def test_the_database_ranks_as_the_reasons_do(seed, per):
    _rows(150, seed)
    AmbangPerhatian.objects.create(
        tahun_program=2012, deviasi_maks=25, tertahan_maks=30, pakai_hari=30, pakai_min=80, fisik_maks=0
    )
    AmbangPerhatian.objects.create(tahun_program=2013, batas_rembug=datetime.date(2013, 9, 30), deviasi_maks=0)
    expected = _expected(per)
    daftar = perhatian.daftar(Ringkasan.objects.all(), per)
    assert len(daftar) == len(expected)
    assert _got(daftar) == expected  # all of them, past the first page read at once
    # the page's first 25 and the PDF's 40 from the first read, a later slice and an item on demand
    assert _got(daftar[:25]) == expected[:25]
    assert _got(daftar[:40]) == expected[:40]
    assert _got(daftar[45:60]) == expected[45:60]
    if len(expected) > 50:
        assert _got([daftar[50]]) == [expected[50]]
        assert _got([daftar[-1]]) == [expected[-1]]


def test_no_location_and_nothing_behind_cost_one_query(django_assert_num_queries):
    make_region("32.04.05.2004", "Cinunuk")
    per = datetime.date(2026, 11, 30)
    with django_assert_num_queries(1):  # the programme years: none, so no thresholds and no ranking
        daftar = perhatian.daftar(Ringkasan.objects.all(), per)
        assert len(daftar) == 0 and list(daftar) == [] and not daftar
    Ringkasan.objects.create(
        wilayah_id="32.04.05.2004",
        tahun=0,
        lokasi=1,
        tahun_program=2026,
        lokakarya_4=1,
        rembug=1,
        langkah_5=1,
        rencana_disetujui=1,
    )
    daftar = perhatian.daftar(Ringkasan.objects.all(), per, ambang={}, tahun=[2026])
    with django_assert_num_queries(1):  # the ranking, nothing to read
        assert len(daftar) == 0 and daftar[:25] == []
