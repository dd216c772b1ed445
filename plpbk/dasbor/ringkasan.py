"""Keeping the dashboard's summary (plpbk.dasbor.models.Ringkasan) exact.

- The database marks: triggers on every table the dashboard counts (`SUMBER`, created by the
  migrations through plpbk.dasbor.pemicu) add a `PerubahanRingkasan` row for the region of each
  row inserted, updated or deleted, in the writing statement itself. So saves, queryset
  `update()`, bulk writes, raw SQL and data migrations are all caught, and a rolled-back write
  leaves no mark.
- Marks are processed outside any reading request: `proses_tanda` recounts marked regions from
  the records themselves, with the rules the apps use (RembugWarga.below_target,
  RencanaKerja.approved, ...), replaces their rows, adds up their provinces again
  (RingkasanProvinsi) and removes the marks it read, `BATCH` regions per short transaction. It
  runs from `hitung_ringkasan --tanda` (on a schedule, or on demand) and, for a few regions,
  right after a write request has committed (`setelah_tulis`, plpbk.dasbor.middleware).
- A new day first keeps the day just ended (plpbk.dasbor.arsip: the rows copied once its marks
  are counted), before a write request runs (`sebelum_tulis`), so that write is not in it.
- A new day moves the work plans' planned progress: `hari_baru` (`hitung_ringkasan --hari-baru`,
  and `sebelum_tulis`) marks every region with an approved plan once a day.
- Dashboards only read the rows, and say when they were counted and how many changes in their
  scope are not counted yet (`keadaan`).

Concurrent recounts: the marks are taken with SKIP LOCKED and the provinces' rows are locked
(FOR NO KEY UPDATE, which does not block inserts that reference them) before counting, so two
recounts in one province run one after the other and the later one counts the later data.
"""

from __future__ import annotations

import datetime
import functools
import logging
import operator
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case, IntegerField, Min, Q, Sum, Value, When
from django.db.models.functions import ExtractYear, Substr
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext

from blm.models import AlokasiBLM, PembayaranBLM, PermintaanBLM
from blm.models_ksm import KSM, UsulanKegiatan
from kelurahan.models import LokasiProgram, Pertemuan, Wilayah
from kelurahan.models_profil import ProfilKelurahan
from lokakarya.models import Lokakarya
from sosialisasi.models import Pengkondisian, RembugWarga, TargetInklusi
from tipp.models import TIPP, Kegiatan, LangkahTIPP, RencanaKerja

from . import arsip, figures, perhatian
from .models import HariRingkasan, PerubahanRingkasan, Ringkasan, RingkasanProvinsi
from .pemicu import Sumber

logger = logging.getLogger(__name__)

#: regions recounted per transaction (keeps IN lists well under SQLite's variable limit)
BATCH = 500

#: regions recounted right after a write request (setelah_tulis)
SETELAH_TULIS = 50


# --- marks --------------------------------------------------------------------------------
#: every record the dashboard counts, and the path from it to the code of its region: the
#: database triggers that mark the summary are made from this list (plpbk.dasbor.pemicu; a
#: change here needs a migration with the new frozen list, see tests/plpbk/test_pemicu.py)
SUMBER = [
    Sumber(LokasiProgram, "wilayah_id"),
    Sumber(Pertemuan, "wilayah_id"),
    Sumber(Lokakarya, "pertemuan__wilayah_id"),
    Sumber(RembugWarga, "pertemuan__wilayah_id"),
    Sumber(Pengkondisian, "wilayah_id"),
    Sumber(TIPP, "wilayah_id"),
    Sumber(LangkahTIPP, "tipp__wilayah_id"),
    Sumber(RencanaKerja, "wilayah_id"),
    Sumber(Kegiatan, "rencana__wilayah_id"),
    Sumber(AlokasiBLM, "wilayah_id"),
    Sumber(PermintaanBLM, "wilayah_id"),
    Sumber(PembayaranBLM, "wilayah_id"),
    Sumber(KSM, "wilayah_id"),
    Sumber(UsulanKegiatan, "wilayah_id"),
    Sumber(ProfilKelurahan, "wilayah_id"),
    # rembug warga not yet closed are judged by the current inclusion targets
    Sumber(TargetInklusi, "pertemuan__wilayah_id", semua=RembugWarga, kosong="ditutup"),
]


