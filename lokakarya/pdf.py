"""Print contexts of lokakarya: the workshop report (laporan), and the berita acara and
meeting pack built on the shared meeting documents (kelurahan/pdf.py)."""

from __future__ import annotations

from django.utils.text import slugify

from kelurahan import pdf as kpdf
from plpbk.common.pdf import dalam_bahasa_dokumen, render_pdf

from .models import Lokakarya

BERITA_ACARA_TEMPLATE = "pdf/lokakarya/berita_acara.html"


def nama_berkas(obj: Lokakarya, kind: str) -> str:
    return f"{kind}-{slugify(obj.pertemuan.judul)[:50] or 'lokakarya'}-{obj.pertemuan.tanggal:%Y%m%d}.pdf"


def laporan_context(obj: Lokakarya, request=None) -> dict:
    context = kpdf.pertemuan_context(obj.pertemuan, request=request)
    context.update(
        lokakarya=obj,
        narasumber=list(obj.narasumber.order_by("urutan", "pk")),
        foto=kpdf.foto(obj.pertemuan),
        ttd=kpdf.tanda_tangan(obj.pertemuan),
    )
    return context


@dalam_bahasa_dokumen
def laporan_pdf(obj: Lokakarya, request=None) -> bytes:
    """Laporan Lokakarya: letterhead, goals, agenda, speakers, agreements, attendance
    summary (sex, unsur, disability, % perempuan), the attendance list and photos."""
    return render_pdf("pdf/lokakarya/laporan.html", laporan_context(obj, request), request=request)


def _context(obj: Lokakarya) -> dict:
    return {"lokakarya": obj, "narasumber": list(obj.narasumber.all())}


def berita_acara_pdf(obj: Lokakarya, request=None) -> bytes:
    return kpdf.berita_acara_pdf(
        obj.pertemuan, berita_acara_template=BERITA_ACARA_TEMPLATE, context=_context(obj), request=request
    )


def paket_pdf(obj: Lokakarya, request=None) -> bytes:
    """The meeting pack: berita acara, notulen, daftar hadir and photos in one PDF."""
    return kpdf.meeting_pack(
        obj.pertemuan, berita_acara_template=BERITA_ACARA_TEMPLATE, context=_context(obj), request=request
    )
