"""The dashboard's figures, each declared once.

An `Angka` says what a figure is called, its column title and format, the page tables it
appears in, how it is counted (an aggregate over one of the record sources below) or derived
from other figures, how it adds up over regions (stored counts and amounts: sum; dates of the
oldest waiting request: minimum; derived figures: worked out again from the sums) and when a
table cell of it is flagged. From this list follow:

- the summary rows' fields (plpbk.dasbor.models.AngkaRingkasan, `simpan`),
- the recount (plpbk.dasbor.ringkasan.hitung: one grouped query per source, `asal`/`agregat`),
- the indicators of a region (plpbk.dasbor.dashboard.Indikator: stored values and properties),
- the table columns of the page, the PDF and the xlsx (`label`, `format`, `kelompok`),
- the flags on table cells (`tanda`, read against the year's AmbangPerhatian),
- what the attention list reads of a location (plpbk.dasbor.perhatian, by name).

Adding a figure is one entry here (and, when it is stored, the migration of its field).
This module imports no dashboard module (the models build their fields from it).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Case, Count, Exists, F, IntegerField, Max, Min, OuterRef, Q, Sum, Value, When
from django.db.models.expressions import Func
from django.db.models.functions import Coalesce, Least
from django.utils.translation import gettext_lazy as _

from blm.models import URUTAN_LANGKAH, AlokasiBLM, PembayaranBLM, PermintaanBLM
from blm.models_ksm import KSM, UsulanKegiatan
from kelurahan.models import LokasiProgram, Pertemuan
from kelurahan.models_profil import ProfilKelurahan
from sosialisasi.models import Pengkondisian, RembugWarga
from tipp.models import JUMLAH_LANGKAH, TIPP, Kegiatan, LangkahTIPP, RencanaKerja

#: share of women in meetings the programme aims at (percent): flagged below it, drawn on charts
TARGET_PEREMPUAN = 30


# --- where figures are counted from -------------------------------------------------------
class DayNumber(Func):
    """Days since 1970-01-01 of a date column, as an integer, on SQLite and PostgreSQL."""

    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="CAST(julianday(%(expressions)s) - 2440587.5 AS INTEGER)")

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(%(expressions)s - DATE '1970-01-01')")


def day_number(d: datetime.date) -> int:
    return (d - datetime.date(1970, 1, 1)).days


def _kegiatan(where: Q, today: datetime.date):
    """Activities of approved plans, annotated with their duration (`dur`, the baseline's when
    set), the days planned done by `today` (`hari_rencana`, tipp.jadwal's weights) and the
    two sides of "behind plan by more than one point" (`telat_kiri` < `telat_kanan`)."""
    mulai = DayNumber(Coalesce("baseline_mulai", "mulai"))
    elapsed = Value(day_number(today)) - mulai + Value(1)
    # days of the activity planned done by today: clamp(elapsed, 0, durasi)
    rencana_hari = Case(
        When(Q(jalan__lte=0), then=Value(0)),
        default=Least(F("jalan"), F("dur")),
        output_field=IntegerField(),
    )
    return (
        Kegiatan.objects.filter(where, rencana__disetujui__isnull=False)
        .annotate(jalan=elapsed, dur=Coalesce("baseline_durasi", "durasi"))
        .annotate(hari_rencana=rencana_hari)
        # behind: progres% * dur + dur (one point of tolerance) < planned days * 100
        .annotate(telat_kiri=F("progres") * F("dur") + F("dur"), telat_kanan=F("hari_rencana") * 100)
    )


TELAT = Q(hari_rencana__gt=0) & Q(telat_kiri__lt=F("telat_kanan"))


def _profil_terbaru(where: Q, today: datetime.date):
    """Each kelurahan's newest profile (the highest programme year it has one for): the
    denominators of the rates. One row per kelurahan, so the figures add up over regions."""
    newer = ProfilKelurahan.objects.filter(wilayah_id=OuterRef("wilayah_id"), tahun__gt=OuterRef("tahun"))
    return ProfilKelurahan.objects.filter(where).filter(~Exists(newer))


@dataclass(frozen=True)
class Asal:
    """Records figures are counted from, in one grouped query per batch of regions.

    `records(where, today)` gives the records, `where` a filter on the region path `wilayah`;
    `per_tahun` (region path, date path): rows above kelurahan level are kept per year of
    that date (a kelurahan's under `tahun` 0); `atribut`: values of the kelurahan that are
    not figures (its programme year and cohort)."""

    nama: str
    records: Callable[[Q, datetime.date], models.QuerySet]
    wilayah: str = "wilayah_id"
    per_tahun: tuple[str, str] | None = None
    atribut: dict[str, Any] = field(default_factory=dict)


ASAL = [
    Asal(
        "lokasi",
        lambda q, today: LokasiProgram.objects.filter(q),
        atribut={"tahun_program": Max("tahun"), "angkatan": Max("angkatan")},
    ),
    Asal("pertemuan", lambda q, today: Pertemuan.objects.filter(q), per_tahun=("wilayah", "tanggal")),
    Asal(
        "rembug_di_bawah_target",
        lambda q, today: RembugWarga.objects.filter(q).below_target(),
        wilayah="pertemuan__wilayah_id",
        per_tahun=("pertemuan__wilayah", "pertemuan__tanggal"),
    ),
    Asal("pengkondisian", lambda q, today: Pengkondisian.objects.filter(q, tanggal_mulai__isnull=False)),
    Asal("tipp", lambda q, today: TIPP.objects.filter(q, dikukuhkan__isnull=False)),
    Asal("rencana", lambda q, today: RencanaKerja.objects.filter(q).approved()),
    # steps are done in order, so "step k done" counts kelurahan that reached step k
    Asal(
        "langkah",
        lambda q, today: LangkahTIPP.objects.filter(q, selesai__isnull=False, nomor__lte=JUMLAH_LANGKAH),
        wilayah="tipp__wilayah_id",
    ),
    Asal("alokasi", lambda q, today: AlokasiBLM.objects.filter(q)),
    Asal("permintaan", lambda q, today: PermintaanBLM.objects.filter(q)),
    Asal("pembayaran", lambda q, today: PembayaranBLM.objects.filter(q)),
    Asal("kegiatan", _kegiatan, wilayah="rencana__wilayah_id"),
    Asal("ksm", lambda q, today: KSM.objects.filter(q)),
    # proposals count once the Fasilitator verified them (blm.querysets_ksm: money passed on)
    Asal("usulan", lambda q, today: UsulanKegiatan.objects.filter(q).disetujui()),
    Asal("profil", _profil_terbaru),
]
ASAL_PER_NAMA = {a.nama: a for a in ASAL}

#: figures not counted from records but read from the official list of regions by the dashboard
RESMI = "resmi"


# --- how derived figures are worked out ---------------------------------------------------
def rasio(bagian: str, keseluruhan: str, kali: int = 100) -> Callable:
    """`bagian` per `keseluruhan` (times `kali`: a percentage); None when the whole is 0."""

    def f(v):
        whole = v(keseluruhan)
        return None if not whole else kali * v(bagian) / whole

    return f


def jumlah(*nama: str) -> Callable:
    return lambda v: sum(v(n) for n in nama)


def selisih(a: str, b: str) -> Callable:
    """`a` minus `b`, None when either is."""

    def f(v):
        x, y = v(a), v(b)
        return None if x is None or y is None else x - y

    return f


def _lama_tertahan(v) -> int | None:
    """Days the oldest request has waited at its current verification step, as of `sekarang`."""
    sejak, sekarang = v("tertahan_sejak"), v("sekarang")
    if sejak is None or sekarang is None or sekarang < sejak:
        return None  # (read as of a date before it began to wait: not waiting then)
    return (sekarang - sejak).days


# --- the figures --------------------------------------------------------------------------
SIMPAN = {
    "cacah": lambda: models.PositiveIntegerField(default=0),  # a count
    "besar": lambda: models.BigIntegerField(default=0),  # Rupiah, or a count that may pass 2^31
    "sejak": lambda: models.DateTimeField(null=True),  # the oldest of a kind: adds up as a minimum
    "tanggal": lambda: models.DateField(null=True),  # a day (no time): adds up as the earliest
}
#: the kinds that are dates: empty where nothing is recorded, the earliest over regions
TANGGAL = ("sejak", "tanggal")
#: how a table cell is formatted: number, percent, Rupiah, percentage points, days, a rate with
#: one decimal (per 1,000)
FORMAT = ("int", "pct", "rp", "pp", "hari", "des")

#: the page's tables (all columns together in the xlsx "semua"): key, title
KELOMPOK_JUDUL = [
    ("peserta", _("Pertemuan dan peserta")),
    ("tipp", _("TIPP dan rencana kerja")),
    ("blm", _("BLM")),
    ("ksm", _("KSM dan pembangunan")),
    ("jangkauan", _("Penerima manfaat dan jangkauan")),
]


@dataclass(frozen=True)
class Angka:
    """One dashboard figure (see the module's docstring)."""

    nama: str
    label: Any = None  # column title (translatable); None: not a table column
    format: str = "int"
    kelompok: tuple[str, ...] = ()  # the page tables it is a column of
    simpan: str | None = None  # a field of the summary rows, of this kind (SIMPAN)
    asal: str | None = None  # the source it is counted from (ASAL, or RESMI)
    agregat: Any = None  # its aggregate over that source
    turunan: Callable | None = None  # derived: f(value of figure by name)
    tanda: Callable | None = None  # flag: f(value, AmbangPerhatian) -> bool

    def __post_init__(self):
        counted = self.simpan is not None
        if counted and (self.simpan not in SIMPAN or self.asal not in ASAL_PER_NAMA or self.agregat is None):
            raise ImproperlyConfigured(f"figure {self.nama!r}: a stored figure needs a kind, a source and an aggregate")
        if not counted and (self.turunan is None) == (self.asal != RESMI):
            raise ImproperlyConfigured(f"figure {self.nama!r}: declare how it is counted or derived")
        if self.turunan is not None and (counted or self.asal):
            raise ImproperlyConfigured(f"figure {self.nama!r}: a derived figure is not counted")
        if self.format not in FORMAT or not set(self.kelompok) <= {k for k, _t in KELOMPOK_JUDUL}:
            raise ImproperlyConfigured(f"figure {self.nama!r}: unknown format or table")
        if self.kelompok and self.label is None:
            raise ImproperlyConfigured(f"figure {self.nama!r}: a column needs a title")

    @property
    def dasar(self) -> bool:
        """Held as a value by the indicators (stored or read from the official list)."""
        return self.turunan is None

    @property
    def tambah(self) -> str | None:
        """How it adds up over regions: "sum", "min", or None (derived again from the sums)."""
        if self.turunan is not None:
            return None
        return "min" if self.simpan in TANGGAL else "sum"

    @property
    def awal(self):
        """Its value where nothing is recorded."""
        return None if self.simpan in TANGGAL else 0

    def field(self) -> models.Field:
        return SIMPAN[self.simpan]()


def _lokakarya(tingkat: int) -> Any:
    return Count("lokakarya", filter=Q(lokakarya__tingkat=tingkat))


def _langkah(nomor: int) -> Any:
    return Count("pk", filter=Q(nomor=nomor))


P, T, B, K, J = ("peserta",), ("tipp",), ("blm",), ("ksm",), ("jangkauan",)
PTB = P + T + B

ANGKA = [
    Angka("lokasi", _("Lokasi PLP-BK"), kelompok=PTB, simpan="cacah", asal="lokasi", agregat=Count("pk")),
    Angka("kelurahan", _("Kelurahan/desa"), kelompok=P, asal=RESMI),
    Angka(
        "lokakarya_1", _("Lokakarya Nas./Prov."), kelompok=P, simpan="cacah", asal="pertemuan", agregat=_lokakarya(1)
    ),
    Angka("lokakarya_2", _("Lokakarya Kab./Kota"), kelompok=P, simpan="cacah", asal="pertemuan", agregat=_lokakarya(2)),
    Angka("lokakarya_3", _("Lokakarya Kecamatan"), kelompok=P, simpan="cacah", asal="pertemuan", agregat=_lokakarya(3)),
    Angka("lokakarya_4", _("Lokakarya Kel./Desa"), kelompok=P, simpan="cacah", asal="pertemuan", agregat=_lokakarya(4)),
    Angka("lokakarya", turunan=jumlah("lokakarya_1", "lokakarya_2", "lokakarya_3", "lokakarya_4")),
    Angka("pengkondisian", _("Pengkondisian"), kelompok=P, simpan="cacah", asal="pengkondisian", agregat=Count("pk")),
    Angka("rembug", _("Rembug warga"), kelompok=P, simpan="cacah", asal="pertemuan", agregat=Count("rembug_warga")),
    Angka(
        "rembug_di_bawah_target",
        _("Rembug di bawah target inklusi"),
        kelompok=P,
        simpan="cacah",
        asal="rembug_di_bawah_target",
        agregat=Count("pk"),
        tanda=lambda v, ambang: v > 0,
    ),
    Angka("pertemuan", _("Pertemuan"), kelompok=P, simpan="cacah", asal="pertemuan", agregat=Count("pk")),
    Angka("peserta", _("Peserta"), turunan=jumlah("laki_laki", "perempuan")),
    Angka("laki_laki", _("Laki-laki"), kelompok=P, simpan="cacah", asal="pertemuan", agregat=Sum("jumlah_l")),
    Angka("perempuan", _("Perempuan"), kelompok=P, simpan="cacah", asal="pertemuan", agregat=Sum("jumlah_p")),
    Angka(
        "persen_perempuan",
        _("% perempuan"),
        "pct",
        kelompok=P,
        turunan=rasio("perempuan", "peserta"),
        tanda=lambda v, ambang: v < TARGET_PEREMPUAN,
    ),
    Angka(
        "disabilitas", _("Disabilitas"), kelompok=P, simpan="cacah", asal="pertemuan", agregat=Sum("jumlah_disabilitas")
    ),
    Angka("miskin", _("Warga miskin"), kelompok=P, simpan="cacah", asal="pertemuan", agregat=Sum("jumlah_miskin")),
    Angka("langkah_1", _("TIPP langkah 1"), kelompok=T, simpan="cacah", asal="langkah", agregat=_langkah(1)),
    Angka("langkah_2", _("TIPP langkah 2"), kelompok=T, simpan="cacah", asal="langkah", agregat=_langkah(2)),
    Angka("langkah_3", _("TIPP langkah 3"), kelompok=T, simpan="cacah", asal="langkah", agregat=_langkah(3)),
    Angka("langkah_4", _("TIPP langkah 4"), kelompok=T, simpan="cacah", asal="langkah", agregat=_langkah(4)),
    Angka("langkah_5", _("TIPP langkah 5"), kelompok=T, simpan="cacah", asal="langkah", agregat=_langkah(5)),
    Angka("tipp_dikukuhkan", _("TIPP dikukuhkan"), kelompok=T, simpan="cacah", asal="tipp", agregat=Count("pk")),
    Angka(
        "rencana_disetujui",
        _("Rencana kerja disetujui"),
        kelompok=T,
        simpan="cacah",
        asal="rencana",
        agregat=Count("pk"),
    ),
    # work plans as of the day counted (HariRingkasan): activities of the approved plans, those
    # behind plan, and their weights (days) in total, planned done and actually done x 100
    Angka("kegiatan", simpan="cacah", asal="kegiatan", agregat=Count("pk")),
    Angka("bobot", simpan="cacah", asal="kegiatan", agregat=Sum("dur")),
    Angka("bobot_rencana", simpan="cacah", asal="kegiatan", agregat=Sum("hari_rencana")),
    Angka("bobot_realisasi", simpan="besar", asal="kegiatan", agregat=Sum(F("progres") * F("dur"))),
    Angka("rencana_persen", _("Rencana s.d. hari ini"), "pct", kelompok=T, turunan=rasio("bobot_rencana", "bobot")),
    Angka("realisasi_persen", _("Realisasi"), "pct", kelompok=T, turunan=rasio("bobot_realisasi", "bobot", kali=1)),
    Angka(
        "deviasi",
        _("Deviasi (poin)"),
        "pp",
        kelompok=T,
        turunan=selisih("realisasi_persen", "rencana_persen"),
        tanda=lambda v, ambang: v < -ambang.deviasi_maks,
    ),
    Angka(
        "kegiatan_terlambat",
        _("Kegiatan terlambat"),
        kelompok=T,
        simpan="cacah",
        asal="kegiatan",
        agregat=Count("pk", filter=TELAT),
        tanda=lambda v, ambang: v > 0,
    ),
    Angka("alokasi", _("Alokasi BLM"), "rp", kelompok=B, simpan="besar", asal="alokasi", agregat=Sum("jumlah")),
    Angka(
        "diminta",
        _("Diminta"),
        "rp",
        kelompok=B,
        simpan="besar",
        asal="permintaan",
        agregat=Coalesce(Sum("jumlah", filter=~Q(status__in=("dikembalikan", "ditarik"))), 0),
    ),
    Angka("terbayar", _("Dibayar"), "rp", kelompok=B, simpan="besar", asal="alokasi", agregat=Sum("terbayar")),
    Angka("penyerapan", _("Penyerapan"), "pct", kelompok=B, turunan=rasio("terbayar", "alokasi")),
    # the day of the latest BLM payment to the BKM, since which the money there has waited to be
    # used (plpbk.dasbor.perhatian reads it per location; over regions it adds up as the earliest)
    Angka("dibayar_terakhir", simpan="tanggal", asal="pembayaran", agregat=Max("tanggal")),
    Angka(
        "tertahan",
        _("Tahap dalam verifikasi"),
        kelompok=B,
        simpan="cacah",
        asal="permintaan",
        agregat=Count("pk", filter=Q(status="diproses")),
    ),
    Angka(
        "tertahan_sejak", simpan="sejak", asal="permintaan", agregat=Min("langkah_sejak", filter=Q(status="diproses"))
    ),
    # BLM requests waiting at each step of the verification chain: how many, how much, since
    # when the oldest waits (tertahan_pjok, tertahan_pjok_jumlah, tertahan_pjok_sejak, ...)
    *(
        Angka(nama, simpan=simpan, asal="permintaan", agregat=agregat)
        for langkah in URUTAN_LANGKAH
        for nama, simpan, agregat in [
            (f"tertahan_{langkah}", "cacah", Count("pk", filter=Q(status="diproses", langkah=langkah))),
            (f"tertahan_{langkah}_jumlah", "besar", Sum("jumlah", filter=Q(status="diproses", langkah=langkah))),
            (f"tertahan_{langkah}_sejak", "sejak", Min("langkah_sejak", filter=Q(status="diproses", langkah=langkah))),
        ]
    ),
    Angka(
        "lama_tertahan",
        _("Tertahan terlama (hari)"),
        "hari",
        kelompok=B,
        turunan=_lama_tertahan,
        tanda=lambda v, ambang: v > ambang.tertahan_maks,
    ),
]
# after BLM reaches the BKM: KSM, their verified proposals (BLM money), what the BKM passed on
# to them and what they used, and physical progress weighted by each proposal's BLM money
ANGKA += [
    Angka("ksm", _("KSM"), kelompok=K, simpan="cacah", asal="ksm", agregat=Count("pk")),
    Angka("usulan_ksm", _("Usulan KSM disetujui"), kelompok=K, simpan="cacah", asal="usulan", agregat=Count("pk")),
    Angka(
        "usulan_rp",
        _("Nilai usulan disetujui"),
        "rp",
        kelompok=K,
        simpan="besar",
        asal="usulan",
        agregat=Sum("biaya_blm"),
    ),
    Angka(
        "dicairkan_ksm",
        _("Dicairkan ke KSM"),
        "rp",
        kelompok=K,
        simpan="besar",
        asal="usulan",
        agregat=Sum("dicairkan"),
    ),
    Angka(
        "persen_disalurkan",
        _("Disalurkan ke KSM (% BLM dibayar)"),
        "pct",
        kelompok=K,
        turunan=rasio("dicairkan_ksm", "terbayar"),
    ),
    Angka(
        "terpakai_ksm",
        _("Dana terpakai KSM"),
        "rp",
        kelompok=K,
        simpan="besar",
        asal="usulan",
        agregat=Sum("dana_terpakai"),
    ),
    Angka(
        "persen_terpakai",
        _("Terpakai KSM (% BLM dibayar)"),
        "pct",
        kelompok=K,
        turunan=rasio("terpakai_ksm", "terbayar"),
        tanda=lambda v, ambang: v < ambang.pakai_min,
    ),
    # progress x BLM money of each proposal (additive); the weighted average is derived from it
    Angka("bobot_fisik", simpan="besar", asal="usulan", agregat=Sum(F("progres") * F("biaya_blm"))),
    Angka("progres_fisik", _("Progres fisik"), "pct", kelompok=K, turunan=rasio("bobot_fisik", "usulan_rp", kali=1)),
    # physical progress against the money used, both as shares of the verified proposals: works
    # falling behind what they have cost so far are flagged
    Angka(
        "persen_terpakai_usulan",
        _("Dana terpakai (% nilai usulan)"),
        "pct",
        kelompok=K,
        turunan=rasio("terpakai_ksm", "usulan_rp"),
    ),
    Angka(
        "deviasi_fisik",
        _("Fisik − keuangan (poin)"),
        "pp",
        kelompok=K,
        turunan=selisih("progres_fisik", "persen_terpakai_usulan"),
        tanda=lambda v, ambang: v < -ambang.fisik_maks,
    ),
]
# the beneficiaries of the verified proposals, and each kelurahan's newest profile: the rates
# these make possible (above kelurahan level, meetings there count as participants too)
ANGKA += [
    Angka(
        "penduduk",
        _("Penduduk"),
        kelompok=J,
        simpan="besar",
        asal="profil",
        agregat=Sum(F("penduduk_l") + F("penduduk_p")),
    ),
    Angka("jumlah_kk", _("KK"), kelompok=J, simpan="besar", asal="profil", agregat=Sum("jumlah_kk")),
    Angka("kk_miskin", _("KK miskin"), kelompok=J, simpan="besar", asal="profil", agregat=Sum("kk_miskin")),
    Angka("warga_mbr", _("Warga MBR"), kelompok=J, simpan="besar", asal="profil", agregat=Sum("jumlah_mbr")),
    Angka(
        "peserta_per_seribu",
        _("Peserta per 1.000 penduduk"),
        "des",
        kelompok=J,
        turunan=rasio("peserta", "penduduk", kali=1000),
    ),
    Angka("penerima", _("Penerima manfaat"), kelompok=J, simpan="besar", asal="usulan", agregat=Sum("penerima_jiwa")),
    Angka(
        "penerima_perempuan",
        _("Penerima perempuan"),
        kelompok=J,
        simpan="besar",
        asal="usulan",
        agregat=Sum("penerima_perempuan"),
    ),
    Angka(
        "penerima_miskin",
        _("Penerima miskin"),
        kelompok=J,
        simpan="besar",
        asal="usulan",
        agregat=Sum("penerima_miskin"),
    ),
    Angka("penerima_kk", _("Penerima (KK)"), kelompok=J, simpan="besar", asal="usulan", agregat=Sum("penerima_kk")),
    # like with like: households reached are read against all households, poor people reached
    # against the MBR residents (poor households reached: at the end of this block)
    Angka(
        "persen_kk_terjangkau", _("KK terjangkau (% KK)"), "pct", kelompok=J, turunan=rasio("penerima_kk", "jumlah_kk")
    ),
    Angka(
        "persen_miskin_terjangkau",
        _("Warga miskin terjangkau (% MBR)"),
        "pct",
        kelompok=J,
        turunan=rasio("penerima_miskin", "warga_mbr"),
    ),
    # poor households reached, read against the profile's poor households (like with like)
    Angka(
        "penerima_kk_miskin",
        _("Penerima (KK miskin)"),
        kelompok=J,
        simpan="besar",
        asal="usulan",
        agregat=Sum("penerima_kk_miskin"),
    ),
    Angka(
        "persen_kk_miskin_terjangkau",
        _("KK miskin terjangkau (% KK miskin)"),
        "pct",
        kelompok=J,
        turunan=rasio("penerima_kk_miskin", "kk_miskin"),
    ),
]
ANGKA_PER_NAMA = {a.nama: a for a in ANGKA}
if len(ANGKA_PER_NAMA) != len(ANGKA):
    raise ImproperlyConfigured("a dashboard figure is declared twice")

#: the figures stored on the summary rows, those the indicators hold, those derived from them
TERSIMPAN = [a for a in ANGKA if a.simpan]
DASAR = [a for a in ANGKA if a.dasar]
TURUNAN = [a for a in ANGKA if not a.dasar]
#: the table columns: (name, title, format), in the registry's order
KOLOM = [(a.nama, a.label, a.format) for a in ANGKA if a.label is not None]
KELOMPOK = [(key, title, [a.nama for a in ANGKA if key in a.kelompok]) for key, title in KELOMPOK_JUDUL]
#: the summary rows' fields that are not figures: their region and year, the kelurahan's
#: programme year and cohort
KETERANGAN = ("id", "tahun", "tahun_program", "angkatan")


def per_asal() -> list[tuple[Asal, list[Angka]]]:
    """The sources in order, each with the stored figures counted from it."""
    return [(asal, [a for a in TERSIMPAN if a.asal == asal.nama]) for asal in ASAL]


def nilai(obj, nama: str):
    """Figure `nama` of `obj` (indicators, or a summary row): stored values as they are,
    derived ones worked out from them."""
    angka = ANGKA_PER_NAMA.get(nama)
    if angka is None or angka.dasar:
        return getattr(obj, nama)
    return angka.turunan(lambda n: nilai(obj, n))


def dasar(nama: str) -> set[str]:
    """The held figures the figure `nama` is worked out from (itself when held): read by
    working it out once with every value 1, which takes every branch of the registry's
    `rasio`, `jumlah` and `selisih`."""
    dibaca: set[str] = set()

    class Jejak:
        def __getattr__(self, n):
            dibaca.add(n)
            return 1

    nilai(Jejak(), nama)
    return dibaca


def periksa(model) -> None:
    """Fail loudly when the summary model's fields and the registry disagree: a figure field
    that no figure declares (it would never be counted, summed or shown), or a stored figure
    without its field."""
    names = (
        {f.name for f in model._meta.fields if not f.is_relation}
        - set(KETERANGAN)
        - set(getattr(model, "BUKAN_ANGKA", ()))
    )
    declared = {a.nama for a in TERSIMPAN}
    if names != declared:
        raise ImproperlyConfigured(
            f"{model.__name__}: fields not in plpbk.dasbor.figures: {sorted(names - declared)}; "
            f"stored figures without a field: {sorted(declared - names)}"
        )