def tandai(kode: Iterable[str | None]) -> None:
    """Mark regions by hand (the new day's work plans); the triggers mark every write."""
    kode = sorted({k for k in kode if k})
    PerubahanRingkasan.objects.bulk_create([PerubahanRingkasan(kode=k) for k in kode], batch_size=2_000)


# --- recount ------------------------------------------------------------------------------
def _tahun_kunci(wilayah_path: str, tanggal_path: str):
    """0 for a kelurahan; the year of the meeting's date above kelurahan level."""
    return Case(
        When(**{f"{wilayah_path}__tingkat__lt": 4}, then=ExtractYear(tanggal_path)),
        default=Value(0),
        output_field=IntegerField(),
    )


def hitung(kode: list[str] | None, hari: datetime.date | None = None) -> list[Ringkasan]:
    """Fresh summary rows for the regions `kode` (None: every region), counted from the records:
    one grouped query per source of plpbk.dasbor.figures, with the figures declared on it.
    `hari`: the day work-plan progress is counted for (today unless given)."""
    rows: dict[tuple[str, int], Ringkasan] = {}

    def row(k: str, tahun: int = 0) -> Ringkasan:
        if (k, tahun) not in rows:
            rows[k, tahun] = Ringkasan(wilayah_id=k, tahun=tahun)
        return rows[k, tahun]

    today = hari or timezone.localdate()
    for asal, angka in figures.per_asal():
        qs = asal.records(Q() if kode is None else Q(**{f"{asal.wilayah}__in": kode}), today)
        keys = [asal.wilayah]
        if asal.per_tahun:
            qs = qs.annotate(kunci=_tahun_kunci(*asal.per_tahun))
            keys.append("kunci")
        # aliases apart from the records' own fields (AlokasiBLM has a `terbayar` too)
        aggregates = {f"angka_{a.nama}": a.agregat for a in angka}
        aggregates.update({f"angka_{nama}": agregat for nama, agregat in asal.atribut.items()})
        for r in qs.values(*keys).annotate(**aggregates).order_by():
            x = row(r[asal.wilayah], r.get("kunci", 0))
            for a in angka:
                value = r[f"angka_{a.nama}"]
                setattr(x, a.nama, value if a.tambah == "min" else value or 0)
            for nama in asal.atribut:
                setattr(x, nama, r[f"angka_{nama}"])
    return list(rows.values())


def _ganti(kode: list[str] | None, fresh: list[Ringkasan]) -> None:
    old = Ringkasan.objects.all() if kode is None else Ringkasan.objects.filter(wilayah_id__in=kode)
    old.delete()
    Ringkasan.objects.bulk_create(fresh, batch_size=2_000)


def _ganti_provinsi(provinsi: list[str] | None) -> None:
    """Add up the summary rows of `provinsi` (None: all) again per programme year and cohort."""
    rows = Ringkasan.objects.all()
    old = RingkasanProvinsi.objects.all()
    if provinsi is not None:
        # a prefix on the indexed code (LIKE '32.%'), not SUBSTRING, so the index is used
        prefix = (Q(wilayah_id=p) | Q(wilayah__kode__startswith=p + ".") for p in provinsi)
        rows = rows.filter(functools.reduce(operator.or_, prefix))
        old = old.filter(provinsi_id__in=provinsi)
    rows = rows.annotate(p=Substr("wilayah_id", 1, 2))
    grouped = (
        rows.values("p", "tahun", "tahun_program", "angkatan")
        .annotate(**{f: Sum(f) for f in Ringkasan.ANGKA}, **{f: Min(f) for f in Ringkasan.SEJAK})
        .order_by()
    )
    fresh = [
        RingkasanProvinsi(
            provinsi_id=r["p"],
            tahun=r["tahun"],
            tahun_program=r["tahun_program"],
            angkatan=r["angkatan"],
            **{f: r[f] or 0 for f in Ringkasan.ANGKA},
            **{f: r[f] for f in Ringkasan.SEJAK},
        )
        for r in grouped
    ]
    old.delete()
    RingkasanProvinsi.objects.bulk_create(fresh, batch_size=2_000)


