"""The work plan seen as a schedule: the Gantt chart (an HTML table of week or month
columns, the form of a "Jadwal Pelaksanaan", which reads the same on screen and in the PDF),
the S-curve of planned against actual progress (server-side SVG) and slipping activities.

Weights: an activity counts in the totals by its baseline duration in days (the plan has no
costs), so the planned curve reaches 100% on the last planned day.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import TAHAP_URUTAN, Kegiatan, ProgresKegiatan, TahapKegiatan

MAX_WEEK_COLUMNS = 40
TOLERANSI = 1.0  # percentage points behind plan before an activity counts as slipping


def _senin(d: datetime.date) -> datetime.date:
    return d - datetime.timedelta(days=d.weekday())


def _bulan(d: datetime.date) -> str:
    return f"{MONTHS_3[d.month].capitalize()} {d.year}"


def _akhir_bulan(d: datetime.date) -> datetime.date:
    nxt = (d.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return nxt - datetime.timedelta(days=1)


@dataclass
class Kolom:
    mulai: datetime.date
    selesai: datetime.date
    label: str

    def overlaps(self, a: datetime.date | None, b: datetime.date | None) -> bool:
        return a is not None and b is not None and a <= self.selesai and b >= self.mulai

    def contains(self, d: datetime.date | None) -> bool:
        return d is not None and self.mulai <= d <= self.selesai


@dataclass
class BarisGantt:
    kegiatan: Kegiatan
    sel: list[str]


@dataclass
class KelompokGantt:
    tahap: str
    label: str
    baris: list[BarisGantt] = field(default_factory=list)


@dataclass
class Gantt:
    kolom: list[Kolom]
    bulan: list[tuple[str, int]]  # (month label, number of columns)
    kelompok: list[KelompokGantt]
    mingguan: bool
    mulai: datetime.date | None
    selesai: datetime.date | None


def _actual_end(k: Kegiatan, status: datetime.date | None) -> datetime.date | None:
    if k.mulai_aktual is None:
        return None
    return k.selesai_aktual or max(k.mulai_aktual, status or k.mulai_aktual)


def buat_gantt(
    kegiatan: Sequence[Kegiatan], *, status: datetime.date | None = None, batas: datetime.date | None = None
) -> Gantt:
    """Columns cover every planned, baseline and actual day (and the deadline when near)."""
    dates: list[datetime.date] = []
    for k in kegiatan:
        dates += [k.mulai, k.selesai]
        if k.baseline_mulai:
            dates += [k.baseline_mulai, k.baseline_selesai]
        if k.mulai_aktual:
            dates += [k.mulai_aktual, _actual_end(k, status)]
    if not dates:
        return Gantt([], [], [], True, None, None)
    mulai, selesai = min(dates), max(dates)
    if batas and mulai <= batas <= selesai + datetime.timedelta(days=62):
        selesai = max(selesai, batas)
    kolom: list[Kolom] = []
    weeks = ((_senin(selesai) - _senin(mulai)).days // 7) + 1
    mingguan = weeks <= MAX_WEEK_COLUMNS
    if mingguan:
        d = _senin(mulai)
        while d <= selesai:
            kolom.append(Kolom(d, d + datetime.timedelta(days=6), ""))
            d += datetime.timedelta(days=7)
        # week numbers inside the month of the week's Thursday (the usual "Minggu I–IV")
        bulan: list[tuple[str, int]] = []
        for col in kolom:
            label = _bulan(col.mulai + datetime.timedelta(days=3))
            if bulan and bulan[-1][0] == label:
                bulan[-1] = (label, bulan[-1][1] + 1)
            else:
                bulan.append((label, 1))
            col.label = str(bulan[-1][1])
    else:
        d = mulai.replace(day=1)
        while d <= selesai:
            kolom.append(Kolom(d, _akhir_bulan(d), MONTHS_3[d.month].capitalize()))
            d = _akhir_bulan(d) + datetime.timedelta(days=1)
        bulan = []
        for col in kolom:
            label = str(col.mulai.year)
            if bulan and bulan[-1][0] == label:
                bulan[-1] = (label, bulan[-1][1] + 1)
            else:
                bulan.append((label, 1))
    labels = dict(TahapKegiatan.choices)
    groups: dict[str, KelompokGantt] = {}
    for k in sorted(kegiatan, key=lambda k: (TAHAP_URUTAN.get(k.tahap, 99), k.urutan, k.mulai, k.pk or 0)):
        group = groups.setdefault(k.tahap, KelompokGantt(k.tahap, str(labels.get(k.tahap, k.tahap))))
        end = _actual_end(k, status)
        sel = []
        for col in kolom:
            cls = []
            if col.overlaps(k.baseline_mulai, k.baseline_selesai):
                cls.append("b")
            if col.overlaps(k.mulai, k.selesai):
                cls.append("r")
            if col.overlaps(k.mulai_aktual, end):
                cls.append("a")
            if col.contains(status):
                cls.append("now")
            if col.contains(batas):
                cls.append("batas")
            sel.append(" ".join(cls))
        group.baris.append(BarisGantt(k, sel))
    return Gantt(kolom, bulan, list(groups.values()), mingguan, mulai, selesai)


# ---------------------------------------------------------------------------------------
# Plan vs actual
# ---------------------------------------------------------------------------------------


@dataclass
class TitikKurva:
    tanggal: datetime.date
    rencana: float
    aktual: float | None


@dataclass
class Terlambat:
    kegiatan: Kegiatan
    rencana: float
    aktual: int
    hari: int
    selesai_terlambat: bool = False


@dataclass
class KurvaS:
    titik: list[TitikKurva]
    status: datetime.date | None
    rencana_status: float
    aktual_status: float
    terlambat: list[Terlambat]

    @property
    def deviasi(self) -> float:
        return self.aktual_status - self.rencana_status

    def svg(self, width: int = 760, height: int = 300) -> SafeString:
        return kurva_svg(self, width, height)


def _bobot(k: Kegiatan) -> int:
    return k.baseline_durasi or k.durasi


def _aktual_pada(reports: list[ProgresKegiatan], d: datetime.date) -> int:
    value = 0
    for r in reports:  # sorted by date
        if r.tanggal <= d:
            value = r.persen
        else:
            break
    return value


def tanggal_status(
    kegiatan: Sequence[Kegiatan], laporan: Sequence[ProgresKegiatan], today: datetime.date
) -> tuple[datetime.date, bool]:
    """The date a plan is read "as of" when the user names none, and whether it is the last
    report's: today, unless today is after the plan's end and after its last progress report.
    A finished plan (the 2012 demo's) is then read as of its last report, not against a
    today years later."""
    terakhir = max((r.tanggal for r in laporan), default=None)
    akhir = max((max(k.selesai, k.baseline_selesai or k.selesai) for k in kegiatan), default=None)
    if terakhir is not None and akhir is not None and akhir < today and terakhir < today:
        return terakhir, True
    return today, False


def kurva_s(
    kegiatan: Sequence[Kegiatan], laporan: Sequence[ProgresKegiatan], *, status: datetime.date | None = None
) -> KurvaS:
    """Planned (baseline) and actual cumulative % by week; `status` defaults to the date of
    the latest progress report. Slipping: behind the baseline at the status date, or finished
    after the baseline end."""
    per_kegiatan: dict[int, list[ProgresKegiatan]] = {}
    for r in sorted(laporan, key=lambda r: (r.tanggal, r.pk or 0)):
        per_kegiatan.setdefault(r.kegiatan_id, []).append(r)
    if status is None:
        status = max((r.tanggal for r in laporan), default=None)
    total = sum(_bobot(k) for k in kegiatan)
    if not kegiatan or total == 0:
        return KurvaS([], status, 0.0, 0.0, [])

    def rencana(d):
        return sum(_bobot(k) * k.rencana_persen(d) for k in kegiatan) / total

    def aktual(d):
        return sum(_bobot(k) * _aktual_pada(per_kegiatan.get(k.pk, []), d) for k in kegiatan) / total

    mulai = min(k.baseline_mulai or k.mulai for k in kegiatan)
    selesai = max(k.baseline_selesai or k.selesai for k in kegiatan)
    if status:
        selesai = max(selesai, status)
    titik = []
    d = mulai - datetime.timedelta(days=1)
    step = datetime.timedelta(days=7 if (selesai - mulai).days <= 400 else 30)
    while True:
        titik.append(TitikKurva(d, rencana(d), aktual(d) if status and d <= status else None))
        if d >= selesai:
            break
        d = min(d + step, selesai)
    if status and not any(t.tanggal == status for t in titik):
        titik.append(TitikKurva(status, rencana(status), aktual(status)))
        titik.sort(key=lambda t: t.tanggal)
    slip = []
    if status:
        for k in kegiatan:
            plan = k.rencana_persen(status)
            actual = _aktual_pada(per_kegiatan.get(k.pk, []), status)
            base_end = k.baseline_selesai or k.selesai
            late_finish = k.selesai_aktual is not None and k.selesai_aktual > base_end
            if actual + TOLERANSI < plan or late_finish:
                behind = round((plan - actual) / 100 * _bobot(k))
                hari = (k.selesai_aktual - base_end).days if late_finish else behind
                slip.append(Terlambat(k, plan, actual, max(hari, 1), late_finish))
        slip.sort(key=lambda t: (-t.hari, t.kegiatan.urutan))
    return KurvaS(
        titik,
        status,
        rencana(status) if status else 0.0,
        aktual(status) if status else 0.0,
        slip,
    )


def kurva_svg(kurva: KurvaS, width: int = 760, height: int = 300) -> SafeString:
    """The S-curve as an inline SVG: planned (dashed) and actual (solid) % against dates."""
    if not kurva.titik:
        return mark_safe("")  # noqa: S308 - empty string
    left, right, top, bottom = 44, 12, 14, 46
    w, h = width - left - right, height - top - bottom
    t0, t1 = kurva.titik[0].tanggal, kurva.titik[-1].tanggal
    span = max((t1 - t0).days, 1)

    def x(d):
        return left + w * (d - t0).days / span

    def y(p):
        return top + h * (1 - p / 100)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kurva-s" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(_("Kurva S rencana dan realisasi"))}">'
    ]
    for p in (0, 25, 50, 75, 100):
        parts.append(
            f'<line x1="{left}" y1="{y(p):.1f}" x2="{left + w}" y2="{y(p):.1f}" stroke="#ddd" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y(p) + 4:.1f}" font-size="11" text-anchor="end" fill="#555">{p}%</text>'
        )
    d = t0.replace(day=1)
    while d <= t1:
        if d >= t0:
            parts.append(
                f'<line x1="{x(d):.1f}" y1="{top}" x2="{x(d):.1f}" y2="{top + h}" stroke="#eee" stroke-width="1"/>'
                f'<text x="{x(d):.1f}" y="{top + h + 16}" font-size="11" text-anchor="middle" fill="#555">'
                f"{escape(_bulan(d))}</text>"
            )
        d = _akhir_bulan(d) + datetime.timedelta(days=1)
    plan = " ".join(f"{x(t.tanggal):.1f},{y(t.rencana):.1f}" for t in kurva.titik)
    parts.append(f'<polyline points="{plan}" fill="none" stroke="#0d6efd" stroke-width="2" stroke-dasharray="6 4"/>')
    actual = [t for t in kurva.titik if t.aktual is not None]
    if actual:
        pts = " ".join(f"{x(t.tanggal):.1f},{y(t.aktual):.1f}" for t in actual)
        parts.append(f'<polyline points="{pts}" fill="none" stroke="#d63384" stroke-width="2.5"/>')
    if kurva.status and t0 <= kurva.status <= t1:
        parts.append(
            f'<line x1="{x(kurva.status):.1f}" y1="{top}" x2="{x(kurva.status):.1f}" y2="{top + h}" '
            f'stroke="#6c757d" stroke-width="1" stroke-dasharray="2 3"/>'
        )
    ly = height - 10
    parts.append(
        f'<line x1="{left}" y1="{ly - 4}" x2="{left + 24}" y2="{ly - 4}" stroke="#0d6efd" stroke-width="2" '
        f'stroke-dasharray="6 4"/>'
        f'<text x="{left + 30}" y="{ly}" font-size="11">{escape(_("Rencana (baseline)"))}</text>'
        f'<line x1="{left + 180}" y1="{ly - 4}" x2="{left + 204}" y2="{ly - 4}" stroke="#d63384" stroke-width="2.5"/>'
        f'<text x="{left + 210}" y="{ly}" font-size="11">{escape(_("Realisasi"))}</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - numbers and escaped labels only


def kurva_per_wilayah(wilayah) -> dict[str, object]:
    """{kode: KurvaS} of the approved plans of these kelurahan, in two queries."""
    kode = [w.kode for w in wilayah if getattr(getattr(w, "rencana_kerja", None), "disetujui", None)]
    if not kode:
        return {}
    kegiatan: dict[str, list] = {}
    for k in Kegiatan.objects.filter(rencana__wilayah_id__in=kode).select_related("rencana"):
        kegiatan.setdefault(k.rencana.wilayah_id, []).append(k)
    laporan: dict[str, list] = {}
    for r in ProgresKegiatan.objects.filter(kegiatan__rencana__wilayah_id__in=kode).select_related("kegiatan__rencana"):
        laporan.setdefault(r.kegiatan.rencana.wilayah_id, []).append(r)
    today = timezone.localdate()
    return {
        k: kurva_s(kegiatan[k], laporan.get(k, []), status=tanggal_status(kegiatan[k], laporan.get(k, []), today)[0])
        for k in kode
        if k in kegiatan
    }
