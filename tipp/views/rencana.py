"""Work plan pages: the plan with its Gantt chart, S-curve and slipping activities; the
activity form; approval (baseline); progress updates; PDF (landscape) and xlsx."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from kelurahan import access, konflik
from kelurahan.mixins import ServiceFormMixin, post_action
from plpbk.common.filters import tanggal
from plpbk.common.pdf import pdf_response
from plpbk.common.xlsx import xlsx_response

from .. import services
from ..exports import rencana_rows
from ..forms import KegiatanForm, ProgresForm, SetujuiForm
from ..models import Kegiatan, RencanaKerja
from ..pdf import rencana_context, rencana_pdf
from .base import KelurahanMixin, TippObjectMixin


class RencanaView(KelurahanMixin, TemplateView):
    template_name = "tipp/rencana.html"

    def get_context_data(self, **kwargs):
        rencana = RencanaKerja.objects.for_user(self.request.user).filter(wilayah=self.wilayah).first()
        per, kwargs["per_salah"] = tanggal(self.request.GET)
        kwargs.update(rencana_context(self.wilayah, rencana, per=per))
        user = self.request.user
        kwargs["boleh_entry"] = access.has_cap(user, "tipp.entry", self.wilayah)
        kwargs["boleh_setujui"] = access.has_cap(user, "tipp.approve", self.wilayah)
        if kwargs["boleh_setujui"] and rencana and not rencana.is_approved:
            kwargs["tipp_terbentuk"] = services.tipp_terbentuk(self.wilayah)
        kwargs["setujui_form"] = SetujuiForm()
        kwargs.update(
            self.jalur((_("TIPP"), reverse("tipp:detail", args=[self.wilayah.kode])), (_("Rencana kerja"), ""))
        )
        return super().get_context_data(**kwargs)


class KegiatanTambahView(KelurahanMixin, ServiceFormMixin, FormView):
    permission = "tipp.entry"
    template_name = "tipp/form.html"
    form_class = KegiatanForm
    success_message = gettext_lazy("Kegiatan disimpan.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Kegiatan(rencana=RencanaKerja(wilayah=self.wilayah))
        return kwargs

    def save(self, form):
        form.instance.rencana = services.rencana_untuk(self.wilayah)
        return services.simpan_kegiatan(form.instance)

    def get_success_url(self, result):
        return reverse("tipp:rencana", args=[self.wilayah.kode]) + "#gantt"

    def get_context_data(self, **kwargs):
        kwargs["judul"] = _("Tambah kegiatan rencana kerja")
        kwargs["batas"] = services.batas_waktu_pemanfaatan(self.wilayah)
        kwargs.update(
            self.jalur(
                (_("TIPP"), reverse("tipp:detail", args=[self.wilayah.kode])),
                (_("Rencana kerja"), reverse("tipp:rencana", args=[self.wilayah.kode])),
                (kwargs["judul"], ""),
            )
        )
        return super().get_context_data(**kwargs)


class _KegiatanMixin(TippObjectMixin):
    model = Kegiatan
    permission = "tipp.entry"
    select_related = ("rencana__wilayah",)

    def get_success_url(self, result=None):
        return reverse("tipp:rencana", args=[self.object.rencana.wilayah_id]) + "#gantt"

    def crumbs(self, judul):
        w = self.object.rencana.wilayah
        return self.jalur(
            w,
            (_("TIPP"), reverse("tipp:detail", args=[w.kode])),
            (_("Rencana kerja"), reverse("tipp:rencana", args=[w.kode])),
            (judul, ""),
        )


class KegiatanUbahView(_KegiatanMixin, ServiceFormMixin, FormView):
    """Planned values may be revised after approval; the baseline does not move."""

    template_name = "tipp/form.html"
    form_class = KegiatanForm
    success_message = gettext_lazy("Kegiatan disimpan.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        return kwargs

    def save(self, form):
        return services.simpan_kegiatan(form.instance, versi=form.cleaned_data.get("versi"))

    def get_context_data(self, **kwargs):
        kwargs["judul"] = _("Ubah kegiatan: %(nama)s") % {"nama": self.object.nama}
        kwargs["batas"] = services.batas_waktu_pemanfaatan(self.object.rencana.wilayah_id)
        if not self.object.rencana.is_approved:
            kwargs["hapus_url"] = reverse("tipp:kegiatan_hapus", args=[self.object.pk])
            kwargs["hapus_versi"] = self.object.versi
        else:
            kwargs["catatan"] = _("Rencana sudah disetujui: perubahan di sini adalah revisi jadwal; baseline tetap.")
            kwargs["progres_url"] = reverse("tipp:progres", args=[self.object.pk])
        kwargs.update(self.crumbs(kwargs["judul"]))
        return super().get_context_data(**kwargs)


class KegiatanHapusView(_KegiatanMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        versi = konflik.baca_versi(request.POST.get("versi"))
        return post_action(
            request,
            lambda: services.hapus_kegiatan(self.object, versi=versi or 0),  # none: refused as stale
            _("Kegiatan dihapus."),
            self.get_success_url(),
        )


class ProgresView(_KegiatanMixin, ServiceFormMixin, FormView):
    template_name = "tipp/progres.html"
    form_class = ProgresForm
    success_message = gettext_lazy("Progres kegiatan disimpan.")

    def get_initial(self):
        k = self.object
        return {"persen": k.progres, "mulai_aktual": k.mulai_aktual, "selesai_aktual": k.selesai_aktual}

    def save(self, form):
        return services.laporkan_progres(self.object, user=self.request.user, **form.cleaned_data)

    def get_context_data(self, **kwargs):
        kwargs["kegiatan"] = self.object
        kwargs["laporan"] = list(self.object.laporan.order_by("-tanggal", "-pk")[:20])
        kwargs["judul"] = _("Progres: %(nama)s") % {"nama": self.object.nama}
        kwargs.update(self.crumbs(kwargs["judul"]))
        return super().get_context_data(**kwargs)


class SetujuiView(KelurahanMixin, View):
    permission = "tipp.approve"
    http_method_names = ["post"]

    def post(self, request, kode):
        url = reverse("tipp:rencana", args=[kode])
        rencana = RencanaKerja.objects.for_user(self.request.user).filter(wilayah=self.wilayah).first()
        form = SetujuiForm(request.POST)
        if rencana is None or not form.is_valid():
            messages.error(request, _("Isi tanggal persetujuan rencana kerja yang berisi kegiatan."))
            return redirect(url)
        return post_action(
            request,
            lambda: services.setujui_rencana(
                rencana, pada=form.cleaned_data["tanggal"], user=request.user, versi=form.cleaned_data["versi"] or 0
            ),
            _("Rencana kerja disetujui; baseline jadwal dibekukan."),
            url,
        )


class RencanaPdfView(KelurahanMixin, View):
    permission = "print"

    def get(self, request, kode):
        rencana = RencanaKerja.objects.for_user(self.request.user).filter(wilayah=self.wilayah).first()
        pdf = rencana_pdf(self.wilayah, rencana, request=request, per=tanggal(request.GET)[0])
        return pdf_response(pdf, f"rencana-kerja-tipp-{kode}.pdf")


class RencanaXlsxView(KelurahanMixin, View):
    permission = "view"

    def get(self, request, kode):
        rencana = RencanaKerja.objects.for_user(self.request.user).filter(wilayah=self.wilayah).first()
        kegiatan = list(rencana.kegiatan.all()) if rencana else []
        return xlsx_response(rencana_rows(kegiatan), f"rencana-kerja-tipp-{kode}.xlsx", "Rencana kerja")
