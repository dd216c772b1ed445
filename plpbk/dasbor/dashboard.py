"""Dashboard indicators for a region and each of its children.

Every figure comes from the summary rows that plpbk.dasbor.ringkasan keeps (plpbk.dasbor.models.Ringkasan:
one per kelurahan, counted from the meetings' counters and the apps' records; for the whole
country RingkasanProvinsi, the same added up per province), summed in one GROUP BY on the
region-code prefix (`Substr(code, 1, n)`). The kelurahan in the official list are kept on each
region (`Wilayah.jumlah_kelurahan`). Work-plan progress is counted as of the day of the count
(a new day marks it for a recount); the days a BLM request has waited are worked out here from the
oldest date. So a page costs the same number of queries whatever the number of children,
kelurahan, meetings or attendance rows, and a national page sums a few hundred rows. Read "as
of" a past date, the same sums run over that day's kept rows (plpbk.dasbor.arsip.sumber).

Filters: the programme year and cohort (`LokasiProgram.tahun`, `.angkatan`) narrow everything
recorded in a kelurahan to the kelurahan of that year/cohort; meetings above kelurahan level
(lokakarya of a kabupaten, say) follow the year of their date and ignore the cohort.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from blm.models import URUTAN_LANGKAH, Langkah
from kelurahan import access
from kelurahan.models import Wilayah

from . import arsip, figures
from .arsip import Sumber
from .models import Ringkasan


@dataclass(frozen=True)
class Saringan:
    """The dashboard's filters: programme year and cohort (both optional)."""

    tahun: int | None = None
    angkatan: str = ""

    @property
    def aktif(self) -> bool:
        return bool(self.tahun or self.angkatan)

    def ringkasan_q(self) -> Q:
        """Summary rows (plpbk.dasbor.models) of the chosen kelurahan, and those above kelurahan level
        by the year of their meetings."""
        kelurahan = Q(tahun=0)
        if self.tahun:
            kelurahan &= Q(tahun_program=self.tahun)
        if self.angkatan:
            kelurahan &= Q(angkatan=self.angkatan)
        atas = Q(tahun__gt=0, tahun=self.tahun) if self.tahun else Q(tahun__gt=0)
        return kelurahan | atas


def panjang_anak(wilayah: Wilayah | None) -> int:
    """Length of a child's code under `wilayah` (None: the nation, children are provinces)."""
    if wilayah is None:
        return 2
    if wilayah.is_kelurahan:
        return len(wilayah.kode)
    return len(wilayah.kode) + (3 if wilayah.tingkat < 3 else 5)


def dashboard_url(kode: str) -> str:
    """A region's dashboard."""
    return url_cepat("dashboard_region", kode=kode)


def url_cepat(name: str, **kwargs) -> str:
    """`reverse(name, kwargs=kwargs)` for values that need no quoting (region codes, table names):
    the pattern is reversed once per script prefix and the values put in. A national page links
    forty regions and eight downloads: reversing each cost more than its row."""
    head, rest = _pola(get_script_prefix(), name, tuple(kwargs))
    values = list(kwargs.values())
    return head + "".join(f"{values[i]}{text}" for i, text in rest)


@functools.lru_cache(maxsize=32)
def _pola(_prefix: str, name: str, keys: tuple[str, ...]) -> tuple[str, tuple[tuple[int, str], ...]]:
    """The URL of `name` split around its arguments `keys`: (text before the first, ((argument's
    position in `keys`, text after it), ...))."""
    url = reverse(name, kwargs={k: f"~{i}~" for i, k in enumerate(keys)} or None)
    parts = re.split(r"~(\d+)~", url)
    return parts[0], tuple((int(parts[i]), parts[i + 1]) for i in range(1, len(parts), 2))


class Indikator:
    """The same indicators for a region, a child region or a total: a value for every figure
    of plpbk.dasbor.figures that is stored or read from the official list, and every derived
    figure as a property worked out from them. `sekarang`: the moment the waits are counted to."""

    def __init__(self, kode: str = "", sekarang: datetime.datetime | None = None, **values):
        if values.keys() - _AWAL.keys():
            raise TypeError(f"not dashboard figures: {sorted(values.keys() - _AWAL.keys())}")
        # on the instance's dict at once: a national page makes some forty of a hundred figures
        attrs = self.__dict__
        attrs.update(_AWAL)
        attrs.update(values)
        attrs["kode"], attrs["sekarang"] = kode, sekarang

    def __repr__(self):
        return f"Indikator({self.kode!r})"

    def __eq__(self, other):
        if not isinstance(other, Indikator):
            return NotImplemented
        return self.kode == other.kode and all(getattr(self, a.nama) == getattr(other, a.nama) for a in figures.DASAR)

    __hash__ = None

    def tambah(self, other: Indikator) -> None:
        """Add `other` in: sums, and the earliest of dates (on the instances' dicts: a national
        total adds some forty rows of a hundred figures)."""
        mine, theirs = self.__dict__, other.__dict__
        for nama in _JUMLAH:
            mine[nama] += theirs[nama]
        for nama in _MINIMUM:
            t = theirs[nama]
            if t is not None and (mine[nama] is None or t < mine[nama]):
                mine[nama] = t


