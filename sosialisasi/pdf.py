"""Print contexts of sosialisasi: the berita acara of a rembug warga (through the shared
meeting pack when it is there) and the invitation list drawn from the stakeholder map."""

from __future__ import annotations

from django.utils import timezone

from kelurahan.pdf import meeting_pack

from . import services
from .models import Pengkondisian, RembugWarga

BERITA_ACARA_TEMPLATE = "pdf/sosialisasi/berita_acara.html"


def berita_acara_context(rembug: RembugWarga) -> dict:
    hasil = rembug.inklusi() if rembug.is_closed else services.cek_inklusi(rembug)
    return {
        "rembug": rembug,
        "pertemuan": rembug.pertemuan,
        "hasil": hasil,
    }


def berita_acara_pdf(rembug: RembugWarga, request=None) -> bytes:
    """One PDF from the shared meeting pack: the berita acara with the inclusion figures,
    then notulen, daftar hadir and photos (and scanned attachments)."""
    return meeting_pack(
        rembug.pertemuan,
        berita_acara_template=BERITA_ACARA_TEMPLATE,
        context=berita_acara_context(rembug),
        request=request,
    )


def undangan_context(pengkondisian: Pengkondisian) -> dict:
    return {
        "pengkondisian": pengkondisian,
        "wilayah": pengkondisian.wilayah,
        "jalur": pengkondisian.wilayah.jalur(),
        "pemangku": list(pengkondisian.pemangku.filter(diundang=True).order_by("kategori", "nama")),
        "dicetak": timezone.localtime(),
    }
