"""“Perlu perhatian”: the programme locations of a dashboard's region that are behind, ranked
by how far, each with its reasons in words.

Read from the kelurahan summary rows (plpbk.dasbor.models.Ringkasan, `tahun` 0, one per location)
and the thresholds of their programme years (AmbangPerhatian). The database picks and ranks the
locations behind (`ATURAN_SQL`: the rules of `alasan` in SQL) and counts them in one query; only
the rows shown are then read whole and worded (25 on the page, 40 in the PDF, of 11,000 at
national scale).

“As of” (`per`): the rules compare the expected dates, the verification waits and the days since
the latest BLM payment with that date; the counts they read (meetings held, TIPP steps done, plan
slippage, BLM used by the KSM, physical progress) are that day's when it is kept (the dashboard
passes the kept day's rows, plpbk.dasbor.arsip), else the current ones.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db import connection
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kelurahan.models import Wilayah

from . import figures
from .dashboard import dashboard_url, pengubah
from .models import AmbangPerhatian, Ringkasan

#: days of delay a finding without a date counts for in the ranking
BOBOT_TANPA_TANGGAL = 30


@dataclass
class Alasan:
    teks: str
    hari: int


@dataclass
class Lokasi:
    wilayah: Wilayah
    alasan: list[Alasan] = field(default_factory=list)

    @property
    def skor(self) -> int:
        return sum(a.hari for a in self.alasan)

    @property
    def url(self) -> str:
        return dashboard_url(self.wilayah.kode)


def _tgl(d: datetime.date) -> str:
    return d.strftime("%d-%m-%Y")


def alasan(r: Ringkasan, ambang: AmbangPerhatian, per: datetime.date) -> list[Alasan]:
    """The reasons summary row `r` (or an object of its fields) of a programme location is
    behind on `per`."""
    out = []

    def telat(nama: str) -> int:
        return (per - ambang.batas(nama)).days

    if not r.lokakarya_4 and (h := telat("batas_lokakarya")) > 0:
        out.append(
            Alasan(
                _("Lokakarya kelurahan belum diadakan (batas %(t)s)") % {"t": _tgl(ambang.batas("batas_lokakarya"))}, h
            )
        )
    if not r.rembug and (h := telat("batas_rembug")) > 0:
        out.append(
            Alasan(_("Rembug warga belum diadakan (batas %(t)s)") % {"t": _tgl(ambang.batas("batas_rembug"))}, h)
        )
    if r.rembug_di_bawah_target:
        out.append(
            Alasan(
                _("Rembug warga di bawah target inklusi: %(n)s") % {"n": r.rembug_di_bawah_target}, BOBOT_TANPA_TANGGAL
            )
        )
    if not r.langkah_5 and (h := telat("batas_tipp")) > 0:
        selesai = sum(1 for i in range(1, 6) if getattr(r, f"langkah_{i}"))
        out.append(
            Alasan(
                _("Langkah TIPP terlambat: %(n)s dari 5 selesai (batas %(t)s)")
                % {"n": selesai, "t": _tgl(ambang.batas("batas_tipp"))},
                h,
            )
        )
    if not r.rencana_disetujui and (h := telat("batas_rencana")) > 0:
        out.append(
            Alasan(
                _("Rencana kerja belum disetujui sebelum batas BLM Tahap 1 (%(t)s)")
                % {"t": _tgl(ambang.batas("batas_rencana"))},
                h,
            )
        )
    if r.alokasi and not r.terbayar and (h := telat("batas_rencana")) > 0:
        out.append(Alasan(_("BLM dialokasikan, belum ada yang dibayar"), h))
    # the plan behind by more than the tolerance, in whole numbers (planned minus done, x 100,
    # against the tolerance times the weight), so that the database ranks alike (ATURAN_SQL)
    mundur = 100 * r.bobot_rencana - r.bobot_realisasi
    if r.bobot and mundur > ambang.deviasi_maks * r.bobot:
        out.append(
            Alasan(
                _("Rencana kerja tertinggal %(d)s poin, %(n)s kegiatan terlambat")
                % {"d": number_format(-figures.nilai(r, "deviasi"), 1), "n": r.kegiatan_terlambat},
                (2 * mundur + r.bobot) // (2 * r.bobot),  # the points behind, rounded
            )
        )
    if r.terbayar and r.dibayar_terakhir is not None:
        # BLM at the BKM: after the days allowed since the latest payment, the KSM are to have used
        # a minimum share of all BLM paid (compared in whole numbers, as ATURAN_SQL does)
        h = (per - r.dibayar_terakhir).days - ambang.pakai_hari
        if h > 0 and 100 * r.terpakai_ksm < ambang.pakai_min * r.terbayar:
            if not r.dicairkan_ksm:
                teks = _("BLM dibayar %(t)s, belum disalurkan ke KSM") % {"t": _tgl(r.dibayar_terakhir)}
            else:
                teks = _("BLM dibayar %(t)s, baru %(p)s%% terpakai KSM (minimal %(m)s%% setelah %(n)s hari)") % {
                    "t": _tgl(r.dibayar_terakhir),
                    "p": number_format(figures.nilai(r, "persen_terpakai"), 1),
                    "m": ambang.pakai_min,
                    "n": ambang.pakai_hari,
                }
            out.append(Alasan(teks, h))
    # physical progress behind the share of the proposals' money used, past the tolerance: the
    # points behind x the proposals' money, in whole numbers, rounded like the plan's
    tertinggal = 100 * r.terpakai_ksm - r.bobot_fisik
    if r.usulan_rp and tertinggal > ambang.fisik_maks * r.usulan_rp:
        out.append(
            Alasan(
                _("Progres fisik KSM %(f)s%%, tertinggal dari dana terpakai %(d)s%% nilai usulan")
                % {
                    "f": number_format(figures.nilai(r, "progres_fisik"), 1),
                    "d": number_format(figures.nilai(r, "persen_terpakai_usulan"), 1),
                },
                (2 * tertinggal + r.usulan_rp) // (2 * r.usulan_rp),
            )
        )
    if r.tertahan_sejak is not None:
        lama = (per - r.tertahan_sejak.date()).days
        if lama > ambang.tertahan_maks:
            out.append(Alasan(_("Permintaan BLM menunggu verifikasi %(n)s hari") % {"n": lama}, lama))
    return out


def ambang_tahun(tahun) -> dict[int, AmbangPerhatian]:
    """The thresholds set for the programme years `tahun` (a year without a row is missing:
    its defaults apply)."""
    return {a.tahun_program: a for a in AmbangPerhatian.objects.filter(tahun_program__in=list(tahun))}


#: the summary columns the ranking reads (the CTE `r` of PERINGKAT)
KOLOM_PERINGKAT = [
    "pk",
    "wilayah_id",
    "tahun_program",
    "lokakarya_4",
    "rembug",
    "rembug_di_bawah_target",
    "langkah_5",
    "rencana_disetujui",
    "alokasi",
    "terbayar",
    "bobot",
    "bobot_rencana",
    "bobot_realisasi",
    "tertahan_sejak",
    "dibayar_terakhir",
    "terpakai_ksm",
    "usulan_rp",
    "bobot_fisik",
]

#: the rules of `alasan` for the database, one term each: (whether it holds, its days). `a` holds
#: the constants of the row's programme year: the days past each expected date (t_*), the
#: slippage tolerated, the last moment a request may have begun to wait. A rule added to
#: `alasan` is added here too (tests/plpbk/test_perhatian_sql.py checks that both agree).
ATURAN_SQL = [
    ("a.t_lokakarya > 0 AND r.lokakarya_4 = 0", "a.t_lokakarya"),
    ("a.t_rembug > 0 AND r.rembug = 0", "a.t_rembug"),
    ("r.rembug_di_bawah_target > 0", str(BOBOT_TANPA_TANGGAL)),
    ("a.t_tipp > 0 AND r.langkah_5 = 0", "a.t_tipp"),
    ("a.t_rencana > 0 AND r.rencana_disetujui = 0", "a.t_rencana"),
    ("a.t_rencana > 0 AND r.alokasi <> 0 AND r.terbayar = 0", "a.t_rencana"),
    (
        "r.bobot > 0 AND 100 * r.bobot_rencana - r.bobot_realisasi > a.deviasi_maks * r.bobot",
        "(2 * (100 * r.bobot_rencana - r.bobot_realisasi) + r.bobot) / (2 * r.bobot)",
    ),
    (
        "r.terbayar <> 0 AND r.dibayar_terakhir < a.bayar_sebelum AND 100 * r.terpakai_ksm < a.pakai_min * r.terbayar",
        "{hari_bayar} - a.pakai_hari",
    ),
    (
        "r.usulan_rp > 0 AND 100 * r.terpakai_ksm - r.bobot_fisik > a.fisik_maks * r.usulan_rp",
        "(2 * (100 * r.terpakai_ksm - r.bobot_fisik) + r.usulan_rp) / (2 * r.usulan_rp)",
    ),
    ("r.tertahan_sejak < a.tunggu_sejak", "{hari_tunggu}"),
]

#: `per` minus the (UTC) date of the oldest wait, in days
HARI_TUNGGU = {
    "postgresql": "(%s::date - (r.tertahan_sejak AT TIME ZONE 'UTC')::date)",
    "sqlite": "CAST(julianday(%s) - julianday(date(r.tertahan_sejak)) AS INTEGER)",
}

#: `per` minus the day of the latest BLM payment, in days
HARI_BAYAR = {
    "postgresql": "(%s::date - r.dibayar_terakhir)",
    "sqlite": "CAST(julianday(%s) - julianday(r.dibayar_terakhir) AS INTEGER)",
}

BATAS = ("batas_lokakarya", "batas_rembug", "batas_tipp", "batas_rencana")

KUNCI = """
WITH r({kolom}) AS ({rows}),
a(tahun, t_lokakarya, t_rembug, t_tipp, t_rencana, deviasi_maks, tunggu_sejak, bayar_sebelum, pakai_hari,
  pakai_min, fisik_maks) AS (VALUES {tahun}),