#: every held figure's value before anything is counted
_AWAL = {a.nama: a.awal for a in figures.DASAR}
#: the held figures that add up as sums, and those that add up as the earliest
_JUMLAH = [a.nama for a in figures.DASAR if a.tambah != "min"]
_MINIMUM = [a.nama for a in figures.DASAR if a.tambah == "min"]


def _turunan(angka: figures.Angka) -> property:
    def get(self):
        return angka.turunan(self.__getattribute__)

    get.__name__ = angka.nama
    get.__doc__ = f"The derived figure {angka.nama} (plpbk.dasbor.figures)."
    return property(get)


for _angka in figures.TURUNAN:
    setattr(Indikator, _angka.nama, _turunan(_angka))


def _jumlah_per_anak(qs, kode_field: str, panjang: int) -> list[dict]:
    """The summary rows `qs` added up per child-code prefix in one GROUP BY: the sum of every
    figure of Ringkasan.ANGKA and the earliest of Ringkasan.SEJAK, keyed by name, with the
    prefix as `kode_anak`. Written around the rows' own query (its filters, scoping included):
    as ORM aggregates, some ninety of them, building the query cost more than running it."""
    jumlah, sejak = Ringkasan.ANGKA, Ringkasan.SEJAK
    inner, params = qs.order_by().values(kode_field, *jumlah, *sejak).query.sql_with_params()
    qn = connection.ops.quote_name
    kolom = [f"SUBSTR(t.{qn(kode_field)}, 1, %s)"]
    kolom += [f"CAST(SUM(t.{qn(f)}) AS BIGINT)" for f in jumlah]
    kolom += [f"MIN(t.{qn(f)})" for f in sejak]
    sql = f"SELECT {', '.join(kolom)} FROM ({inner}) t GROUP BY 1"  # noqa: S608 (names from the models)
    ubah = [pengubah(Ringkasan._meta.get_field(f)) for f in sejak]
    with connection.cursor() as cursor:
        cursor.execute(sql, [panjang, *params])
        rows = cursor.fetchall()
    out = []
    for row in rows:
        r = dict(zip(jumlah, row[1 : 1 + len(jumlah)], strict=True))
        for f, u, v in zip(sejak, ubah, row[1 + len(jumlah) :], strict=True):
            r[f] = u(v) if u and v is not None else v
        r["kode_anak"] = row[0]
        out.append(r)
    return out


def pengubah(field):
    """How the database backend turns a raw date or datetime value of `field` into Python (SQLite
    gives text); None when it needs nothing (PostgreSQL)."""
    nama = {"DateTimeField": "convert_datetimefield_value", "DateField": "convert_datefield_value"}
    f = getattr(connection.ops, nama.get(field.get_internal_type(), ""), None)
    return None if f is None else (lambda v: f(v, None, connection))