def _proses_satu(n: int, hari: datetime.date | None = None) -> list[str]:
    """One short transaction: recount the regions of up to `n` marked codes (oldest marks
    first) that no other recount holds; returns the regions recounted."""
    with transaction.atomic():
        kode = list(
            PerubahanRingkasan.objects.values("kode")
            .annotate(pertama=Min("pk"))
            .order_by("pertama")
            .values_list("kode", flat=True)[:n]
        )
        if not kode:
            return []
        taken = list(
            PerubahanRingkasan.objects.filter(kode__in=kode)
            .select_for_update(skip_locked=True)
            .values_list("pk", "kode")
        )
        if not taken:
            return []
        kode = sorted({k for _pk, k in taken})
        provinsi = sorted({k[:2] for k in kode})
        # one recount per province at a time: the later one then counts, and adds up, the later data
        list(
            Wilayah.objects.filter(kode__in=provinsi).order_by("kode").select_for_update(no_key=True).values_list("pk")
        )
        _ganti(kode, hitung(kode, hari))
        _ganti_provinsi(provinsi)
        _kunci_wilayah(kode)
        PerubahanRingkasan.objects.filter(pk__in=[pk for pk, _k in taken]).delete()
        _catat_dihitung(kode)
        return kode


# --- the attention keys (plpbk.dasbor.perhatian) ----------------------------------------------
def _kunci_wilayah(kode: list[str]) -> None:
    """The recounted rows' attention keys, for the day and thresholds the others hold. The
    clock's row is locked first, so a full `perbarui_kunci` runs before or after, never across.
    Thresholds changed since the keys were stored: the keys no longer hold (dashboards rank on
    the fly) until `perbarui_kunci`."""
    hari = HariRingkasan.objects.select_for_update().filter(pk=1).first()
    if hari is None or hari.kunci_tanggal is None:
        return
    semua = perhatian.ambang_semua()
    if perhatian.sidik(semua.values()) != hari.kunci_sidik:
        HariRingkasan.objects.filter(pk=1).update(kunci_tanggal=None)
        return
    perhatian.simpan_kunci(Ringkasan.objects.filter(wilayah_id__in=kode), hari.kunci_tanggal, semua)


def perbarui_kunci() -> None:
    """Every programme location's attention key for the summary's day and the current
    thresholds (after the new day's roll-over, a threshold change, or a full recount). Only
    a recount (`_proses_satu`) writes summary rows, always before it takes the clock; so this,
    holding the clock, skips the rows a recount holds rather than wait for it (a deadlock)."""
    with transaction.atomic():
        hari = HariRingkasan.objects.select_for_update().filter(pk=1).first()
        if hari is None:
            return
        semua = perhatian.ambang_semua()
        # a recount holding some rows stores their keys itself after this (it waits for the clock)
        perhatian.simpan_kunci(Ringkasan.objects.all(), hari.tanggal, semua, lewati_terkunci=True)
        hari.kunci_tanggal, hari.kunci_sidik = hari.tanggal, perhatian.sidik(semua.values())
        hari.generasi += 1
        hari.generasi_penuh = hari.generasi
        hari.save(update_fields=["kunci_tanggal", "kunci_sidik", "generasi", "generasi_penuh"])


def kunci_basi() -> bool:
    """Whether the stored keys are not those of the summary's day and current thresholds."""
    tanggal, kunci_tanggal, sidik = HariRingkasan.objects.filter(pk=1).values_list(
        "tanggal", "kunci_tanggal", "kunci_sidik"
    ).first() or (None, None, "")
    if tanggal is None:
        return False
    return kunci_tanggal != tanggal or sidik != perhatian.sidik(perhatian.ambang_semua().values())


def kabkota(kode: str) -> str:
    """The kabupaten/kota a region code lies in (a province's own code for a province)."""
    return kode[:5]


