"""The kelurahan profile of a programme year: its form (facilitator, BKM) and the xlsx of the
profiles of a region."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from .. import access, tasks
from ..exports import ekspor_profil
from ..forms import ProfilForm
from ..konflik import KonflikVersi, isi_versi_baru
from ..mixins import RegionMixin
from ..models import ANGKA, ProfilKelurahan
from ..profil import simpan_profil
from .tugas import EksporWilayahMixin

TAHUN_MIN, TAHUN_MAKS = 2000, 2100


class ProfilView(RegionMixin, FormView):
    permission = "profil.entry"
    template_name = "kelurahan/profil_form.html"
    form_class = ProfilForm

    def authorize(self):
        super().authorize()
        if not self.wilayah.is_kelurahan or not TAHUN_MIN <= self.kwargs["tahun"] <= TAHUN_MAKS:
            raise Http404
        self.profil = (
            ProfilKelurahan.objects.for_user(self.request.user).filter(wilayah=self.wilayah, tahun=self.kwargs["tahun"])
        ).first()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["versi_dari"] = self.profil
        return kwargs

    def get_initial(self):
        if self.profil is None:
            return {}
        return {name: getattr(self.profil, name) for name in (*ANGKA, "sumber")}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            simpan_profil(
                self.wilayah,
                self.kwargs["tahun"],
                {name: data[name] for name in ANGKA},
                sumber=data["sumber"],
                user=self.request.user,
                versi=data.get("versi") if self.profil is not None else None,
            )
        except KonflikVersi as exc:
            form = isi_versi_baru(form, exc)
            form.add_error(None, exc.messages[0])
            return self.form_invalid(form)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
            return self.form_invalid(form)
        messages.success(self.request, _("Profil kelurahan %(tahun)s disimpan.") % {"tahun": self.kwargs["tahun"]})
        return redirect(reverse("kelurahan:wilayah", args=[self.wilayah.kode]) + "#profil")

    def get_context_data(self, **kwargs):
        kwargs["jalur"] = access.jalur(self.request.user, self.wilayah)
        kwargs["tahun"] = self.kwargs["tahun"]
        kwargs["tail"] = [(_("Profil %(tahun)s") % {"tahun": self.kwargs["tahun"]}, "")]
        kwargs["profil"] = self.profil
        return super().get_context_data(**kwargs)


class ProfilXlsxView(RegionMixin, EksporWilayahMixin, View):
    """Every profile in the region (all years), one line per kelurahan and year; a large region
    (a province, the nation's) by a background job."""

    judul_tugas = gettext_lazy("Ekspor Excel profil kelurahan")

    tugas_task = tasks.profil_xlsx

    def ekspor(self):
        return ekspor_profil(self.request.user, self.wilayah)