class Dasbor:
    """The indicators of `wilayah` (None: the nation) as `user` may see them, summed from the
    rows of `sumber` (plpbk.dasbor.arsip: a kept day's, or the current ones when None)."""

    def __init__(
        self,
        user,
        wilayah: Wilayah | None,
        saringan: Saringan | None = None,
        now=None,
        sumber: Sumber | None = None,
        bahan: dict | None = None,
        daftar_anak: list[Wilayah] | None = None,
    ):
        self.user = user
        # the page's children when it has read them: their kelurahan counts come with them
        self._anak = daftar_anak
        # what the sums are made of, as `bahan()` gave it for the same user, region, filters and
        # rows (a page keeps it until the next recount, plpbk.dasbor.halaman): no query then
        self._bahan = bahan
        self.sumber = sumber or arsip.terkini(timezone.localdate())
        self.wilayah = wilayah
        self.saringan = saringan or Saringan()
        self.now = now or timezone.now()
        self.panjang = panjang_anak(wilayah)
        self._per_kode: dict[str, Indikator] | None = None
        self._total: Indikator | None = None

    # --- scoping -----------------------------------------------------------------------
    def _scoped(self, manager):
        qs = manager.for_user(self.user)
        return qs if self.wilayah is None else qs.in_region(self.wilayah)

    def ringkasan_lokasi(self):
        """The kelurahan summary rows in the page's region as the user may see them, narrowed by
        the filters: one row per programme location (plpbk.dasbor.perhatian reads them)."""
        rows = self._scoped(self.sumber.kelurahan).filter(tahun=0, lokasi__gt=0)
        return rows.filter(self.saringan.ringkasan_q()) if self.saringan.aktif else rows

    def ringkasan_kunci(self):
        """The same locations as `ringkasan_lokasi` among the rows with a stored attention key
        (Ringkasan.kunci_perhatian > 0 only on a programme location's row, `tahun` 0), filtered
        on no more than that, so the database reads the key's index alone."""
        rows = self._scoped(self.sumber.kelurahan)
        if self.saringan.tahun:
            rows = rows.filter(tahun_program=self.saringan.tahun)
        if self.saringan.angkatan:
            rows = rows.filter(angkatan=self.saringan.angkatan)
        return rows

    def _row(self, kode: str) -> Indikator:
        per = self._per_kode
        if kode not in per:
            per[kode] = Indikator(kode=kode, sekarang=self.now)
        return per[kode]

    # --- the grouped queries -------------------------------------------------------------
    def _compute(self) -> dict[str, Indikator]:
        self._per_kode = {}
        bahan = self.bahan()
        for kode, jumlah in bahan["kelurahan"]:
            self._row(kode).kelurahan = jumlah
        for r in bahan["jumlah"]:
            # the figures on the indicators' dicts at once (a national page sets some forty rows
            # of a hundred figures)
            self._row(r.pop("kode_anak")).__dict__.update(r)
        return self._per_kode

    def bahan(self) -> dict:
        """What the sums are made of: {"kelurahan": [(child code, kelurahan in the official
        list)], "jumlah": the summary rows added up per child (`_jumlah_per_anak`)}. Read once;
        plain data, so a page can keep it until the summary is next counted."""
        if self._bahan is not None:
            return {"kelurahan": self._bahan["kelurahan"], "jumlah": [dict(r) for r in self._bahan["jumlah"]]}
        s, n = self.saringan, self.panjang
        # kelurahan/desa in the official list (public data, not scoped), kept on each region
        if self.wilayah is not None and self.wilayah.is_kelurahan:
            kelurahan = [(self.wilayah.kode, 1)]
        elif self._anak is not None:
            kelurahan = [(w.kode, w.jumlah_kelurahan) for w in self._anak]
        else:
            kelurahan = list(Wilayah.objects.children_of(self.wilayah).values_list("kode", "jumlah_kelurahan"))
        # everything additive, from the summary rows of the regions inside (plpbk.dasbor.ringkasan),
        # as last counted (reading never recounts): the whole country from the provinces' sums,
        # any other view from its regions' rows
        if self.wilayah is None and access.region_codes(self.user) is None:
            rows, kode_field = self.sumber.provinsi, "provinsi_id"
        else:
            rows, kode_field = self._scoped(self.sumber.kelurahan), "wilayah_id"
        if s.aktif:
            rows = rows.filter(s.ringkasan_q())
        jumlah = _jumlah_per_anak(rows, kode_field, n)
        for r in jumlah:
            for f in Ringkasan.ANGKA:
                if r[f] is None:
                    r[f] = 0
        self._bahan = {"kelurahan": kelurahan, "jumlah": jumlah}
        return self.bahan()

    # --- what pages read -----------------------------------------------------------------
    @property
    def per_kode(self) -> dict[str, Indikator]:
        if self._per_kode is None:
            self._compute()
        return self._per_kode

    def total(self) -> Indikator:
        """The region's total, added up once (the page and its waits per step read it)."""
        if self._total is None:
            total = Indikator(kode=self.wilayah.kode if self.wilayah else "", sekarang=self.now)
            for row in self.per_kode.values():
                total.tambah(row)
            self._total = total
        return self._total

    def anak(self, children: Iterable[Wilayah]) -> list[tuple[Wilayah, Indikator]]:
        per = self.per_kode
        return [(w, per.get(w.kode) or Indikator(kode=w.kode, sekarang=self.now)) for w in children]

    def tingkat_sendiri(self) -> Indikator | None:
        """What is recorded at the region's own level (e.g. a kabupaten lokakarya), if any."""
        if self.wilayah is None or self.wilayah.is_kelurahan:
            return None
        return self.per_kode.get(self.wilayah.kode)

    def tertahan_per_langkah(self) -> list[dict]:
        """BLM requests stuck in verification per step, in the chain's order, with the
        longest wait (the same figures as PermintaanQuerySet.tertahan, from the summary)."""
        total = self.total()
        out = []
        for langkah in URUTAN_LANGKAH:
            n = getattr(total, f"tertahan_{langkah}")
            if not n:
                continue
            sejak = getattr(total, f"tertahan_{langkah}_sejak")
            out.append(
                {
                    "langkah": langkah,
                    "label": Langkah(langkah).label,
                    "n": n,
                    "jumlah": getattr(total, f"tertahan_{langkah}_jumlah"),
                    "sejak": sejak,
                    "lama_hari": (self.now - sejak).days if sejak and sejak <= self.now else None,
                }
            )
        return out


