"""Peran Pemda Kelurahan: the kelurahan government's commitments, by stage."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, UpdateView

from kelurahan import konflik
from kelurahan.mixins import post_action

from .. import services
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
            hapus_url=reverse("sosialisasi:peran_hapus", args=[self.object.pk]),
            hapus_versi=self.object.versi,
            hapus_tanya=_("Hapus komitmen ini?"),
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
        return post_action(
            request,
            lambda: services.tandai_peran(obj, konflik.baca_versi(request.POST.get("versi"))),
            _("Status komitmen diperbarui."),
            obj.wilayah.get_absolute_url() + "#peran-pemda",
        )


class PeranHapusView(ChildObjectMixin, View):
    model = PeranPemda
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        obj = self.object
        return post_action(
            request,
            lambda: konflik.hapus(obj, konflik.baca_versi(request.POST.get("versi"))),
            _("Komitmen dihapus."),
            obj.wilayah.get_absolute_url() + "#peran-pemda",
        )