def _catat_dihitung(kode: list[str]) -> None:
    """The clock after a recount of the regions `kode`: when, one generation more, and that
    generation as their provinces' and kabupaten/kota's (the row is locked: `_kunci_wilayah`
    took it)."""
    now = timezone.now()
    hari = HariRingkasan.objects.select_for_update().filter(pk=1).first()
    if hari is None:
        HariRingkasan.objects.get_or_create(pk=1, defaults={"tanggal": timezone.localdate()})
        hari = HariRingkasan.objects.select_for_update().get(pk=1)
    hari.dihitung, hari.generasi = now, hari.generasi + 1
    wilayah = {k[:2] for k in kode} | {kabkota(k) for k in kode}
    hari.generasi_wilayah = {**hari.generasi_wilayah, **dict.fromkeys(wilayah, hari.generasi)}
    hari.save()


def proses_tanda(batas: int | None = None, hari: datetime.date | None = None, dihitung: set | None = None) -> int:
    """Recount the marked regions, `BATCH` per transaction, until no mark is left that another
    recount does not hold (or `batas` regions are done); returns how many were recounted, and
    adds their codes to `dihitung` if given. Call outside a transaction, so each batch commits
    by itself. `hari`: as in `hitung`."""
    done = 0
    while batas is None or done < batas:
        kode = _proses_satu(BATCH if batas is None else min(BATCH, batas - done), hari)
        if not kode:
            break
        done += len(kode)
        if dihitung is not None:
            dihitung.update(kode)
    return done


def hari_baru(batas: int | None = None) -> int:
    """On a new day, keep the last counted day's figures and mark every region with an approved
    plan: its planned progress moved with the date. First the marks waiting are counted (work
    plans as of the last counted day; at most `batas` regions), so the archive
    (plpbk.dasbor.arsip) holds that day's figures complete; then, in one transaction, the copy,
    the pruning, the marks and the new date. One plain read when the day is already counted;
    returns the regions marked."""
    today = timezone.localdate()
    kemarin = HariRingkasan.objects.filter(pk=1).values_list("tanggal", flat=True).first()
    if kemarin is not None and kemarin >= today:
        return 0
    if kemarin is not None:
        proses_tanda(batas, hari=kemarin)
    with transaction.atomic():
        hari, created = HariRingkasan.objects.select_for_update().get_or_create(pk=1, defaults={"tanggal": today})
        if not created and hari.tanggal >= today:
            return 0
        if not created:
            arsip.simpan(hari.tanggal)
            arsip.pangkas(today)
        kode = set(RencanaKerja.objects.approved().values_list("wilayah_id", flat=True))
        tandai(kode)
        hari.tanggal = today
        hari.save(update_fields=["tanggal"])
        # the expected dates and the waits moved: every key for the new day
        perbarui_kunci()
    return len(kode)


def sebelum_tulis() -> int:
    """Before a write request runs: the new day if it is one (counting at most `SETELAH_TULIS`
    waiting regions first), so the day just ended is kept without this request's write. Without
    a scheduler, regions still waiting beyond that are kept as last counted. A failure is logged;
    the next request tries again. Returns the regions marked."""
    try:
        return hari_baru(SETELAH_TULIS)
    except Exception:
        logger.exception("dashboard summary: the new day's roll-over before a write failed")
        return 0


def setelah_tulis() -> int:
    """Right after a write request has committed (the new day rolled over before it,
    `sebelum_tulis`): the marks of at most `SETELAH_TULIS` regions, so a portal without a
    scheduler shows fresh figures after a save. A failure is logged and leaves the marks for the
    next run. (One call, so that a job queue can take it over.)"""
    try:
        return proses_tanda(SETELAH_TULIS)
    except Exception:
        logger.exception("dashboard summary: recount after a write failed; the marks stay")
        return 0