# --- tables: one definition for the page, the xlsx and the PDF ---------------------------

#: (attribute, column title, kind) — kind: int, pct, rp, pp (percentage points), hari
KOLOM = figures.KOLOM
#: column groups shown as separate tables on the page (all together in the xlsx)
KELOMPOK = figures.KELOMPOK
KOLOM_PER_NAMA = {k[0]: k for k in KOLOM}


def nilai(ind: Indikator, attr: str):
    """A cell value as stored in the xlsx: numbers, percentages rounded to one decimal."""
    v = getattr(ind, attr)
    if isinstance(v, float):
        return round(v, 1)
    return v


def nilai_semua(ind: Indikator, names) -> dict:
    """{figure: `nilai(ind, figure)`} for the figures `names`, each derived figure worked out
    once (as properties, a figure read by several others is worked out again for each)."""
    vals = dict(ind.__dict__)

    def get(nama):
        try:
            return vals[nama]
        except KeyError:
            v = vals[nama] = figures.ANGKA_PER_NAMA[nama].turunan(get)
            return v

    out = {}
    for nama in names:
        v = get(nama)
        out[nama] = round(v, 1) if isinstance(v, float) else v
    return out


def kolom(nama_kelompok: str | None = None) -> list[tuple]:
    if nama_kelompok is None:
        return KOLOM
    for key, _label, names in KELOMPOK:
        if key == nama_kelompok:
            return [KOLOM_PER_NAMA[n] for n in names]
    raise KeyError(nama_kelompok)


def baris_tabel(rows: list[tuple[str, Indikator]], kolom_list: list[tuple]) -> list[list]:
    """[[label, value, ...]] for (label, indicators) pairs, in the columns' order."""
    return [[label, *(nilai(ind, attr) for attr, _l, _k in kolom_list)] for label, ind in rows]


def tabel_xlsx(dasbor_rows: list[tuple[str, Indikator]], kolom_list: list[tuple], catatan: str = "") -> Iterable[list]:
    """The table, then (after an empty row) `catatan`: when the figures were counted."""
    yield [str(_("Wilayah")), *(str(label) for _a, label, _k in kolom_list)]
    yield from baris_tabel(dasbor_rows, kolom_list)
    if catatan:
        yield []
        yield [catatan]


def pilihan_saringan(wilayah: Wilayah | None = None, sumber: Sumber | None = None) -> tuple[list[int], list[str]]:
    """Programme years and cohorts that exist in `wilayah` (None: the whole country), the page's
    region, which the user may see: nothing from elsewhere; among the rows of `sumber` (a kept
    day's for a past date, plpbk.dasbor.arsip; None: the current ones). The nation and a province
    read the provinces' summary rows (a few hundred), a smaller region its kelurahan's rows (one
    query on the code prefix)."""
    sumber = sumber or arsip.terkini(timezone.localdate())
    if wilayah is None or wilayah.tingkat == 1:
        rows = sumber.provinsi.filter(tahun=0, tahun_program__isnull=False)
        if wilayah is not None:
            rows = rows.filter(provinsi=wilayah)
    else:
        rows = sumber.kelurahan.in_region(wilayah).filter(tahun=0, tahun_program__isnull=False)
    pairs = rows.order_by().values_list("tahun_program", "angkatan").distinct()
    tahun, angkatan = set(), set()
    for t, a in pairs:
        tahun.add(t)
        if a:
            angkatan.add(a)
    return sorted(tahun), sorted(angkatan)
