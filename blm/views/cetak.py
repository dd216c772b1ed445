"""Print documents: PP-BLM letter, verification sheet, kwitansi, BLM status of a kelurahan."""

from django.http import Http404
from django.views import View

from kelurahan.mixins import RegionMixin, ScopedObjectMixin
from plpbk.common.pdf import dalam_bahasa_dokumen, pdf_response, render_pdf

from .. import pdf
from ..models import AlokasiBLM, PermintaanBLM


class _PermintaanPdf(ScopedObjectMixin, View):
    permission = "print"
    model = PermintaanBLM
    template_name = ""
    filename = ""

    def get_queryset(self):
        return super().get_queryset().select_related("alokasi", "wilayah", "diajukan_oleh")

    def context(self):
        return pdf.permintaan_context(self.object)

    @dalam_bahasa_dokumen
    def get(self, request, *args, **kwargs):
        body = render_pdf(self.template_name, self.context(), request=request)
        return pdf_response(body, f"{self.filename}-{self.object.wilayah_id}-tahap{self.object.nomor}.pdf")


class SuratPermintaanPdf(_PermintaanPdf):
    template_name = "pdf/blm/permintaan.html"
    filename = "pp-blm"


class LembarVerifikasiPdf(_PermintaanPdf):
    template_name = "pdf/blm/verifikasi.html"
    filename = "verifikasi-blm"


class KwitansiPdf(_PermintaanPdf):
    template_name = "pdf/blm/kwitansi.html"
    filename = "kwitansi-blm"

    def get_queryset(self):
        return super().get_queryset().select_related("pembayaran")

    def context(self):
        if not hasattr(self.object, "pembayaran"):
            raise Http404
        return pdf.kwitansi_context(self.object)


class StatusPdf(RegionMixin, View):
    permission = "print"

    @dalam_bahasa_dokumen
    def get(self, request, *args, **kwargs):
        if not self.wilayah.is_kelurahan:
            raise Http404
        alokasi = list(AlokasiBLM.objects.for_user(self.request.user).filter(wilayah=self.wilayah).order_by("-tahun"))
        body = render_pdf("pdf/blm/status.html", pdf.status_context(self.wilayah, alokasi), request=request)
        return pdf_response(body, f"status-blm-{self.wilayah.kode}.pdf")
