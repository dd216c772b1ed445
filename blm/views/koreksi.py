"""Correcting the KSM stage's records: the edit page of a disbursement, a progress report or
an inspection (version-checked, with the withdrawal form below it), and the withdrawals
themselves (POST, with a reason). What freezes what: blm.services_koreksi."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from kelurahan import access
from kelurahan.konflik import KonflikVersi
from kelurahan.mixins import ScopedObjectMixin, ServiceFormMixin

from .. import services_koreksi as koreksi
from .. import services_ksm
from ..forms_ksm import BatalForm, BeritaAcaraForm, LaporanUbahForm, PencairanUbahForm
from ..models_ksm import BeritaAcaraKSM, LaporanProgres, PencairanKSM
from .permintaan import _pesan_error
from .usulan import _jalur_usulan


class _KoreksiMixin(ScopedObjectMixin):
    """One record of a proposal: fetched in scope, its page under the proposal's."""

    judul = ""

    def get_queryset(self):
        return super().get_queryset().select_related("usulan__ksm__wilayah")

    def get_success_url(self, obj=None):
        return self.object.usulan.get_absolute_url()


class _UbahView(_KoreksiMixin, ServiceFormMixin, FormView):
    """The edit page; a withdrawn record or one frozen by a later berita acara is shown on its
    proposal's page instead, with why."""

    template_name = "blm/ksm/koreksi.html"
    success_message = gettext_lazy("Perbaikan disimpan.")
    batal_url = ""

    def beku(self) -> str:
        """Why the record cannot be corrected now ("" when it can)."""
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        alasan = _("Data ini sudah dibatalkan; tidak dapat diubah.") if self.object.dibatalkan else self.beku()
        if alasan:
            messages.info(request, alasan)
            return redirect(self.get_success_url())
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def get_context_data(self, **kwargs):
        kwargs.update(_jalur_usulan(self.request.user, self.object.usulan, (self.judul, "")))
        kwargs["judul"], kwargs["object"] = self.judul, self.object
        form = BatalForm(initial={"versi": self.object.versi})
        form.helper.form_action = reverse(self.batal_url, args=[self.object.pk])
        kwargs["form_batal"] = form
        return super().get_context_data(**kwargs)


class _BatalView(_KoreksiMixin, FormView):
    """Withdraw with a reason (POST only); the outcome is a message on the proposal's page."""

    form_class = BatalForm
    http_method_names = ["post"]

    def batalkan(self, alasan: str, versi):
        raise NotImplementedError

    def form_invalid(self, form):
        for errors in form.errors.values():
            for e in errors:
                messages.error(self.request, e)
        return redirect(self.get_success_url())

    def form_valid(self, form):
        versi = form.cleaned_data.get("versi")
        try:
            # a post without its page's version is refused as stale
            self.batalkan(form.cleaned_data["alasan"], 0 if versi is None else versi)
        except (KonflikVersi, ValidationError) as exc:
            _pesan_error(self.request, exc)
        else:
            messages.success(self.request, _("Dibatalkan; data dan alasannya tetap tercatat."))
        return redirect(self.get_success_url())


# --- disbursement ------------------------------------------------------------------


class PencairanUbahView(_UbahView):
    permission = "ksm.entry"
    model = PencairanKSM
    form_class = PencairanUbahForm
    judul = gettext_lazy("Perbaiki pencairan")
    batal_url = "blm:pencairan_batal"

    def beku(self):
        if services_ksm.diserahterimakan(self.object.usulan):
            return _("Pekerjaan sudah diserahterimakan; pencairannya tidak dapat diubah.")
        return ""

    def save(self, form):
        d = form.cleaned_data
        return koreksi.ubah_pencairan(
            self.object,
            self.request.user,
            versi=d.get("versi"),
            tahap=d["tahap"],
            tanggal=d["tanggal"],
            jumlah=d["jumlah"],
            kuitansi=d.get("kuitansi_baru"),
        )


class PencairanBatalView(_BatalView):
    permission = "ksm.entry"
    model = PencairanKSM

    def batalkan(self, alasan, versi):
        koreksi.batalkan_pencairan(self.object, self.request.user, alasan, versi)


# --- progress reports --------------------------------------------------------------


class LaporanUbahView(_UbahView):
    permission = "ksm.progres"
    model = LaporanProgres
    form_class = LaporanUbahForm
    judul = gettext_lazy("Perbaiki laporan progres")
    batal_url = "blm:laporan_batal"

    def beku(self):
        if services_ksm.diserahterimakan(self.object.usulan):
            return _("Pekerjaan sudah diserahterimakan; laporannya tidak dapat diubah.")
        if services_ksm.diperiksa(self.object.usulan):
            return _("Pekerjaan sudah diperiksa; batalkan berita acara pemeriksaan dahulu untuk memperbaiki laporan.")
        return ""

    def save(self, form):
        d = form.cleaned_data
        return koreksi.ubah_laporan(
            self.object,
            self.request.user,
            versi=d.get("versi"),
            tanggal=d["tanggal"],
            persen=d["persen"],
            dana_terpakai=d["dana_terpakai"],
            hok_l=d["hok_l"],
            hok_p=d["hok_p"],
            masalah=d["masalah"],
        )


class LaporanBatalView(_BatalView):
    permission = "ksm.progres"
    model = LaporanProgres

    def batalkan(self, alasan, versi):
        koreksi.batalkan_laporan(self.object, self.request.user, alasan, versi)


# --- berita acara ------------------------------------------------------------------


class _BeritaAcaraMixin:
    """The Fasilitator's inspection, the BKM's handover: the capability follows the kind."""

    model = BeritaAcaraKSM

    def authorize(self):
        self.object = self.get_object()
        access.require(self.request.user, services_ksm.KAPABILITAS_BA[self.object.jenis], self.object.wilayah_id)


class BeritaAcaraUbahView(_BeritaAcaraMixin, _UbahView):
    form_class = BeritaAcaraForm
    judul = gettext_lazy("Perbaiki berita acara")
    batal_url = "blm:berita_acara_batal"

    def beku(self):
        if not koreksi.dapat_diubah_ba(self.object, self.object.usulan):
            if self.object.jenis == "serah_terima":
                return _("Berita acara serah terima menutup usulan; untuk memperbaikinya batalkan lalu buat kembali.")
            return _("Pekerjaan sudah diserahterimakan; berita acara pemeriksaan tidak dapat diubah.")
        return ""

    def save(self, form):
        return koreksi.ubah_berita_acara(form.instance, self.request.user, versi=form.cleaned_data.get("versi"))


class BeritaAcaraBatalView(_BeritaAcaraMixin, _BatalView):
    def batalkan(self, alasan, versi):
        koreksi.batalkan_berita_acara(self.object, self.request.user, alasan, versi)
