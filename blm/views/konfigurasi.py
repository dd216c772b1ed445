"""Tahap configuration per programme year, entered by an administrator."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from kelurahan.mixins import PortalMixin

from .. import services
from ..forms import KonfigurasiForm, TahapFormSet
from ..models import KonfigurasiBLM


class KonfigurasiListView(PortalMixin, TemplateView):
    permission = "blm.configure"
    template_name = "blm/konfigurasi_list.html"

    def get_context_data(self, **kwargs):
        kwargs["konfigurasi"] = KonfigurasiBLM.objects.prefetch_related("tahap")
        kwargs["tail"] = [(_("BLM"), ""), (_("Konfigurasi tahap"), "")]
        return super().get_context_data(**kwargs)


class KonfigurasiCreateView(PortalMixin, TemplateView):
    permission = "blm.configure"
    template_name = "blm/konfigurasi_form.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", KonfigurasiForm())
        kwargs["tail"] = [(_("Konfigurasi tahap"), ""), (_("Tahun baru"), "")]
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = KonfigurasiForm(request.POST)
        if form.is_valid():
            konfigurasi = services.buat_konfigurasi(
                form.cleaned_data["tahun"], form.cleaned_data["jumlah_tahap"], form.cleaned_data["catatan"]
            )
            messages.success(request, _("Konfigurasi dibuat; periksa porsi dan syarat tiap tahap."))
            return redirect(konfigurasi.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form))


class KonfigurasiUpdateView(PortalMixin, TemplateView):
    """The year's notes, number of tahap and, per tahap, share, deadline and prerequisites."""

    permission = "blm.configure"
    template_name = "blm/konfigurasi_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.konfigurasi = get_object_or_404(KonfigurasiBLM, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def forms(self, data=None):
        terpakai = services.konfigurasi_terpakai(self.konfigurasi)
        form = KonfigurasiForm(data, instance=self.konfigurasi, terpakai=terpakai)
        formset = TahapFormSet(
            data,
            queryset=self.konfigurasi.tahap.order_by("nomor"),
            prefix="tahap",
            form_kwargs={"terpakai": terpakai},
        )
        return form, formset, terpakai

    def get_context_data(self, **kwargs):
        if "form" not in kwargs:
            kwargs["form"], kwargs["formset"], kwargs["terpakai"] = self.forms()
        kwargs["konfigurasi"] = self.konfigurasi
        kwargs["tail"] = [(_("Konfigurasi tahap"), ""), (str(self.konfigurasi), "")]
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form, formset, terpakai = self.forms(request.POST)
        if form.is_valid():
            n = form.cleaned_data["jumlah_tahap"]
            if not terpakai and n != self.konfigurasi.tahap.count():
                form.save()
                try:
                    services.atur_jumlah_tahap(self.konfigurasi, n)
                except ValidationError as exc:
                    form.add_error("jumlah_tahap", exc)
                    return self.render_to_response(self.get_context_data(form=form, formset=formset, terpakai=terpakai))
                messages.info(request, _("Jumlah tahap menjadi %(n)s; porsi dibagi rata, periksa lagi.") % {"n": n})
                return redirect(self.konfigurasi.get_absolute_url())
            if formset.is_valid():
                with transaction.atomic():
                    form.save()
                    formset.save()
                messages.success(request, _("Konfigurasi tahap tersimpan."))
                return redirect("blm:konfigurasi_list")
        return self.render_to_response(self.get_context_data(form=form, formset=formset, terpakai=terpakai))
