"""Keeping the dashboard's summary (plpbk.dasbor.models.Ringkasan) exact.

- Writes mark: a save or delete of any record the dashboard counts adds a mark for its region
  in the writer's transaction (model signals, connected in PlpbkConfig.ready, plus
  `kelurahan.signals.data_berubah` for the counter updates no model signal shows), and
  recount that region right after their commit.
- Recounts: `segarkan` recounts marked regions from the records themselves, with the rules
  the apps use (RembugWarga.below_target, RencanaKerja.approved, ...), replaces their rows,
  adds up their provinces again (RingkasanProvinsi) and removes the marks it read. Every
  dashboard first recounts what is still marked inside its region (a write-behind recount
  that failed, a new day), so what it reads is exact.

Concurrent dashboards: the marks are taken with SKIP LOCKED and the provinces' rows are locked
(FOR NO KEY UPDATE, which does not block inserts that reference them) before counting, so two
recounts in one province run one after the other and the later one counts the later data.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Case, IntegerField, Min, Q, Sum, Value, When
from django.db.models.functions import ExtractYear, Substr
from django.db.models.signals import post_delete, post_init, post_save
from django.utils import timezone

from blm.models import AlokasiBLM, PermintaanBLM
from kelurahan.models import LokasiProgram, Pertemuan, Wilayah
from kelurahan.signals import data_berubah
from lokakarya.models import Lokakarya
from sosialisasi.models import Pengkondisian, RembugWarga, TargetInklusi
from tipp.models import TIPP, Kegiatan, LangkahTIPP, RencanaKerja

from . import figures
from .models import HariRingkasan, PerubahanRingkasan, Ringkasan, RingkasanProvinsi

#: regions recounted per set of queries (keeps IN lists well under SQLite's variable limit)
BATCH = 500


# --- marks --------------------------------------------------------------------------------
def tandai(kode: Iterable[str | None]) -> None:
    """Mark regions whose records changed (inside the writing transaction), and recount them
    once that transaction has committed, so the next dashboard usually finds nothing to do.
    Should that recount fail, the marks stay and the next dashboard over them recounts."""
    kode = sorted({k for k in kode if k})
    if kode:
        PerubahanRingkasan.objects.bulk_create([PerubahanRingkasan(kode=k) for k in kode])

        def recount_after_commit():
            segarkan(kode=kode)

        transaction.on_commit(recount_after_commit, robust=True)


def _kode_pertemuan(instance) -> list[str]:
    try:
        return [instance.pertemuan.wilayah_id]
    except Pertemuan.DoesNotExist:  # deleted with its meeting, which marked the region itself
        return []


def _kode_tipp(instance) -> list[str]:
    try:
        return [instance.tipp.wilayah_id]
    except TIPP.DoesNotExist:
        return []


def _kode_rencana(instance) -> list[str]:
    try:
        return [instance.rencana.wilayah_id]
    except RencanaKerja.DoesNotExist:
        return []


def _kode_rembug_terbuka() -> list[str]:
    """Regions of rembug warga not yet closed: they are judged by the current targets."""
    return list(
        RembugWarga.objects.filter(ditutup__isnull=True)
        .order_by()
        .values_list("pertemuan__wilayah_id", flat=True)
        .distinct()
    )


#: model -> the region codes an instance's change touches
SUMBER = {
    Pertemuan: lambda i: [i.wilayah_id, getattr(i, "_ringkasan_kode_awal", None)],
    LokasiProgram: lambda i: [i.wilayah_id],
    Lokakarya: _kode_pertemuan,
    RembugWarga: _kode_pertemuan,
    Pengkondisian: lambda i: [i.wilayah_id],
    TIPP: lambda i: [i.wilayah_id],
    LangkahTIPP: _kode_tipp,
    RencanaKerja: lambda i: [i.wilayah_id],
    Kegiatan: _kode_rencana,
    AlokasiBLM: lambda i: [i.wilayah_id],
    PermintaanBLM: lambda i: [i.wilayah_id],
    TargetInklusi: lambda i: _kode_rembug_terbuka(),
}


def _on_change(sender, instance, raw=False, **kwargs):
    # a fixture load (loaddata) brings its own summary rows and marks
    if not raw:
        tandai(SUMBER[sender](instance))


def _remember_region(sender, instance, **kwargs):
    """A meeting moved to another region changes the figures of both."""
    instance._ringkasan_kode_awal = instance.__dict__.get("wilayah_id")


def _on_data_berubah(sender, kode, **kwargs):
    tandai(kode)


def connect() -> None:
    for model in SUMBER:
        post_save.connect(_on_change, sender=model, dispatch_uid=f"ringkasan-save-{model.__name__}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"ringkasan-delete-{model.__name__}")
    post_init.connect(_remember_region, sender=Pertemuan, dispatch_uid="ringkasan-init-pertemuan")
    data_berubah.connect(_on_data_berubah, dispatch_uid="ringkasan-data-berubah")


# --- recount ------------------------------------------------------------------------------
def _tahun_kunci(wilayah_path: str, tanggal_path: str):
    """0 for a kelurahan; the year of the meeting's date above kelurahan level."""
    return Case(
        When(**{f"{wilayah_path}__tingkat__lt": 4}, then=ExtractYear(tanggal_path)),
        default=Value(0),
        output_field=IntegerField(),
    )


