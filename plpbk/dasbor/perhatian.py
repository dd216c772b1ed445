"""“Perlu perhatian”: the programme locations of a dashboard's region that are behind, ranked
by how far, each with its reasons in words.

Read from the kelurahan summary rows (plpbk.dasbor.models.Ringkasan, `tahun` 0, one per location) in
one query, and the thresholds of their programme years (AmbangPerhatian) in another: the cost
does not grow with the number of locations beyond the rows themselves.

“As of” (`per`): the rules compare the expected dates and the verification waits with that
date; the counts they read (meetings held, TIPP steps done, plan slippage) are that day's when
it is kept (the dashboard passes the kept day's rows, plpbk.dasbor.arsip), else the current ones.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kelurahan.models import Wilayah

from . import figures
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
        return reverse("dashboard_region", kwargs={"kode": self.wilayah.kode})


def _tgl(d: datetime.date) -> str:
    return d.strftime("%d-%m-%Y")


def alasan(r: Ringkasan, ambang: AmbangPerhatian, per: datetime.date) -> list[Alasan]:
    """The reasons summary row `r` of a programme location is behind on `per`."""
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
    deviasi = figures.nilai(r, "deviasi")
    if deviasi is not None and deviasi < -ambang.deviasi_maks:
        out.append(
            Alasan(
                _("Rencana kerja tertinggal %(d)s poin, %(n)s kegiatan terlambat")
                % {"d": number_format(-deviasi, 1), "n": r.kegiatan_terlambat},
                round(-deviasi),
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


def daftar(rows, per: datetime.date, ambang: dict[int, AmbangPerhatian] | None = None) -> list[Lokasi]:
    """Programme locations among the kelurahan summary rows `rows` (a Ringkasan queryset,
    already scoped) that are behind on `per`, the furthest behind first. `ambang`: the
    thresholds of their programme years when already read (ambang_tahun)."""
    rows = rows.filter(tahun=0, lokasi__gt=0).select_related("wilayah").order_by("wilayah_id")
    rows = list(rows)
    if ambang is None:
        ambang = ambang_tahun({r.tahun_program for r in rows if r.tahun_program})
    out = []
    for r in rows:
        if not r.tahun_program:
            continue
        a = ambang.get(r.tahun_program) or AmbangPerhatian(tahun_program=r.tahun_program)
        found = alasan(r, a, per)
        if found:
            out.append(Lokasi(r.wilayah, sorted(found, key=lambda x: -x.hari)))
    out.sort(key=lambda lokasi: (-len(lokasi.alasan), -lokasi.skor, lokasi.wilayah.kode))
    return out