@dataclass(frozen=True)
class Keadaan:
    """When the summary was last counted, the day of its work-plan figures, and the marks not
    yet counted inside a dashboard's scope; or, read "as of" a past date, the kept day shown
    (`arsip`, plpbk.dasbor.arsip), or that none was kept (`tidak_disimpan`, from `awal`)."""

    dihitung: datetime.datetime | None
    tanggal: datetime.date | None
    tertunda: int
    arsip: datetime.date | None = None
    per: datetime.date | None = None
    tidak_disimpan: bool = False
    awal: datetime.date | None = None

    @property
    def teks(self) -> str:
        """The line a dashboard prints, e.g. "Angka per 30 November 2026 10.15 WIB; 3 perubahan
        belum dihitung." (changes: rows written and not yet counted), or "Angka per 29 November
        2026 (akhir hari)." for a kept day."""
        if self.arsip is not None:
            teks = gettext("Angka per %(t)s (akhir hari)") % {"t": formats.date_format(self.arsip, "j F Y")}
            if self.per is not None and self.per != self.arsip:
                teks += "; " + gettext("hari terakhir yang tersimpan sampai %(per)s") % {
                    "per": formats.date_format(self.per, "j F Y")
                }
            return teks + "."
        if self.tidak_disimpan:
            return self.teks_tidak_disimpan + " " + self._terkini()
        return self._terkini()

    @property
    def teks_tidak_disimpan(self) -> str:
        per = formats.date_format(self.per, "j F Y")
        if self.awal is None:
            return gettext("Angka per %(per)s tidak tersimpan (belum ada arsip harian); ditampilkan angka terkini.") % {
                "per": per
            }
        return gettext(
            "Angka per %(per)s tidak tersimpan (arsip harian mulai %(awal)s); ditampilkan angka terkini."
        ) % {"per": per, "awal": formats.date_format(self.awal, "j F Y")}

    def _terkini(self) -> str:
        if self.dihitung is None:
            parts = [gettext("Angka belum pernah dihitung")]
        else:
            waktu = formats.date_format(timezone.localtime(self.dihitung), "j F Y H.i")
            parts = [gettext("Angka per %(waktu)s WIB") % {"waktu": waktu}]
        if self.tertunda:
            parts.append(
                ngettext("%(n)s perubahan belum dihitung", "%(n)s perubahan belum dihitung", self.tertunda)
                % {"n": formats.number_format(self.tertunda, force_grouping=True)}
            )
        if self.tanggal is not None and self.tanggal < timezone.localdate():
            parts.append(
                gettext("kemajuan rencana kerja per %(t)s") % {"t": formats.date_format(self.tanggal, "j F Y")}
            )
        return "; ".join(parts) + "."


def hari_ringkasan() -> tuple:
    """(dihitung, tanggal, kunci_tanggal, kunci_sidik, generasi, generasi_penuh,
    generasi_wilayah) of the summary's clock, Nones before any count."""
    return HariRingkasan.objects.filter(pk=1).values_list(
        "dihitung", "tanggal", "kunci_tanggal", "kunci_sidik", "generasi", "generasi_penuh", "generasi_wilayah"
    ).first() or (None, None, None, "", 0, 0, {})


def keadaan(user, wilayah: Wilayah | None, sumber: arsip.Sumber | None = None, hari: tuple | None = None) -> Keadaan:
    """The summary's state for a dashboard of `wilayah` (None: the nation) as `user` sees it,
    reading `sumber` (plpbk.dasbor.arsip; None: the current rows): two reads (one when the clock
    `hari` is given, as `hari_ringkasan` reads it), no write, no lock; none for a kept day (its
    figures are complete: no marks wait on them)."""
    if sumber is not None and not sumber.terkini:
        return Keadaan(dihitung=None, tanggal=None, tertunda=0, arsip=sumber.tanggal, per=sumber.per)
    hari = (hari or hari_ringkasan())[:2]
    marks = PerubahanRingkasan.objects.for_user(user)
    if wilayah is not None:
        marks = marks.in_region(wilayah)
    dihitung, tanggal = hari
    lain = {"per": sumber.per, "tidak_disimpan": True, "awal": sumber.awal} if sumber and sumber.tidak_disimpan else {}
    return Keadaan(dihitung=dihitung, tanggal=tanggal, tertunda=marks.count(), **lain)


@transaction.atomic
def bangun_ulang() -> int:
    """Recount every region from scratch (after a bulk load or a restore); returns the rows."""
    HariRingkasan.objects.update_or_create(pk=1, defaults={"tanggal": timezone.localdate(), "dihitung": timezone.now()})
    PerubahanRingkasan.objects.all().delete()
    fresh = hitung(None)
    _ganti(None, fresh)
    _ganti_provinsi(None)
    perbarui_kunci()
    return len(fresh)
