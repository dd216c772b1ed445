"""Peran Pemda Kelurahan: the kelurahan government's commitments, by stage."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DeleteView, FormView, UpdateView

from ..forms import PeranPemdaForm
from ..models import PeranPemda
from .base import ChildObjectMixin, KelurahanMixin, jalur


class PeranTambahView(KelurahanMixin, FormView):
    permission = "sosialisasi.entry"
    template_name = "sosialisasi/form.html"
    form_class = PeranPemdaForm

    def get_initial(self):
        tahap = self.request.GET.get("tahap")
        return {"tahap": tahap} if tahap else {}

    def form_valid(self, form):
        form.instance.wilayah = self.wilayah
        form.save()
        messages.success(self.request, _("Komitmen pemda kelurahan dicatat."))
        if "lagi" in self.request.POST:
            return redirect(self.request.path)
        return redirect(self.wilayah.get_absolute_url() + "#peran-pemda")

    def get_context_data(self, **kwargs):
        kwargs.update(
            judul=_("Tambah komitmen pemda kelurahan"),
            batal=self.wilayah.get_absolute_url(),
            tail=[(_("Peran pemda kelurahan"), ""), (_("Tambah"), "")],
        )
        return super().get_context_data(**kwargs)


class PeranUbahView(ChildObjectMixin, UpdateView):
    model = PeranPemda
    form_class = PeranPemdaForm
    template_name = "sosialisasi/form.html"

    def get_queryset(self):
        return super().get_queryset().select_related("wilayah")

    def get_success_url(self):
        messages.success(self.request, _("Perubahan disimpan."))
        return self.object.wilayah.get_absolute_url() + "#peran-pemda"

    def get_context_data(self, **kwargs):
        wilayah = self.object.wilayah
        kwargs.update(
            wilayah=wilayah,
            jalur=jalur(self.request.user, wilayah),
            judul=_("Ubah komitmen pemda kelurahan"),
            batal=wilayah.get_absolute_url(),
            tail=[(_("Peran pemda kelurahan"), ""), (_("Ubah"), "")],
        )
        return super().get_context_data(**kwargs)


class PeranSelesaiView(ChildObjectMixin, View):
    """Mark a commitment done (or not done) from the kelurahan page with one button."""

    model = PeranPemda
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        obj = self.object
        obj.selesai = not obj.selesai
        obj.tanggal_selesai = timezone.localdate() if obj.selesai else None
        obj.save()
        messages.success(request, _("Status komitmen diperbarui."))
        return redirect(obj.wilayah.get_absolute_url() + "#peran-pemda")


class PeranHapusView(ChildObjectMixin, DeleteView):
    model = PeranPemda
    http_method_names = ["post"]

    def get_success_url(self):
        messages.success(self.request, _("Komitmen dihapus."))
        return self.object.wilayah.get_absolute_url() + "#peran-pemda"
