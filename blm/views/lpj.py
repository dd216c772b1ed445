"""LPJ (accountability report) of a paid tahap: spending lines with receipts, sending it
to the Korkot/Askot, and the Korkot/Askot's decision."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from kelurahan import access
from kelurahan.mixins import ScopedObjectMixin
from tipp.services import kegiatan_rencana_kerja

from .. import services
from ..forms import BelanjaForm, KeputusanLpjForm
from ..models import BelanjaLPJ, LpjBLM, StatusLpj
from .alokasi import jalur
from .permintaan import _pesan_error


class LpjView(ScopedObjectMixin, FormView):
    """The LPJ page; its form adds a spending line (POST needs blm.lpj.entry)."""

    model = LpjBLM
    template_name = "blm/lpj.html"
    form_class = BelanjaForm

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("permintaan__alokasi", "permintaan__pembayaran", "wilayah", "diterima_oleh")
        )

    def post(self, request, *args, **kwargs):
        access.require(request.user, "blm.lpj.entry", self.object.wilayah_id)
        if not self.object.dapat_diubah:
            messages.error(request, _("LPJ sudah diajukan atau diterima; tidak dapat diubah."))
            return redirect(self.object.get_absolute_url())
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        self.kegiatan = kegiatan_rencana_kerja(self.object.wilayah)
        return {**super().get_form_kwargs(), "kegiatan": self.kegiatan}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.tambah_belanja(
                self.object,
                self.request.user,
                tanggal=data["tanggal"],
                uraian=data["uraian"],
                jumlah=data["jumlah"],
                kegiatan_id=int(data["kegiatan"]),
                kegiatan=form.kegiatan_map[data["kegiatan"]],
                bukti=data["bukti"],
            )
        except ValidationError as exc:
            form.add_error("jumlah", exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Belanja tercatat."))
        return redirect(self.object.get_absolute_url())

    def get_context_data(self, **kwargs):
        user, lpj = self.request.user, self.object
        p = lpj.permintaan
        dibayar = p.pembayaran.jumlah
        kwargs.update(jalur(user, lpj.wilayah, [(_("BLM"), ""), (str(lpj), "")]))
        kwargs.update(
            lpj=lpj,
            p=p,
            dibayar=dibayar,
            belanja=list(lpj.belanja.select_related("bukti")),
            persen_tahap=lpj.persen_tahap(dibayar),
            persen_alokasi=lpj.persen_alokasi(p.alokasi.jumlah),
            boleh_isi=lpj.dapat_diubah and access.has_cap(user, "blm.lpj.entry", lpj.wilayah_id),
            boleh_putuskan=lpj.status == StatusLpj.DIAJUKAN and access.has_cap(user, "blm.lpj.accept", lpj.wilayah_id),
        )
        if kwargs["boleh_putuskan"]:
            form = KeputusanLpjForm()
            form.helper.form_action = reverse("blm:lpj_keputusan", args=[lpj.pk])
            kwargs["form_keputusan"] = form
        if not kwargs["boleh_isi"]:
            kwargs.pop("form", None)
        return super().get_context_data(**kwargs)


class LpjAjukanView(ScopedObjectMixin, View):
    permission = "blm.lpj.entry"
    model = LpjBLM

    def post(self, request, *args, **kwargs):
        try:
            services.ajukan_lpj(self.object, request.user)
            messages.success(request, _("LPJ dikirim ke Korkot/Askot untuk diterima."))
        except ValidationError as exc:
            _pesan_error(request, exc)
        return redirect(self.object.get_absolute_url())


class LpjKeputusanView(ScopedObjectMixin, FormView):
    permission = "blm.lpj.accept"
    model = LpjBLM
    form_class = KeputusanLpjForm
    template_name = "blm/form.html"
    http_method_names = ["post"]

    def form_valid(self, form):
        terima = form.cleaned_data["keputusan"] == "terima"
        try:
            services.putuskan_lpj(self.object, self.request.user, terima, form.cleaned_data["alasan"])
        except ValidationError as exc:
            _pesan_error(self.request, exc)
            return redirect(self.object.get_absolute_url())
        messages.success(self.request, _("LPJ diterima.") if terima else _("LPJ dikembalikan untuk diperbaiki."))
        return redirect(self.object.get_absolute_url())

    def get_context_data(self, **kwargs):
        kwargs.update(jalur(self.request.user, self.object.wilayah, [(_("BLM"), ""), (str(self.object), "")]))
        kwargs["judul"] = str(self.object)
        return super().get_context_data(**kwargs)


class BelanjaHapusView(ScopedObjectMixin, View):
    permission = "blm.lpj.entry"
    model = BelanjaLPJ

    def region_of(self, obj):
        return obj.lpj.wilayah_id

    def post(self, request, *args, **kwargs):
        try:
            services.hapus_belanja(self.object, request.user)
            messages.success(request, _("Belanja dihapus."))
        except ValidationError as exc:
            _pesan_error(request, exc)
        return redirect(self.object.lpj.get_absolute_url())