x AS (
    SELECT r.pk, r.wilayah_id, {kunci} AS kunci FROM r JOIN a ON a.tahun = r.tahun_program
)
"""
# `kunci` is the number of reasons and their days in one number (reasons x SATU + days): each
# rule is tested once per row, not once for the count and again for the days.

PERINGKAT = "SELECT pk, (SELECT COUNT(*) FROM x WHERE kunci > 0) FROM x WHERE kunci > 0 ORDER BY kunci DESC, wilayah_id"

# The count is a subquery on `x`, not `COUNT(*) OVER ()`: a window over every row behind made
# PostgreSQL sort all of them (11,000 at national scale, ~100 ms) before the LIMIT; with `x` read
# twice it is computed once, counted, and only the rows shown are kept in order (a top-N sort).


#: more days than any location can be behind (a day count of the ranking stays below it)
SATU = 10_000_000


def _kunci(rows, per: datetime.date, ambang: dict[int, AmbangPerhatian]) -> tuple[str, list]:
    """`WITH ... x(pk, wilayah_id, kunci)`: the key of each summary row of `rows` on `per` (0:
    not behind), as `alasan` would rank it. Written by hand: as ORM expressions, building the
    query cost more than running it."""
    inner, params = rows.order_by().values(*KOLOM_PERINGKAT).query.sql_with_params()
    params = list(params)
    tahun = []
    for t, a in ambang.items():
        tahun.append("(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)")
        mulai = datetime.datetime.combine(per - datetime.timedelta(days=a.tertahan_maks), datetime.time.min)
        params += [
            t,
            *(
                (per - a.batas(nama)).days
                for nama in ("batas_lokakarya", "batas_rembug", "batas_tipp", "batas_rencana")
            ),
            a.deviasi_maks,
            connection.ops.adapt_datetimefield_value(mulai.replace(tzinfo=datetime.timezone.utc)),
            connection.ops.adapt_datefield_value(per - datetime.timedelta(days=a.pakai_hari)),
            a.pakai_hari,
            a.pakai_min,
            a.fisik_maks,
        ]
    hari_tunggu = HARI_TUNGGU[connection.vendor]
    # each rule true counts SATU and its days: ranked by the sum, the most reasons come first,
    # then the most days, as `alasan` ranks them
    kunci = " + ".join(f"CASE WHEN {syarat} THEN {SATU} + {hari} ELSE 0 END" for syarat, hari in ATURAN_SQL)
    kunci = kunci.replace("{hari_tunggu}", hari_tunggu).replace("{hari_bayar}", HARI_BAYAR[connection.vendor])
    # `per` is the one parameter inside the terms (the waiting days and the days since payment,
    # after the years' values)
    params += [per.isoformat()] * kunci.count("%s")
    sql = KUNCI.format(kolom=", ".join(KOLOM_PERINGKAT), rows=inner, tahun=", ".join(tahun), kunci=kunci)
    return sql, params


def _peringkat(rows, per: datetime.date, ambang: dict[int, AmbangPerhatian]) -> tuple[str, list]:
    """The query ranking the summary rows `rows` that are behind on `per`: (pk, how many are
    behind in all), the furthest behind first."""
    sql, params = _kunci(rows, per, ambang)
    return sql + PERINGKAT, params


def _peringkat_tersimpan(rows) -> tuple[str, list]:
    """The same ranking read from the keys stored at the last recount (`simpan_kunci`) of the
    rows `rows`: (key, the fields of KOLOM_BARIS, how many are behind in all), so the rows shown
    need no second query. No CTE: the database flattens both subqueries, walks the key's index
    for the first rows and counts them from the index alone."""
    rows = rows.filter(kunci_perhatian__gt=0).order_by()
    semua, p1 = rows.values_list("id").query.sql_with_params()
    baris, p2 = rows.values_list("kunci_perhatian", *KOLOM_BARIS).query.sql_with_params()
    # by position: the key, then the region's code (the columns' names may repeat)
    sql = f"SELECT u.*, (SELECT COUNT(*) FROM ({semua}) n) FROM ({baris}) u ORDER BY 1 DESC, 3"  # noqa: S608 (the ORM's SQL)
    return sql, [*p1, *p2]


def sidik(ambang: Iterable[AmbangPerhatian]) -> str:
    """A fingerprint of every threshold row and field: keys stored with one hold while it does."""
    digest = hashlib.sha256()
    for a in sorted(ambang, key=lambda a: a.tahun_program):
        digest.update(repr([getattr(a, f.attname) for f in a._meta.concrete_fields]).encode())
    return digest.hexdigest()


def per_tahun(ambang: dict[int, AmbangPerhatian], tahun: Iterable[int]) -> dict[int, AmbangPerhatian]:
    """The thresholds of each year of `tahun`: its row in `ambang`, or the defaults."""
    return {t: ambang.get(t) or AmbangPerhatian(tahun_program=t) for t in tahun}


def ambang_semua() -> dict[int, AmbangPerhatian]:
    """Every programme year's thresholds (a handful of rows)."""
    return {a.tahun_program: a for a in AmbangPerhatian.objects.all()}


