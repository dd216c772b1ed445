"""Print documents of the KSM stage: proposal, disbursement receipt, progress report with
photos, berita acara of inspection and of handover."""

from __future__ import annotations

from django.views import View

from kelurahan.mixins import ScopedObjectMixin
from plpbk.common.pdf import dalam_bahasa_dokumen, pdf_response, render_pdf

from .. import pdf_ksm
from ..models_ksm import BeritaAcaraKSM, PencairanKSM, UsulanKegiatan


class _Pdf(ScopedObjectMixin, View):
    permission = "print"
    template_name = ""

    def context(self):
        raise NotImplementedError

    def filename(self) -> str:
        raise NotImplementedError

    @dalam_bahasa_dokumen
    def get(self, request, *args, **kwargs):
        return pdf_response(render_pdf(self.template_name, self.context(), request=request), self.filename())


class UsulanPdf(_Pdf):
    model = UsulanKegiatan
    template_name = "pdf/blm/ksm_usulan.html"

    def get_queryset(self):
        return super().get_queryset().select_related("ksm__wilayah", "ksm__ketua", "kegiatan")

    def context(self):
        return pdf_ksm.usulan_context(self.object)

    def filename(self):
        return f"usulan-ksm-{self.object.wilayah_id}-{self.object.pk}.pdf"


class ProgresPdf(UsulanPdf):
    template_name = "pdf/blm/ksm_progres.html"

    def context(self):
        return pdf_ksm.progres_context(self.object)

    def filename(self):
        return f"progres-ksm-{self.object.wilayah_id}-{self.object.pk}.pdf"


class KuitansiKsmPdf(_Pdf):
    model = PencairanKSM
    template_name = "pdf/blm/ksm_kuitansi.html"

    def get_queryset(self):
        return super().get_queryset().select_related("usulan__ksm__wilayah", "usulan__ksm__ketua")

    def context(self):
        return pdf_ksm.kuitansi_context(self.object)

    def filename(self):
        return f"kuitansi-ksm-{self.object.wilayah_id}-{self.object.usulan_id}-tahap{self.object.tahap}.pdf"


class BeritaAcaraPdf(_Pdf):
    model = BeritaAcaraKSM
    template_name = "pdf/blm/ksm_berita_acara.html"

    def get_queryset(self):
        return super().get_queryset().select_related("usulan__ksm__wilayah", "usulan__ksm__ketua", "usulan__kegiatan")

    def context(self):
        return pdf_ksm.berita_acara_context(self.object)

    def filename(self):
        return f"ba-{self.object.jenis}-{self.object.wilayah_id}-{self.object.usulan_id}.pdf"
