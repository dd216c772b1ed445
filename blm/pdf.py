"""Context builders of the BLM print documents (templates under templates/pdf/blm/)."""

from __future__ import annotations

from django.utils import timezone
from num2words import num2words

from kelurahan.models import Jabatan

from .kelayakan import Kelayakan
from .models import URUTAN_LANGKAH, Langkah, PermintaanBLM, Tindakan


def terbilang(jumlah: int) -> str:
    """1000000000 -> "satu miliar rupiah" (amount in words for letters and receipts)."""
    return f"{num2words(int(jumlah), lang='id')} rupiah"


def _pejabat(kode: str, jenis: str) -> Jabatan | None:
    return (
        Jabatan.objects.filter(lembaga__wilayah_id=kode, lembaga__jenis=jenis, selesai__isnull=True)
        .select_related("orang")
        .order_by("-mulai", "id")
        .first()
    )


def permintaan_context(p: PermintaanBLM) -> dict:
    jejak = list(p.jejak.select_related("oleh"))
    kecamatan = p.wilayah_id.rsplit(".", 1)[0]
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
        "bkm": _pejabat(p.wilayah_id, "bkm"),
        "pjok": _pejabat(kecamatan, "pjok"),
        "dicetak": timezone.localtime(),
    }


def kwitansi_context(p: PermintaanBLM) -> dict:
    ctx = permintaan_context(p)
    ctx["pembayaran"] = p.pembayaran
    ctx["terbilang"] = terbilang(p.pembayaran.jumlah)
    return ctx


def status_context(wilayah, alokasi_list) -> dict:
    blok = []
    for alokasi in alokasi_list:
        alokasi.wilayah = wilayah
        blok.append((alokasi, Kelayakan(alokasi).status()))
    return {"wilayah": wilayah, "jalur": wilayah.jalur(), "blok": blok, "dicetak": timezone.localtime()}