def hitung(kode: list[str] | None) -> list[Ringkasan]:
    """Fresh summary rows for the regions `kode` (None: every region), counted from the records:
    one grouped query per source of plpbk.dasbor.figures, with the figures declared on it."""
    rows: dict[tuple[str, int], Ringkasan] = {}

    def row(k: str, tahun: int = 0) -> Ringkasan:
        if (k, tahun) not in rows:
            rows[k, tahun] = Ringkasan(wilayah_id=k, tahun=tahun)
        return rows[k, tahun]

    today = timezone.localdate()
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


def segarkan(wilayah: Wilayah | None = None, kode: list[str] | None = None) -> int:
    """Recount the marked regions at or below `wilayah` (None: everywhere), or only those of
    `kode`; returns how many regions were recounted. A fixed number of queries per 500."""
    if not connection.in_atomic_block:
        with transaction.atomic():
            return segarkan(wilayah, kode)
    _hari_baru()
    marks = PerubahanRingkasan.objects.all()
    if wilayah is not None:
        marks = marks.filter(Q(kode=wilayah.kode) | Q(kode__startswith=wilayah.kode + "."))
    if kode is not None:
        marks = marks.filter(kode__in=kode)
    taken = list(marks.select_for_update(skip_locked=True).values_list("pk", "kode"))
    if not taken:
        return 0
    kode = sorted({k for _pk, k in taken})
    provinsi = sorted({k[:2] for k in kode})
    # one recount per province at a time: the later one then counts, and adds up, the later data
    list(Wilayah.objects.filter(kode__in=provinsi).order_by("kode").select_for_update(no_key=True).values_list("pk"))
    for start in range(0, len(kode), BATCH):
        part = kode[start : start + BATCH]
        _ganti(part, hitung(part))
    _ganti_provinsi(provinsi)
    ids = [pk for pk, _k in taken]
    for start in range(0, len(ids), BATCH):
        PerubahanRingkasan.objects.filter(pk__in=ids[start : start + BATCH]).delete()
    return len(kode)


def _hari_baru() -> None:
    """On the first dashboard of a new day, mark every region with an approved plan: its
    planned progress moved with the date. One plain read otherwise; the lock only on a new day."""
    today = timezone.localdate()
    if HariRingkasan.objects.filter(pk=1, tanggal__gte=today).exists():
        return
    hari, created = HariRingkasan.objects.select_for_update().get_or_create(pk=1, defaults={"tanggal": today})
    if created or hari.tanggal < today:
        tandai(RencanaKerja.objects.approved().values_list("wilayah_id", flat=True))
        hari.tanggal = today
        hari.save(update_fields=["tanggal"])


@transaction.atomic
def bangun_ulang() -> int:
    """Recount every region from scratch (after a bulk load or a restore); returns the rows."""
    HariRingkasan.objects.update_or_create(pk=1, defaults={"tanggal": timezone.localdate()})
    PerubahanRingkasan.objects.all().delete()
    fresh = hitung(None)
    _ganti(None, fresh)
    _ganti_provinsi(None)
    return len(fresh)