def simpan_kunci(rows, per: datetime.date, semua: dict[int, AmbangPerhatian], lewati_terkunci: bool = False) -> None:
    """Store on the summary rows `rows` (a Ringkasan queryset) their keys on `per` with the
    thresholds `semua` (all years'): one UPDATE, the rule terms of the on-the-fly ranking.
    `lewati_terkunci` (PostgreSQL): leave out rows another transaction holds, a recount that
    replaces them and stores their keys itself once it has the summary's clock, instead of
    waiting for it while holding the clock it waits for."""
    rows = rows.filter(tahun=0, lokasi__gt=0, tahun_program__gt=0)
    tahun = set(rows.order_by().values_list("tahun_program", flat=True).distinct())
    if not tahun:
        return
    ambang = per_tahun(semua, sorted(tahun))
    sql, params = _kunci(rows, per, ambang)
    qn = connection.ops.quote_name
    tabel = qn(Ringkasan._meta.db_table)
    sql += (
        f"UPDATE {tabel} SET {qn('kunci_perhatian')} = x.kunci FROM x "  # noqa: S608 (names from the model)
        f"WHERE {tabel}.{qn('id')} = x.pk AND {tabel}.{qn('kunci_perhatian')} <> x.kunci"
    )
    if lewati_terkunci and connection.vendor == "postgresql":
        pk = qn("id")
        bebas = f"SELECT z.{pk} FROM x JOIN {tabel} z ON z.{pk} = x.pk FOR UPDATE OF z SKIP LOCKED"  # noqa: S608
        sql += f" AND {tabel}.{pk} IN ({bebas})"  # (names from the model)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@dataclass(frozen=True)
