"""Dashboard indicators for a region and each of its children (DESIGN.md §3, §5).

Every figure comes from the summary rows that plpbk.dasbor.ringkasan keeps (plpbk.dasbor.models.Ringkasan:
one per kelurahan, counted from the meetings' counters and the apps' records; for the whole
country RingkasanProvinsi, the same added up per province), summed in one GROUP BY on the
region-code prefix (`Substr(code, 1, n)`). The kelurahan in the official list are kept on each
region (`Wilayah.jumlah_kelurahan`). Work-plan progress is counted as of the day of the count
(a new day marks it for a recount); the days a BLM request has waited are worked out here from the
oldest date. So a page costs the same number of queries whatever the number of children,
kelurahan, meetings or attendance rows, and a national page sums a few hundred rows.

Filters: the programme year and cohort (`LokasiProgram.tahun`, `.angkatan`) narrow everything
recorded in a kelurahan to the kelurahan of that year/cohort; meetings above kelurahan level
(lokakarya of a kabupaten, say) follow the year of their date and ignore the cohort.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from django.db.models import Min, Q, Sum
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from blm.models import URUTAN_LANGKAH, Langkah
from kelurahan import access
from kelurahan.models import Wilayah

from .models import Ringkasan, RingkasanProvinsi


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


def _persen(part, whole) -> float | None:
    return None if not whole else 100 * part / whole


@dataclass
class Indikator:
    """The same indicators for a region, a child region or a total."""

    kode: str = ""
    kelurahan: int = 0
    lokasi: int = 0
    lokakarya_1: int = 0
    lokakarya_2: int = 0
    lokakarya_3: int = 0
    lokakarya_4: int = 0
    pengkondisian: int = 0
    rembug: int = 0
    rembug_di_bawah_target: int = 0
    pertemuan: int = 0
    laki_laki: int = 0
    perempuan: int = 0
    disabilitas: int = 0
    miskin: int = 0
    langkah_1: int = 0
    langkah_2: int = 0
    langkah_3: int = 0
    langkah_4: int = 0
    langkah_5: int = 0
    tipp_dikukuhkan: int = 0
    rencana_disetujui: int = 0
    kegiatan: int = 0
    kegiatan_terlambat: int = 0
    bobot: int = 0
    bobot_rencana: int = 0
    bobot_realisasi: int = 0
    alokasi: int = 0
    diminta: int = 0
    terbayar: int = 0
    tertahan: int = 0
    tertahan_sejak: datetime.datetime | None = None
    sekarang: datetime.datetime | None = field(default=None, repr=False, compare=False)

    @property
    def lokakarya(self) -> int:
        return self.lokakarya_1 + self.lokakarya_2 + self.lokakarya_3 + self.lokakarya_4

    @property
    def peserta(self) -> int:
        return self.laki_laki + self.perempuan

    @property
    def persen_perempuan(self) -> float | None:
        return _persen(self.perempuan, self.peserta)

    @property
    def rencana_persen(self) -> float | None:
        """Work done by today according to the approved plans, weighted by duration."""
        return _persen(self.bobot_rencana, self.bobot)

    @property
    def realisasi_persen(self) -> float | None:
        return None if not self.bobot else self.bobot_realisasi / self.bobot

    @property
    def deviasi(self) -> float | None:
        """Actual minus planned, in percentage points (negative: behind plan)."""
        if not self.bobot:
            return None
        return self.realisasi_persen - self.rencana_persen

    @property
    def penyerapan(self) -> float | None:
        return _persen(self.terbayar, self.alokasi)

    @property
    def lama_tertahan(self) -> int | None:
        """Days the oldest request has waited at its current verification step."""
        if self.tertahan_sejak is None or self.sekarang is None or self.sekarang < self.tertahan_sejak:
            return None  # (read as of a date before it began to wait: not waiting then)
        return (self.sekarang - self.tertahan_sejak).days

    def tambah(self, other: Indikator) -> None:
        for f in fields(self):
            if f.name in ("kode", "sekarang"):
                continue
            if f.name == "tertahan_sejak":
                if other.tertahan_sejak and (self.tertahan_sejak is None or other.tertahan_sejak < self.tertahan_sejak):
                    self.tertahan_sejak = other.tertahan_sejak
                continue
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


#: the indicators read as they are from the summary rows (plpbk.dasbor.models.AngkaRingkasan)
INDIKATOR_TERSIMPAN = [f for f in Ringkasan.ANGKA if f in {x.name for x in fields(Indikator)}]


def _grouped(qs, kode_field: str, panjang: int, **aggregates) -> list[dict]:
    """One GROUP BY query: aggregates per child-code prefix."""
    return list(
        qs.annotate(kode_anak=Substr(kode_field, 1, panjang)).values("kode_anak").annotate(**aggregates).order_by()
    )


class Dasbor:
    """The indicators of `wilayah` (None: the nation) as `user` may see them."""

    def __init__(self, user, wilayah: Wilayah | None, saringan: Saringan | None = None, now=None):
        self.user = user
        self.wilayah = wilayah
        self.saringan = saringan or Saringan()
        self.now = now or timezone.now()
        self.panjang = panjang_anak(wilayah)
        self._per_kode: dict[str, Indikator] | None = None
        self._tertahan: dict[str, dict] = {}

    # --- scoping -----------------------------------------------------------------------
    def _scoped(self, manager):
        qs = manager.for_user(self.user)
        return qs if self.wilayah is None else qs.in_region(self.wilayah)

    def ringkasan_lokasi(self):
        """The kelurahan summary rows in the page's region as the user may see them, narrowed by
        the filters: one row per programme location (plpbk.dasbor.perhatian reads them)."""
        rows = self._scoped(Ringkasan.objects).filter(tahun=0, lokasi__gt=0)
        return rows.filter(self.saringan.ringkasan_q()) if self.saringan.aktif else rows

    def _row(self, kode: str) -> Indikator:
        per = self._per_kode
        if kode not in per:
            per[kode] = Indikator(kode=kode, sekarang=self.now)
        return per[kode]

    # --- the grouped queries -------------------------------------------------------------
    def _compute(self) -> dict[str, Indikator]:
        self._per_kode = {}
        s, n = self.saringan, self.panjang
        # kelurahan/desa in the official list (public data, not scoped), kept on each region
        if self.wilayah is not None and self.wilayah.is_kelurahan:
            self._row(self.wilayah.kode).kelurahan = 1
        else:
            for kode, jumlah in Wilayah.objects.children_of(self.wilayah).values_list("kode", "jumlah_kelurahan"):
                self._row(kode).kelurahan = jumlah

        # everything additive, from the summary rows of the regions inside (plpbk.dasbor.ringkasan),
        # as last counted (reading never recounts): the whole country from the provinces' sums,
        # any other view from its regions' rows
        if self.wilayah is None and access.region_codes(self.user) is None:
            rows, kode_field = RingkasanProvinsi.objects.all(), "provinsi_id"
        else:
            rows, kode_field = self._scoped(Ringkasan.objects), "wilayah_id"
        if s.aktif:
            rows = rows.filter(s.ringkasan_q())
        aggregates = {**{f: Sum(f) for f in Ringkasan.ANGKA}, **{f: Min(f) for f in Ringkasan.SEJAK}}
        self._tertahan = {langkah: {"n": 0, "jumlah": 0, "sejak": None} for langkah in URUTAN_LANGKAH}
        for r in _grouped(rows, kode_field, n, **aggregates):
            row = self._row(r["kode_anak"])
            for f in INDIKATOR_TERSIMPAN:
                setattr(row, f, r[f] or 0)
            row.tertahan_sejak = r["tertahan_sejak"]
            for langkah, t in self._tertahan.items():
                t["n"] += r[f"tertahan_{langkah}"] or 0
                t["jumlah"] += r[f"tertahan_{langkah}_jumlah"] or 0
                sejak = r[f"tertahan_{langkah}_sejak"]
                if sejak and (t["sejak"] is None or sejak < t["sejak"]):
                    t["sejak"] = sejak
        return self._per_kode

    # --- what pages read -----------------------------------------------------------------
    @property
    def per_kode(self) -> dict[str, Indikator]:
        if self._per_kode is None:
            self._compute()
        return self._per_kode

    def total(self) -> Indikator:
        total = Indikator(kode=self.wilayah.kode if self.wilayah else "", sekarang=self.now)
        for row in self.per_kode.values():
            total.tambah(row)
        return total

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
        if self._per_kode is None:
            self._compute()
        return [
            {
                "langkah": langkah,
                "label": Langkah(langkah).label,
                "n": t["n"],
                "jumlah": t["jumlah"],
                "sejak": t["sejak"],
                "lama_hari": (self.now - t["sejak"]).days if t["sejak"] and t["sejak"] <= self.now else None,
            }
            for langkah, t in self._tertahan.items()
            if t["n"]
        ]


# --- tables: one definition for the page, the xlsx and the PDF ---------------------------

#: (attribute, column title, kind) — kind: int, pct, rp, pp (percentage points), hari
KOLOM = [
    ("lokasi", _("Lokasi PLP-BK"), "int"),
    ("kelurahan", _("Kelurahan/desa"), "int"),
    ("lokakarya_1", _("Lokakarya Nas./Prov."), "int"),
    ("lokakarya_2", _("Lokakarya Kab./Kota"), "int"),
    ("lokakarya_3", _("Lokakarya Kecamatan"), "int"),
    ("lokakarya_4", _("Lokakarya Kel./Desa"), "int"),
    ("pengkondisian", _("Pengkondisian"), "int"),
    ("rembug", _("Rembug warga"), "int"),
    ("rembug_di_bawah_target", _("Rembug di bawah target inklusi"), "int"),
    ("pertemuan", _("Pertemuan"), "int"),
    ("peserta", _("Peserta"), "int"),
    ("laki_laki", _("Laki-laki"), "int"),
    ("perempuan", _("Perempuan"), "int"),
    ("persen_perempuan", _("% perempuan"), "pct"),
    ("disabilitas", _("Disabilitas"), "int"),
    ("miskin", _("Warga miskin"), "int"),
    ("langkah_1", _("TIPP langkah 1"), "int"),
    ("langkah_2", _("TIPP langkah 2"), "int"),
    ("langkah_3", _("TIPP langkah 3"), "int"),
    ("langkah_4", _("TIPP langkah 4"), "int"),
    ("langkah_5", _("TIPP langkah 5"), "int"),
    ("tipp_dikukuhkan", _("TIPP dikukuhkan"), "int"),
    ("rencana_disetujui", _("Rencana kerja disetujui"), "int"),
    ("rencana_persen", _("Rencana s.d. hari ini"), "pct"),
    ("realisasi_persen", _("Realisasi"), "pct"),
    ("deviasi", _("Deviasi (poin)"), "pp"),
    ("kegiatan_terlambat", _("Kegiatan terlambat"), "int"),
    ("alokasi", _("Alokasi BLM"), "rp"),
    ("diminta", _("Diminta"), "rp"),
    ("terbayar", _("Dibayar"), "rp"),
    ("penyerapan", _("Penyerapan"), "pct"),
    ("tertahan", _("Tahap dalam verifikasi"), "int"),
    ("lama_tertahan", _("Tertahan terlama (hari)"), "hari"),
]

#: column groups shown as separate tables on the page (all together in the xlsx)
KELOMPOK = [
    (
        "peserta",
        _("Pertemuan dan peserta"),
        [
            "lokasi",
            "kelurahan",
            "lokakarya_1",
            "lokakarya_2",
            "lokakarya_3",
            "lokakarya_4",
            "pengkondisian",
            "rembug",
            "rembug_di_bawah_target",
            "pertemuan",
            "laki_laki",
            "perempuan",
            "persen_perempuan",
            "disabilitas",
            "miskin",
        ],
    ),
    (
        "tipp",
        _("TIPP dan rencana kerja"),
        [
            "lokasi",
            "langkah_1",
            "langkah_2",
            "langkah_3",
            "langkah_4",
            "langkah_5",
            "tipp_dikukuhkan",
            "rencana_disetujui",
            "rencana_persen",
            "realisasi_persen",
            "deviasi",
            "kegiatan_terlambat",
        ],
    ),
    ("blm", _("BLM"), ["lokasi", "alokasi", "diminta", "terbayar", "penyerapan", "tertahan", "lama_tertahan"]),
]
KOLOM_PER_NAMA = {k[0]: k for k in KOLOM}


def nilai(ind: Indikator, attr: str):
    """A cell value as stored in the xlsx: numbers, percentages rounded to one decimal."""
    v = getattr(ind, attr)
    if isinstance(v, float):
        return round(v, 1)
    return v


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


def pilihan_saringan(wilayah: Wilayah | None = None) -> tuple[list[int], list[str]]:
    """Programme years and cohorts that exist in `wilayah` (None: the whole country), the page's
    region, which the user may see: nothing from elsewhere. The nation and a province read the
    provinces' summary rows (a few hundred), a smaller region its kelurahan's rows (one query on
    the code prefix)."""
    if wilayah is None or wilayah.tingkat == 1:
        rows = RingkasanProvinsi.objects.filter(tahun=0, tahun_program__isnull=False)
        if wilayah is not None:
            rows = rows.filter(provinsi=wilayah)
    else:
        rows = Ringkasan.objects.in_region(wilayah).filter(tahun=0, tahun_program__isnull=False)
    pairs = rows.order_by().values_list("tahun_program", "angkatan").distinct()
    tahun, angkatan = set(), set()
    for t, a in pairs:
        tahun.add(t)
        if a:
            angkatan.add(a)
    return sorted(tahun), sorted(angkatan)
