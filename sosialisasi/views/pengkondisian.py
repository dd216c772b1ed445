"""Pengkondisian masyarakat of a kelurahan: social-condition notes, the stakeholder map,
informal outreach, and the invitation list drawn from the map."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView, UpdateView

from kelurahan import access, konflik
from kelurahan.mixins import post_action
from plpbk.common.pdf import pdf_response, render_pdf

from .. import services
from ..forms import KegiatanInformalForm, PemangkuForm, PengkondisianForm
from ..models import KegiatanInformal, Pemangku, Pengkondisian, Tingkatan
from ..pdf import undangan_context
from .base import ChildObjectMixin, KelurahanMixin, jalur


class PengkondisianView(KelurahanMixin, TemplateView):
    template_name = "sosialisasi/pengkondisian_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        obj = Pengkondisian.objects.for_user(user).filter(wilayah=self.wilayah).select_related("wilayah").first()
        kwargs["pengkondisian"] = obj
        kwargs["pemangku"] = list(obj.pemangku.all()) if obj else []
        kwargs["kegiatan"] = list(obj.kegiatan_informal.all()) if obj else []
        kwargs.update(matriks_pemangku(kwargs["pemangku"]))
        kwargs["boleh_ubah"] = access.has_cap(user, "sosialisasi.entry", self.wilayah)
        kwargs["tail"] = [(_("Pengkondisian masyarakat"), "")]
        return super().get_context_data(**kwargs)


def matriks_pemangku(pemangku) -> dict:
    """The influence x interest grid of the stakeholder map, high influence first."""
    if not pemangku:
        return {"matriks": [], "kolom_matriks": []}
    levels = list(reversed(Tingkatan.choices))
    rows = [
        (label, [[p.nama for p in pemangku if p.pengaruh == pengaruh and p.kepentingan == kep] for kep, _l in levels])
        for pengaruh, label in levels
    ]
    return {"matriks": rows, "kolom_matriks": [label for _v, label in levels]}


class PengkondisianUbahView(KelurahanMixin, FormView):
    permission = "sosialisasi.entry"
    template_name = "sosialisasi/form.html"
    form_class = PengkondisianForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Pengkondisian.objects.for_user(self.request.user).filter(
            wilayah=self.wilayah
        ).first() or Pengkondisian(wilayah=self.wilayah, dibuat_oleh=self.request.user)
        return kwargs

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("Catatan pengkondisian masyarakat disimpan."))
        return redirect("sosialisasi:pengkondisian", self.wilayah.kode)

    def get_context_data(self, **kwargs):
        kwargs["judul"] = _("Kondisi sosial masyarakat")
        kwargs["tail"] = [
            (_("Pengkondisian masyarakat"), self.back_url()),
            (_("Ubah catatan"), ""),
        ]
        kwargs["batal"] = self.back_url()
        return super().get_context_data(**kwargs)

    def back_url(self):
        return reverse("sosialisasi:pengkondisian", args=[self.wilayah.kode])


class _TambahView(KelurahanMixin, FormView):
    """Add a row (stakeholder or outreach) to the kelurahan's pengkondisian record."""

    permission = "sosialisasi.entry"
    template_name = "sosialisasi/form.html"
    judul = ""
    pesan = ""

    def form_valid(self, form):
        form.instance.pengkondisian = services.pengkondisian_for(self.wilayah, self.request.user)
        form.save()
        messages.success(self.request, self.pesan)
        if "lagi" in self.request.POST:
            return redirect(self.request.path)
        return redirect("sosialisasi:pengkondisian", self.wilayah.kode)

    def get_context_data(self, **kwargs):
        back = reverse("sosialisasi:pengkondisian", args=[self.wilayah.kode])
        kwargs.update(judul=self.judul, batal=back, tail=[(_("Pengkondisian masyarakat"), back), (self.judul, "")])
        return super().get_context_data(**kwargs)


class PemangkuTambahView(_TambahView):
    form_class = PemangkuForm
    judul = _("Tambah pemangku kepentingan")
    pesan = _("Pemangku kepentingan ditambahkan ke peta.")


class KegiatanInformalTambahView(_TambahView):
    form_class = KegiatanInformalForm
    judul = _("Catat sosialisasi informal")
    pesan = _("Sosialisasi informal dicatat.")


class _UbahView(ChildObjectMixin, UpdateView):
    template_name = "sosialisasi/form.html"
    judul = ""

    def get_queryset(self):
        return super().get_queryset().select_related("pengkondisian__wilayah")

    def get_success_url(self):
        messages.success(self.request, _("Perubahan disimpan."))
        return self.object.pengkondisian.get_absolute_url()

    def get_context_data(self, **kwargs):
        wilayah = self.object.pengkondisian.wilayah
        back = self.object.pengkondisian.get_absolute_url()
        kwargs.update(
            wilayah=wilayah,
            jalur=jalur(self.request.user, wilayah),
            judul=self.judul,
            batal=back,
            tail=[(_("Pengkondisian masyarakat"), back), (self.judul, "")],
        )
        return super().get_context_data(**kwargs)


class PemangkuUbahView(_UbahView):
    model = Pemangku
    form_class = PemangkuForm
    judul = _("Ubah pemangku kepentingan")


class KegiatanInformalUbahView(_UbahView):
    model = KegiatanInformal
    form_class = KegiatanInformalForm
    judul = _("Ubah sosialisasi informal")


class _HapusView(ChildObjectMixin, View):
    """Delete a row of the map, from the version its page showed (konflik.hapus)."""

    http_method_names = ["post"]

    def get_queryset(self):
        return super().get_queryset().select_related("pengkondisian__wilayah")

    def post(self, request, *args, **kwargs):
        obj = self.object
        return post_action(
            request,
            lambda: konflik.hapus(obj, konflik.baca_versi(request.POST.get("versi"))),
            _("Data dihapus."),
            obj.pengkondisian.get_absolute_url(),
        )


class PemangkuHapusView(_HapusView):
    model = Pemangku


class KegiatanInformalHapusView(_HapusView):
    model = KegiatanInformal


class UndanganPdfView(KelurahanMixin, TemplateView):
    """The rembug's invitation list: stakeholders flagged on the map, as a PDF."""

    permission = "print"

    def get(self, request, *args, **kwargs):
        obj = get_object_or_404(Pengkondisian.objects.for_user(request.user), wilayah=self.wilayah)
        pdf = render_pdf("pdf/sosialisasi/undangan.html", undangan_context(obj), request=request)
        return pdf_response(pdf, f"undangan-rembug-{self.wilayah.kode}.pdf")
