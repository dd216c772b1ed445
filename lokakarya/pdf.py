"""Print documents of the lokakarya app built outside a view too (background jobs)."""

from kelurahan import pdf as kpdf

from .models import Lokakarya

BERITA_ACARA_TEMPLATE = "pdf/lokakarya/berita_acara.html"


def paket_pdf(obj: Lokakarya, request) -> bytes:
    """The workshop's document pack: berita acara, notulen, daftar hadir, photos, scans."""
    return kpdf.meeting_pack(
        obj.pertemuan,
        berita_acara_template=BERITA_ACARA_TEMPLATE,
        context={"lokakarya": obj, "narasumber": list(obj.narasumber.all())},
        request=request,
    )
