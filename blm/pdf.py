"""Context builders of the BLM print documents (templates under templates/pdf/blm/)."""

from __future__ import annotations

from django.utils import timezone
from num2words import num2words

from kelurahan import penandatangan
from kelurahan.penandatangan import penandatangan_semua

from .kelayakan import Kelayakan
from .models import URUTAN_LANGKAH, Langkah, PermintaanBLM, Tindakan


def terbilang(jumlah: int) -> str:
    """1000000000 -> "satu miliar rupiah" (amount in words for letters and receipts)."""
    return f"{num2words(int(jumlah), lang='id')} rupiah"


def permintaan_context(p: PermintaanBLM) -> dict:
    jejak = list(p.jejak.select_related("oleh"))
    putaran_mulai = max((i for i, j in enumerate(jejak) if j.tindakan == Tindakan.DIAJUKAN), default=0)
    terakhir = {j.langkah: j for j in jejak[putaran_mulai:] if j.tindakan == Tindakan.DISETUJUI}
    diserahkan = jejak[putaran_mulai] if jejak else None
    return {
        "p": p,
        "alokasi": p.alokasi,
        "wilayah": p.wilayah,
        "jalur": p.wilayah.jalur(),
        "terbilang": terbilang(p.jumlah),
        "jejak": jejak,
        "diserahkan": diserahkan,
        "tanda_tangan": [(Langkah(k).label, terakhir.get(k)) for k in URUTAN_LANGKAH],
        "ttd": penandatangan_semua(p.wilayah, p.diajukan_pada, [penandatangan.PJOK, penandatangan.KOORDINATOR_BKM]),
        "dicetak": timezone.localtime(),
    }


def kwitansi_context(p: PermintaanBLM) -> dict:
    ctx = permintaan_context(p)
    ctx["pembayaran"] = p.pembayaran
    ctx["terbilang"] = terbilang(p.pembayaran.jumlah)
    ctx["ttd"] = penandatangan_semua(p.wilayah, p.pembayaran.tanggal, [penandatangan.KOORDINATOR_BKM])
    return ctx


def status_context(wilayah, alokasi_list) -> dict:
    blok = []
    for alokasi in alokasi_list:
        alokasi.wilayah = wilayah
        blok.append((alokasi, Kelayakan(alokasi).status()))
    return {"wilayah": wilayah, "jalur": wilayah.jalur(), "blok": blok, "dicetak": timezone.localtime()}
