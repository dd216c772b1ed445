"""Planning documents (RPLP, RTPLP, Aturan Bersama): the list of a kelurahan, the document
page with its status steps, consultations, legal basis and signatories, the forms (fields,
file, consultation), the PDF summary sheet and the xlsx list."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from kelurahan import access, konflik
from kelurahan.mixins import RegionMixin, ServiceFormMixin, post_action
from plpbk.common.pdf import dalam_bahasa_dokumen, pdf_response
from plpbk.common.xlsx import xlsx_response

from .. import dokumen as layanan
from ..exports import dokumen_rows
from ..forms import BerkasDokumenForm, DokumenForm, KonsultasiForm
from ..models_dokumen import DokumenPerencanaan
from ..pdf import dokumen_context, dokumen_pdf
from .base import KelurahanMixin, TippObjectMixin


def _crumbs_kelurahan(kode):
    return [
        (_("TIPP"), reverse("tipp:detail", args=[kode])),
        (_("Dokumen perencanaan"), reverse("tipp:dokumen_list", args=[kode])),
    ]


class DokumenListView(KelurahanMixin, TemplateView):
    template_name = "tipp/dokumen_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        kwargs["dokumen"] = list(
            DokumenPerencanaan.objects.for_user(user).filter(wilayah=self.wilayah).order_by("jenis", "pk")
        )
        kwargs["boleh_entry"] = access.has_cap(user, "tipp.dokumen.entry", self.wilayah)
        kwargs.update(
            self.jalur((_("TIPP"), reverse("tipp:detail", args=[self.wilayah.kode])), (_("Dokumen perencanaan"), ""))
        )
        return super().get_context_data(**kwargs)


class DokumenTambahView(KelurahanMixin, ServiceFormMixin, FormView):
    permission = "tipp.dokumen.entry"
    template_name = "tipp/form.html"
    form_class = DokumenForm
    success_message = gettext_lazy("Dokumen disimpan dengan status Proses Awal.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = DokumenPerencanaan(wilayah=self.wilayah)
        return kwargs

    def save(self, form):
        return layanan.simpan_dokumen(form.instance, user=self.request.user)

    def get_success_url(self, result):
        return result.get_absolute_url()

    def get_context_data(self, **kwargs):
        kwargs["judul"] = _("Tambah dokumen perencanaan")
        kwargs.update(self.jalur(*_crumbs_kelurahan(self.wilayah.kode), (kwargs["judul"], "")))
        return super().get_context_data(**kwargs)


class _DokumenMixin(TippObjectMixin):
    model = DokumenPerencanaan
    select_related = ("wilayah", "berkas")

    def get_success_url(self, result=None):
        return self.object.get_absolute_url()

    def crumbs(self, *tail):
        w = self.object.wilayah
        return self.jalur(w, *_crumbs_kelurahan(w.kode), *tail)


class DokumenView(_DokumenMixin, TemplateView):
    template_name = "tipp/dokumen.html"

    def get_context_data(self, **kwargs):
        d, user = self.object, self.request.user
        kwargs.update(dokumen_context(d))
        kwargs["aksi"] = layanan.aksi_untuk(user, d)
        kwargs["boleh_entry"] = not d.beku and access.has_cap(user, "tipp.dokumen.entry", d.wilayah_id)
        kwargs["boleh_hadir"] = access.has_cap(user, "pertemuan.entry", d.wilayah_id)
        kwargs.update(self.crumbs((str(d), "")))
        return super().get_context_data(**kwargs)


class DokumenUbahView(_DokumenMixin, ServiceFormMixin, FormView):
    permission = "tipp.dokumen.entry"
    template_name = "tipp/form.html"
    form_class = DokumenForm
    success_message = gettext_lazy("Dokumen disimpan.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        return kwargs

    def save(self, form):
        return layanan.simpan_dokumen(form.instance, user=self.request.user, versi=form.cleaned_data.get("versi"))

    def get_context_data(self, **kwargs):
        kwargs["judul"] = _("Ubah dokumen: %(d)s") % {"d": self.object}
        if self.object.beku:
            kwargs["catatan"] = _("Dokumen sudah disahkan; isinya tidak dapat diubah lagi.")
        kwargs.update(self.crumbs((str(self.object), self.object.get_absolute_url()), (_("Ubah"), "")))
        return super().get_context_data(**kwargs)


class DokumenUnggahView(_DokumenMixin, ServiceFormMixin, FormView):
    permission = "tipp.dokumen.entry"
    template_name = "tipp/form.html"
    form_class = BerkasDokumenForm
    success_message = gettext_lazy("Berkas dokumen diunggah.")

    def get_initial(self):
        return {"versi": self.object.versi}

    def save(self, form):
        data = form.cleaned_data
        return layanan.unggah_berkas(self.object, data["berkas"], user=self.request.user, versi=data["versi"] or 0)

    def get_context_data(self, **kwargs):
        kwargs["judul"] = _("Unggah berkas: %(d)s") % {"d": self.object}
        kwargs.update(self.crumbs((str(self.object), self.object.get_absolute_url()), (_("Unggah berkas"), "")))
        return super().get_context_data(**kwargs)


class KonsultasiTambahView(_DokumenMixin, ServiceFormMixin, FormView):
    permission = "tipp.dokumen.entry"
    template_name = "tipp/form.html"
    form_class = KonsultasiForm
    success_message = gettext_lazy("Konsultasi dicatat; isi daftar hadirnya.")

    def save(self, form):
        return layanan.tambah_konsultasi(self.object, user=self.request.user, **form.cleaned_data)

    def get_success_url(self, result=None):
        if result is not None and access.has_cap(self.request.user, "pertemuan.entry", self.object.wilayah_id):
            return reverse("kelurahan:kehadiran", args=[result.pertemuan_id])
        return self.object.get_absolute_url()

    def get_context_data(self, **kwargs):
        kwargs["judul"] = _("Catat konsultasi: %(d)s") % {"d": self.object}
        kwargs.update(self.crumbs((str(self.object), self.object.get_absolute_url()), (_("Konsultasi"), "")))
        return super().get_context_data(**kwargs)


class DokumenStatusView(_DokumenMixin, View):
    """A status step (the form's `aksi`); the service checks the role that owns the step."""

    http_method_names = ["post"]

    def post(self, request, pk):
        versi = konflik.baca_versi(request.POST.get("versi"))  # none: refused as stale
        return post_action(
            request,
            lambda: layanan.ubah_status(
                self.object,
                request.POST.get("aksi", ""),
                request.user,
                versi=versi or 0,
                catatan=request.POST.get("catatan", "")[:2000],
            ),
            _("Status dokumen diubah."),
            self.get_success_url(),
        )


class DokumenPdfView(_DokumenMixin, View):
    permission = "print"

    @dalam_bahasa_dokumen
    def get(self, request, pk):
        return pdf_response(dokumen_pdf(self.object, request=request), f"dokumen-{self.object.jenis}-{pk}.pdf")


class DokumenXlsxView(RegionMixin, View):
    """The planning documents of a region (any level), one line each."""

    def get(self, request, kode):
        rows = (
            DokumenPerencanaan.objects.for_user(request.user)
            .in_region(self.wilayah)
            .select_related("wilayah")
            .order_by("wilayah_id", "jenis", "pk")
        )
        return xlsx_response(dokumen_rows(rows), f"dokumen-perencanaan-{kode}.xlsx", "Dokumen")
