"""Eligibility: which tahap a kelurahan may request now and, for the others, exactly what
is missing, computed from what the portal recorded (never ticked by hand).

The TIPP state is read only through `tipp.services` (tipp_terbentuk,
rencana_kerja_disetujui, rtplp_disahkan, kegiatan_rencana_kerja), never its tables: blm depends on tipp,
never the other way round.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tipp.services import rencana_kerja_disetujui, rtplp_disahkan, tipp_terbentuk

from .models import AlokasiBLM, KonfigurasiBLM, PermintaanBLM, StatusLpj, StatusPermintaan, TahapBLM, bagi_tahap


@dataclass
class StatusTahap:
    tahap: TahapBLM
    jumlah: int
    permintaan: PermintaanBLM | None = None
    kurang: list[str] = field(default_factory=list)

    @property
    def nomor(self) -> int:
        return self.tahap.nomor

    @property
    def dapat_diajukan(self) -> bool:
        return self.permintaan is None and not self.kurang

    @property
    def label_status(self) -> str:
        if self.permintaan is not None:
            return self.permintaan.get_status_display()
        return str(_("Dapat diajukan")) if not self.kurang else str(_("Belum memenuhi syarat"))


class Kelayakan:
    """The eligibility of one allocation; loads its configuration, requests, payments, LPJ
    and documents in a fixed number of queries."""

    def __init__(self, alokasi: AlokasiBLM, today: datetime.date | None = None):
        self.alokasi = alokasi
        self.today = today or timezone.localdate()
        self.konfigurasi = KonfigurasiBLM.objects.filter(tahun=alokasi.tahun).first()
        self.tahap = list(self.konfigurasi.tahap.order_by("nomor")) if self.konfigurasi else []
        self.jumlah = bagi_tahap(alokasi.jumlah, [t.persen for t in self.tahap])
        self.permintaan = {
            p.nomor: p for p in PermintaanBLM.objects.filter(alokasi=alokasi).select_related("pembayaran", "lpj")
        }
        self.dokumen = {n.strip().casefold() for n in alokasi.dokumen.values_list("nama", flat=True)}
        self._tipp: dict[str, bool] = {}

    def _tipp_flag(self, name: str) -> bool:
        if name not in self._tipp:
            fn = {"tipp": tipp_terbentuk, "rencana": rencana_kerja_disetujui, "rtplp": rtplp_disahkan}[name]
            self._tipp[name] = bool(fn(self.alokasi.wilayah))
        return self._tipp[name]

    def jumlah_tahap(self, nomor: int) -> int:
        return self.jumlah[nomor - 1]

    def kurang(self, tahap: TahapBLM) -> list[str]:
        """What is missing before `tahap` may be requested (empty: eligible)."""
        out: list[str] = []
        n = tahap.nomor
        prev = self.permintaan.get(n - 1) if n > 1 else None
        if n > 1 and (prev is None or prev.status != StatusPermintaan.DIBAYAR):
            out.append(_("Tahap %(n)s belum dibayar.") % {"n": n - 1})
        if tahap.syarat_tipp and not self._tipp_flag("tipp"):
            out.append(_("TIPP belum terbentuk."))
        if tahap.syarat_rencana_kerja and not self._tipp_flag("rencana"):
            out.append(_("Rencana kerja TIPP belum disetujui."))
        if tahap.syarat_rtplp and not self._tipp_flag("rtplp"):
            out.append(_("RTPLP belum disahkan."))
        lpj = getattr(prev, "lpj", None) if prev is not None else None
        if n > 1 and tahap.syarat_lpj_sebelumnya and (lpj is None or lpj.status != StatusLpj.DITERIMA):
            out.append(_("LPJ Tahap %(n)s belum diterima Korkot/Askot.") % {"n": n - 1})
        if n > 1 and tahap.syarat_persen_sebelumnya:
            pembayaran = getattr(prev, "pembayaran", None) if prev is not None else None
            dibayar = pembayaran.jumlah if pembayaran else 0
            realisasi = lpj.realisasi if lpj else 0
            if not dibayar or realisasi * 100 < tahap.syarat_persen_sebelumnya * dibayar:
                used = 0 if not dibayar else int(realisasi * 100 // dibayar)
                out.append(
                    _("Dana Tahap %(n)s baru terpakai %(used)s%%; minimal %(min)s%%.")
                    % {"n": n - 1, "used": used, "min": tahap.syarat_persen_sebelumnya}
                )
        if tahap.syarat_dokumen and tahap.syarat_dokumen.strip().casefold() not in self.dokumen:
            out.append(_("Dokumen \u201c%(d)s\u201d belum diunggah.") % {"d": tahap.syarat_dokumen})
        if tahap.batas_pengajuan and self.today > tahap.batas_pengajuan:
            out.append(_("Batas pengajuan %(d)s sudah lewat.") % {"d": date_format(tahap.batas_pengajuan)})
        if self.today > self.alokasi.batas_waktu:
            out.append(_("Batas waktu pemanfaatan %(d)s sudah lewat.") % {"d": date_format(self.alokasi.batas_waktu)})
        return out

    def status(self) -> list[StatusTahap]:
        rows = []
        for tahap, jumlah in zip(self.tahap, self.jumlah, strict=True):
            permintaan = self.permintaan.get(tahap.nomor)
            rows.append(
                StatusTahap(
                    tahap=tahap,
                    jumlah=jumlah,
                    permintaan=permintaan,
                    kurang=[] if permintaan is not None else self.kurang(tahap),
                )
            )
        return rows

    def tahap_nomor(self, nomor: int) -> TahapBLM | None:
        return next((t for t in self.tahap if t.nomor == nomor), None)