class Tersimpan:
    """The stored keys' day and thresholds' fingerprint (HariRingkasan.kunci_tanggal, .kunci_sidik)."""

    tanggal: datetime.date | None
    sidik: str

    def berlaku(self, rows, per: datetime.date, semua: dict[int, AmbangPerhatian]) -> bool:
        """Whether the keys rank the current rows `rows` on `per` exactly."""
        return rows.model is Ringkasan and self.tanggal == per and self.sidik == sidik(semua.values())


#: the fields `alasan` reads of a summary row, and its key and region (only these are read for
#: the rows shown)
KOLOM_ALASAN = sorted(
    {
        *KOLOM_PERINGKAT,
        *(f"langkah_{i}" for i in range(1, 6)),
        "dicairkan_ksm",
        "kegiatan_terlambat",
        *(
            n
            for turunan in ("deviasi", "persen_terpakai", "progres_fisik", "persen_terpakai_usulan")
            for n in figures.dasar(turunan)
        ),
    }
    | {"pk", "wilayah_id"}
)

#: a shown row as read: its key first, then its region's code (the ranking's tie-break), the
#: fields of its reasons, its region's name and level
KOLOM_BARIS = [
    "pk",
    "wilayah_id",
    *(f for f in KOLOM_ALASAN if f not in ("pk", "wilayah_id")),
    "wilayah__nama",
    "wilayah__tingkat",
]


