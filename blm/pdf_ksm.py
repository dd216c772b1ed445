"""Context builders of the KSM stage's print documents (templates/pdf/blm/ksm_*.html):
the proposal, the disbursement receipt, the progress report with photos and the berita
acara of inspection and handover. Signatories come from kelurahan.penandatangan."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kelurahan import penandatangan
from kelurahan.penandatangan import penandatangan_semua

from .models_ksm import BeritaAcaraKSM, PencairanKSM, UsulanKegiatan
from .pdf import terbilang

TTD = [penandatangan.KOORDINATOR_BKM, penandatangan.FASILITATOR, penandatangan.KEPALA_DESA]


def _dasar(u: UsulanKegiatan, tanggal) -> dict:
    wilayah = u.ksm.wilayah
    if isinstance(tanggal, datetime.datetime):
        tanggal = timezone.localtime(tanggal).date()
    return {
        "tanggal": tanggal,
        "u": u,
        "ksm": u.ksm,
        "wilayah": wilayah,
        "jalur": wilayah.jalur(),
        "ttd": penandatangan_semua(wilayah, tanggal, TTD),
        "dicetak": timezone.localtime(),
    }


def usulan_context(u: UsulanKegiatan) -> dict:
    ctx = _dasar(u, u.diverifikasi_pada or u.diajukan_pada or u.dibuat)
    ctx.update(
        sumber=u.rincian_sumber(),
        terbilang=terbilang(u.jumlah_biaya),
        anggota=list(u.ksm.anggota.select_related("orang").order_by("pk")),
    )
    return ctx


def kuitansi_context(p: PencairanKSM) -> dict:
    ctx = _dasar(p.usulan, p.tanggal)
    ctx.update(p=p, terbilang=terbilang(p.jumlah))
    return ctx


def progres_context(u: UsulanKegiatan) -> dict:
    laporan = list(u.laporan.aktif().prefetch_related("foto__berkas").order_by("tanggal", "pk"))
    ctx = _dasar(u, laporan[-1].tanggal if laporan else None)
    ctx.update(
        laporan=laporan,
        foto=[f for r in laporan for f in r.foto.all()],
        hok_l=sum(r.hok_l for r in laporan),
        hok_p=sum(r.hok_p for r in laporan),
        pencairan=list(u.pencairan.aktif().order_by("tahap")),
    )
    return ctx


def berita_acara_context(ba: BeritaAcaraKSM) -> dict:
    ctx = _dasar(ba.usulan, ba.tanggal)
    ctx.update(ba=ba)
    return ctx
