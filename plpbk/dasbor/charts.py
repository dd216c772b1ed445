"""Server-side SVG bar charts for the dashboard: they need no script, print in the PDF and
read the same numbers as the tables."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape  # Django's escape less its lazy wrapper: called per cell

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

LABEL_W = 170
BAR_W = 420
ROW_H = 22
VALUE_W = 110


@dataclass
class Seri:
    label: str
    color: str


def _svg(height: int, body: list[str], title: str) -> SafeString:
    width = LABEL_W + BAR_W + VALUE_W
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="dasbor-grafik" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'font-family="DejaVu Sans, Arial, sans-serif" font-size="11">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _legend(series: list[Seri], y: int) -> list[str]:
    out, x = [], LABEL_W
    for s in series:
        out.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{s.color}"/>')
        out.append(f'<text x="{x + 14}" y="{y}">{escape(s.label)}</text>')
        x += 16 + 7 * len(s.label) + 14
    return out


def stacked_bars(
    title: str,
    rows: list[tuple[str, list[int]]],
    series: list[Seri],
    note=lambda values: "",
    target: tuple[str, float] | None = None,
) -> SafeString:
    """Horizontal stacked bars (e.g. men and women per child region), scaled to the largest total.
    `target` (label, share): a dashed mark where the last series should begin on each bar for the
    share to be met (e.g. 30 % women)."""
    top = 22
    height = top + ROW_H * max(len(rows), 1) + 6
    body = _legend(series, 13)
    if target:
        x = LABEL_W + BAR_W + 6
        body.append(f'<text x="{x}" y="13" fill="#000" font-size="10">┆ {escape(target[0])}</text>')
    biggest = max((sum(v) for _l, v in rows), default=0) or 1
    for i, (label, values) in enumerate(rows):
        y = top + i * ROW_H
        body.append(f'<text x="{LABEL_W - 6}" y="{y + 14}" text-anchor="end">{escape(label[:28])}</text>')
        x = float(LABEL_W)
        for value, s in zip(values, series, strict=False):
            w = BAR_W * value / biggest
            if w > 0:
                body.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{ROW_H - 6}" fill="{s.color}"/>')
            x += w
        if target and sum(values):
            tx = LABEL_W + BAR_W * sum(values) * (1 - target[1]) / biggest
            body.append(
                f'<line x1="{tx:.1f}" y1="{y + 1}" x2="{tx:.1f}" y2="{y + ROW_H - 1}" stroke="#000" '
                f'stroke-width="1.5" stroke-dasharray="2,2"/>'
            )
        body.append(f'<text x="{x + 4:.1f}" y="{y + 14}">{escape(note(values))}</text>')
    return _svg(height, body, title)


def percent_bars(
    title: str,
    rows: list[tuple[str, list[float | None]]],
    series: list[Seri],
    target: tuple[str, float] | None = None,
) -> SafeString:
    """Horizontal bars on a 0–100% scale, one bar per series inside each row (e.g. planned
    against actual progress, or BLM absorption). `target` (label, percent): a dashed line
    across every row at that percent (e.g. the minimum share of BLM used)."""
    top = 22
    per = len(series)
    row_h = max(ROW_H, 8 + 12 * per)
    height = top + row_h * max(len(rows), 1) + 6
    body = _legend(series, 13)
    for x100 in (0, 50, 100):
        x = LABEL_W + BAR_W * x100 / 100
        body.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - 4}" stroke="#ccc" stroke-width="0.5"/>')
    if target:
        x = LABEL_W + BAR_W * max(0.0, min(100.0, target[1])) / 100
        # its label left of the legend, where the row labels are: the legend fills the width
        body.append(
            f'<text x="{LABEL_W - 6}" y="13" text-anchor="end" fill="#000" font-size="10">┆ {escape(target[0])}</text>'
        )
        body.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - 4}" stroke="#000" '
            f'stroke-width="1.5" stroke-dasharray="2,2"/>'
        )
    for i, (label, values) in enumerate(rows):
        y = top + i * row_h
        body.append(
            f'<text x="{LABEL_W - 6}" y="{y + row_h / 2 + 4:.0f}" text-anchor="end">{escape(label[:28])}</text>'
        )
        for j, (value, s) in enumerate(zip(values, series, strict=False)):
            by = y + 4 + j * 12
            if value is None:
                body.append(f'<text x="{LABEL_W + 4}" y="{by + 9}" fill="#777">–</text>')
                continue
            w = BAR_W * max(0.0, min(100.0, value)) / 100
            body.append(f'<rect x="{LABEL_W}" y="{by}" width="{w:.1f}" height="10" fill="{s.color}"/>')
            body.append(f'<text x="{LABEL_W + w + 4:.1f}" y="{by + 9}">{value:.0f}%</text>')
    return _svg(height, body, title)


WARNA_DISALURKAN, WARNA_TERPAKAI, WARNA_FISIK = "#6f42c1", "#20c997", "#795548"


def tahap_ksm(rows: list[tuple[str, object]], pakai_min: int) -> SafeString | None:
    """The KSM stage per programme location (rows of (label, indicators) of
    plpbk.dasbor.dashboard): BLM passed on to the KSM and used by them as shares of the BLM
    paid, and physical progress, with the minimum share used (AmbangPerhatian.pakai_min) drawn.
    None when no row has a location, BLM paid or a proposal."""
    data = [
        (label, [ind.persen_disalurkan, ind.persen_terpakai, ind.progres_fisik])
        for label, ind in rows
        if ind.lokasi or ind.terbayar or ind.usulan_rp
    ]
    if not data:
        return None
    return percent_bars(
        gettext("KSM: BLM disalurkan dan terpakai (% BLM dibayar), progres fisik"),
        data,
        [
            Seri(gettext("Disalurkan ke KSM"), WARNA_DISALURKAN),
            Seri(gettext("Terpakai KSM"), WARNA_TERPAKAI),
            Seri(gettext("Progres fisik"), WARNA_FISIK),
        ],
        target=(gettext("minimal %(n)s%% terpakai") % {"n": pakai_min}, pakai_min),
    )