@functools.cache
def _pengubah_baris() -> list[tuple[str, Callable]]:
    """[(field, how the database backend's raw value becomes Python)] for the fields of
    KOLOM_BARIS that need it (SQLite gives dates as text; PostgreSQL none)."""
    out = []
    for nama in KOLOM_BARIS:
        model, path = Ringkasan, nama.split("__")
        for bagian in path[:-1]:
            model = model._meta.get_field(bagian).related_model
        field = model._meta.pk if path[-1] == "pk" else model._meta.get_field(path[-1])
        if (ubah := pengubah(field)) is not None:
            out.append((nama, ubah))
    return out


class Daftar(Sequence):
    """The locations behind, the furthest first, read from the database as they are shown: the
    ranking of the first `AWAL` and the number of all in one query (the page shows 25, the PDF
    40), then the rows of a slice whole, worded once; the rest of the ranking only when asked for."""

    AWAL = 40

    def __init__(
        self,
        sql: str,
        params: list,
        per: datetime.date,
        ambang: dict[int, AmbangPerhatian],
        model=Ringkasan,
        utuh: bool = False,
    ):
        self.sql, self.params, self.per, self.ambang = sql, params, per, ambang
        self.model = model  # the rows ranked: the current summary or a kept day's
        # whether the ranking reads each row whole (_peringkat_tersimpan), else (pk, count)
        self.utuh = utuh
        self._awal: list[int] | None = None
        self._jumlah = 0
        self._lokasi_pk: dict[int, Lokasi] = {}
        self._terbaca: dict[int, tuple] = {}  # rows read whole, not yet worded (KOLOM_BARIS)

    def _urut(self, start: int = 0, stop: int | None = None) -> list[tuple[int, int]]:
        """(pk, how many are behind) of the ranked rows from `start` to `stop`; rows read whole
        are worded at once."""
        if not self.sql or (stop is not None and stop <= start):
            return []
        limit = "" if stop is None else f" LIMIT {int(stop) - int(start)} OFFSET {int(start)}"
        with connection.cursor() as cursor:
            cursor.execute(self.sql + limit, self.params)
            rows = cursor.fetchall()
        if not self.utuh:
            return rows
        for row in rows:
            self._terbaca[row[1]] = row[1:-1]
        return [(row[1], row[-1]) for row in rows]

    def __getstate__(self) -> dict:
        """Kept (plpbk.dasbor.halaman) with its locations as plain values: a model instance
        pickles its whole state."""
        state = dict(self.__dict__)
        state["_lokasi_pk"] = {
            pk: (p.wilayah.kode, p.wilayah.nama, p.wilayah.tingkat, [(a.teks, a.hari) for a in p.alasan])
            for pk, p in self._lokasi_pk.items()
        }
        return state

    def __setstate__(self, state: dict) -> None:
        state["_lokasi_pk"] = {
            pk: Lokasi(Wilayah(kode=kode, nama=nama, tingkat=tingkat), [Alasan(t, h) for t, h in alasan])
            for pk, (kode, nama, tingkat, alasan) in state["_lokasi_pk"].items()
        }
        self.__dict__.update(state)

    def _worded(self, v: dict) -> None:
        """The location of the summary row of values `v` (KOLOM_BARIS) with its reasons."""
        w = Wilayah(kode=v["wilayah_id"], nama=v.pop("wilayah__nama"), tingkat=v.pop("wilayah__tingkat"))
        r = SimpleNamespace(**v)
        a = self.ambang.get(r.tahun_program) or AmbangPerhatian(tahun_program=r.tahun_program)
        self._lokasi_pk[r.pk] = Lokasi(w, sorted(alasan(r, a, self.per), key=lambda x: -x.hari))

    def _lokasi(self, pks: list[int]) -> list[Lokasi]:
        """The locations of the ranked summary rows `pks`, worded, in that order."""
        baru = [pk for pk in pks if pk not in self._lokasi_pk]
        if self._terbaca and baru:
            for pk in [pk for pk in baru if pk in self._terbaca]:
                v = dict(zip(KOLOM_BARIS, self._terbaca.pop(pk), strict=True))
                for nama, ubah in _pengubah_baris():
                    if v[nama] is not None:
                        v[nama] = ubah(v[nama])
                self._worded(v)
            baru = [pk for pk in baru if pk not in self._lokasi_pk]
        if baru:
            # the fields the reasons read as plain values: a model instance of the summary's
            # 150 fields, even deferred, cost more than the wording
            for v in self.model.objects.filter(pk__in=baru).values(*KOLOM_BARIS):
                self._worded(v)
        return [self._lokasi_pk[pk] for pk in pks]

    def _baca(self) -> list[int]:
        if self._awal is None:
            urut = self._urut(0, self.AWAL)
            self._jumlah = urut[0][1] if urut else 0
            self._awal = [pk for pk, _n in urut]
        return self._awal

    def __len__(self) -> int:
        self._baca()
        return self._jumlah

    def __getitem__(self, i):
        awal = self._baca()
        if isinstance(i, slice):
            start, stop, step = i.indices(self._jumlah)
            if stop <= len(awal):
                return self._lokasi(awal[i])
            return self._lokasi([pk for pk, _n in self._urut(start, stop)][::step])
        if i < 0:
            i += self._jumlah
        if not 0 <= i < self._jumlah:
            raise IndexError(i)
        return self._lokasi([awal[i] if i < len(awal) else self._urut(i, i + 1)[0][0]])[0]

    def __iter__(self):
        awal = self._baca()
        return iter(self._lokasi(awal if self._jumlah <= len(awal) else [pk for pk, _n in self._urut()]))


def daftar(
    rows,
    per: datetime.date,
    ambang: dict[int, AmbangPerhatian] | None = None,
    tahun: Iterable[int] | None = None,
    kunci=None,
) -> Daftar:
    """Programme locations among the kelurahan summary rows `rows` (a Ringkasan queryset,
    already scoped) that are behind on `per`, the furthest behind first. `tahun`: the programme
    years among the rows when known (read otherwise); `ambang`: their thresholds when already
    read (ambang_tahun); `kunci`: the same locations among rows whose stored keys rank them on
    `per` (Tersimpan.berlaku), so the rules are not tested again on every row."""
    rows = rows.filter(tahun=0, lokasi__gt=0, tahun_program__gt=0)
    if tahun is None:
        tahun = set(rows.order_by().values_list("tahun_program", flat=True).distinct())
    if ambang is None:
        ambang = ambang_tahun(tahun)
    ambang = per_tahun(ambang, tahun)
    if not ambang:
        sql, params = "", []
    elif kunci is not None:
        sql, params = _peringkat_tersimpan(kunci)
        return Daftar(sql, params, per, ambang, model=rows.model, utuh=True)
    else:
        sql, params = _peringkat(rows, per, ambang)
    return Daftar(sql, params, per, ambang, model=rows.model)
