"""The dashboard's daily archive: the summary rows as they stood at the end of each day, so a
dashboard read "as of" a past date (`?per=`) shows the figures of that day.

- Kept at the new day's roll-over (plpbk.dasbor.ringkasan.hari_baru): once the marks waiting
  are counted, `simpan` copies every Ringkasan and RingkasanProvinsi row into ArsipRingkasan /
  ArsipRingkasanProvinsi with the day they stand for (the last counted day,
  HariRingkasan.tanggal), one INSERT ... SELECT per table: no row passes through Python, so a
  national summary (some 11,000 kelurahan rows) costs two statements. A day is kept once
  (HariArsip, unique per day): a second roll-over for the same day copies nothing.
- Pruned in the same roll-over (`pangkas`): every day of the last `settings.DASBOR_ARSIP_HARIAN`
  days (90 unless set), and before that only the last kept day of each month.
- Read through `sumber(per)`: the rows a dashboard sums, chosen by its date. Today or later:
  the current rows. Before today: the latest kept day on or before it; when none is kept (a date
  before the archive began), the current rows, and the page says so.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Max, Min, Q, QuerySet

from .models import ArsipRingkasan, ArsipRingkasanProvinsi, HariArsip, Ringkasan, RingkasanProvinsi

#: (current rows, their archive)
SALINAN = [(Ringkasan, ArsipRingkasan), (RingkasanProvinsi, ArsipRingkasanProvinsi)]


def kolom(model, arsip) -> list[str]:
    """The columns copied from `model` into `arsip`: all but the key (the archive adds its day).
    Fails when the two disagree, so a figure added to the summary is archived too."""
    sumber = [f.column for f in model._meta.concrete_fields if not f.primary_key and f.name not in model.BUKAN_ANGKA]
    tujuan = [f.column for f in arsip._meta.concrete_fields if not f.primary_key and f.name != "tanggal"]
    if sorted(sumber) != sorted(tujuan):
        raise RuntimeError(f"{arsip.__name__} and {model.__name__} differ: {sorted(set(sumber) ^ set(tujuan))}")
    return sumber


def simpan(tanggal: datetime.date) -> int:
    """Copy the current summary rows as the figures of `tanggal`; nothing when that day is kept
    already. Returns the kelurahan-level rows copied. Call inside the roll-over's transaction."""
    _hari, baru = HariArsip.objects.get_or_create(tanggal=tanggal)
    if not baru:
        return 0
    qn = connection.ops.quote_name
    nilai = connection.ops.adapt_datefield_value(tanggal)
    n = 0
    with connection.cursor() as cursor:
        for model, arsip in SALINAN:
            cols = ", ".join(qn(c) for c in kolom(model, arsip))
            cursor.execute(
                f"INSERT INTO {qn(arsip._meta.db_table)} ({qn('tanggal')}, {cols}) "  # noqa: S608 (names from the models)
                f"SELECT %s, {cols} FROM {qn(model._meta.db_table)}",
                [nilai],
            )
            if model is Ringkasan:
                n = cursor.rowcount
    return n


def dibuang(hari: list[datetime.date], hari_ini: datetime.date) -> list[datetime.date]:
    """The kept days `hari` that retention drops on `hari_ini`: older than the daily window and
    not the last kept day of their month."""
    batas = hari_ini - datetime.timedelta(days=settings.DASBOR_ARSIP_HARIAN)
    akhir_bulan: dict[tuple[int, int], datetime.date] = {}
    for t in hari:
        bulan = (t.year, t.month)
        akhir_bulan[bulan] = max(t, akhir_bulan.get(bulan, t))
    return sorted(t for t in hari if t < batas and t != akhir_bulan[t.year, t.month])


def pangkas(hari_ini: datetime.date) -> int:
    """Drop the archived days retention no longer keeps; returns how many days were dropped.
    Reads the kept days (one per day: a few hundred at most), not the rows."""
    buang = dibuang(list(HariArsip.objects.values_list("tanggal", flat=True)), hari_ini)
    if buang:
        for _model, arsip in SALINAN:
            arsip.objects.filter(tanggal__in=buang).delete()
        HariArsip.objects.filter(tanggal__in=buang).delete()
    return len(buang)


@dataclass(frozen=True)
class Sumber:
    """The rows a dashboard sums for its date: `kelurahan` (Ringkasan-like, scoped by the
    dashboard) and `provinsi` (the provinces' sums, for the whole country).

    `tanggal`: the kept day read (None: the current rows). `tidak_disimpan`: a past date was
    asked and no day on or before it is kept, so the current rows stand in; `awal`: the first
    kept day, if any."""

    kelurahan: QuerySet
    provinsi: QuerySet
    per: datetime.date
    tanggal: datetime.date | None = None
    tidak_disimpan: bool = False
    awal: datetime.date | None = None

    @property
    def terkini(self) -> bool:
        return self.tanggal is None


def terkini(per: datetime.date) -> Sumber:
    return Sumber(kelurahan=Ringkasan.objects.all(), provinsi=RingkasanProvinsi.objects.all(), per=per)


def sumber(per: datetime.date, hari_ini: datetime.date) -> Sumber:
    """The rows for a dashboard "as of" `per`: the current ones from `hari_ini` on; before it
    the latest kept day on or before `per` (one query on the kept days)."""
    if per >= hari_ini:
        return terkini(per)
    hari = HariArsip.objects.aggregate(terakhir=Max("tanggal", filter=Q(tanggal__lte=per)), awal=Min("tanggal"))
    if hari["terakhir"] is None:
        return Sumber(
            kelurahan=Ringkasan.objects.all(),
            provinsi=RingkasanProvinsi.objects.all(),
            per=per,
            tidak_disimpan=True,
            awal=hari["awal"],
        )
    t = hari["terakhir"]
    return Sumber(
        kelurahan=ArsipRingkasan.objects.filter(tanggal=t),
        provinsi=ArsipRingkasanProvinsi.objects.filter(tanggal=t),
        per=per,
        tanggal=t,
        awal=hari["awal"],
    )
