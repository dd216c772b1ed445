"""Proposals of a KSM: the form (draft or returned), the page with its costs, beneficiaries,
disbursements, progress and photos; the BKM's submission (its verification), the
Fasilitator's decision, the BKM's disbursement per tahap, progress reports and the berita
acara of inspection and handover."""

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

from kelurahan import access
from kelurahan.mixins import ScopedObjectMixin, ServiceFormMixin

from .. import services_ksm as services
from ..forms_ksm import BatalForm, BeritaAcaraForm, LaporanForm, PencairanForm, UsulanForm, VerifikasiUsulanForm
from ..models_ksm import KSM, BeritaAcaraKSM, JenisBeritaAcara, StatusUsulan, UsulanKegiatan
from ..uang import rp
from .ksm import _jalur_ksm
from .permintaan import _pesan_error


def _jalur_usulan(user, usulan, *tail):
    ksm = usulan.ksm
    return _jalur_ksm(
        user, ksm.wilayah, (str(ksm), ksm.get_absolute_url()), (usulan.nama, usulan.get_absolute_url()), *tail
    )


class _UsulanFormMixin(ServiceFormMixin):
    template_name = "blm/form.html"
    form_class = UsulanForm
    success_message = gettext_lazy("Usulan disimpan.")

    def save(self, form):
        return services.simpan_usulan(form.instance, self.request.user, versi=form.cleaned_data.get("versi"))

    def get_success_url(self, usulan=None):
        return usulan.get_absolute_url()


class UsulanCreateView(ScopedObjectMixin, _UsulanFormMixin, FormView):
    permission = "ksm.entry"
    model = KSM

    def get_form_kwargs(self):
        usulan = UsulanKegiatan(ksm=self.object, wilayah_id=self.object.wilayah_id)
        return {**super().get_form_kwargs(), "instance": usulan, "wilayah_id": self.object.wilayah_id}

    def get_context_data(self, **kwargs):
        ksm = self.object
        kwargs.update(_jalur_ksm(self.request.user, ksm.wilayah, (str(ksm), ksm.get_absolute_url()), (_("Usulan"), "")))
        kwargs["judul"] = _("Usulan kegiatan %(ksm)s") % {"ksm": ksm.nama}
        kwargs["keterangan"] = _("Usulan dipilih dari kegiatan rencana kerja TIPP yang disetujui.")
        return super().get_context_data(**kwargs)


class _UsulanMixin(ScopedObjectMixin):
    model = UsulanKegiatan

    def get_queryset(self):
        return super().get_queryset().select_related("ksm__wilayah", "kegiatan", "alokasi")


class UsulanUpdateView(_UsulanMixin, _UsulanFormMixin, FormView):
    permission = "ksm.entry"

    def get(self, request, *args, **kwargs):
        if not self.object.dapat_diubah:
            messages.info(request, _("Usulan sudah diajukan atau diverifikasi; tidak dapat diubah."))
            return redirect(self.object.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object, "wilayah_id": self.object.wilayah_id}

    def get_context_data(self, **kwargs):
        kwargs.update(_jalur_usulan(self.request.user, self.object, (_("Ubah"), "")))
        kwargs["judul"] = _("Ubah usulan %(nama)s") % {"nama": self.object.nama}
        return super().get_context_data(**kwargs)


class UsulanDetailView(_UsulanMixin, View):
    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        from django.shortcuts import render

        user, u = request.user, self.object
        wilayah = u.wilayah_id
        boleh_entry = access.has_cap(user, "ksm.entry", wilayah)
        boleh_verify = access.has_cap(user, "ksm.verify", wilayah)
        boleh_progres = access.has_cap(user, "ksm.progres", wilayah)
        laporan = list(u.laporan.prefetch_related("foto__berkas").order_by("tanggal", "pk"))
        semua_ba = list(u.berita_acara.order_by("tanggal", "pk"))
        ba = {b.jenis: b for b in semua_ba if not b.dibatalkan}  # the ones that count
        serah, periksa = "serah_terima" in ba, "pemeriksaan" in ba
        ctx = {
            "u": u,
            "pencairan": list(u.pencairan.select_related("kuitansi").order_by("tahap", "pk")),
            "laporan": laporan,
            "berita_acara": ba,
            "ba_dibatalkan": [b for b in semua_ba if b.dibatalkan],
            "boleh_ubah": boleh_entry and u.dapat_diubah,
            "boleh_ajukan": boleh_entry and u.dapat_diubah,
            "boleh_verifikasi": boleh_verify and u.status == StatusUsulan.DIAJUKAN and u.diajukan_oleh_id != user.pk,
            "boleh_cairkan": boleh_entry and u.status == StatusUsulan.DISETUJUI and u.sisa_cair > 0 and not serah,
            "boleh_lapor": boleh_progres and u.status == StatusUsulan.DISETUJUI and not serah and not periksa,
            "boleh_periksa": boleh_verify and u.progres == 100 and not periksa,
            "boleh_serah": boleh_entry and periksa and not serah,
            # corrections (blm.services_koreksi): the handover freezes all, the inspection the reports
            "koreksi_cair": boleh_entry and not serah,
            "koreksi_lapor": boleh_progres and not serah and not periksa,
            "koreksi_periksa": boleh_verify and periksa and not serah,
            **_jalur_usulan(user, u),
        }
        if serah and boleh_entry:
            form = BatalForm(initial={"versi": ba["serah_terima"].versi})
            form.helper.form_action = reverse("blm:berita_acara_batal", args=[ba["serah_terima"].pk])
            ctx["form_batal_serah"] = form
        if ctx["boleh_verifikasi"]:
            form = VerifikasiUsulanForm(versi_dari=u)
            form.helper.form_action = reverse("blm:usulan_verifikasi", args=[u.pk])
            ctx["form_verifikasi"] = form
        return render(request, "blm/ksm/usulan.html", ctx)


class UsulanAjukanView(_UsulanMixin, View):
    """The BKM verifies its KSM's proposal by sending it to the Fasilitator."""

    permission = "ksm.entry"

    def post(self, request, *args, **kwargs):
        try:
            services.ajukan_usulan(self.object, request.user, versi=_versi(request))
            messages.success(request, _("Usulan diverifikasi BKM dan dikirim ke Fasilitator."))
        except ValidationError as exc:
            _pesan_error(request, exc)
        return redirect(self.object.get_absolute_url())


def _versi(request):
    try:
        return int(request.POST["versi"])
    except (KeyError, ValueError):
        return None


class UsulanVerifikasiView(_UsulanMixin, FormView):
    permission = "ksm.verify"
    form_class = VerifikasiUsulanForm
    http_method_names = ["post"]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "versi_dari": self.object}

    def form_invalid(self, form):
        for errors in form.errors.values():
            for e in errors:
                messages.error(self.request, e)
        return redirect(self.object.get_absolute_url())

    def form_valid(self, form):
        setuju = form.cleaned_data["keputusan"] == "setuju"
        try:
            services.verifikasi_usulan(
                self.object,
                self.request.user,
                setuju,
                form.cleaned_data["alasan"],
                versi=form.cleaned_data.get("versi"),
            )
        except ValidationError as exc:
            _pesan_error(self.request, exc)
            return redirect(self.object.get_absolute_url())
        messages.success(
            self.request, _("Usulan diverifikasi Fasilitator.") if setuju else _("Usulan dikembalikan ke BKM.")
        )
        return redirect(self.object.get_absolute_url())


class PencairanView(_UsulanMixin, FormView):
    permission = "ksm.entry"
    form_class = PencairanForm
    template_name = "blm/form.html"

    def get_initial(self):
        return {"tahap": self.object.pencairan.count() + 1}

    def form_valid(self, form):
        d = form.cleaned_data
        try:
            services.cairkan(self.object, self.request.user, d["tahap"], d["tanggal"], d["jumlah"], d["kuitansi"])
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Pencairan ke KSM tercatat."))
        return redirect(self.object.get_absolute_url())

    def get_context_data(self, **kwargs):
        kwargs.update(_jalur_usulan(self.request.user, self.object, (_("Pencairan"), "")))
        kwargs["judul"] = _("Pencairan BKM ke %(ksm)s") % {"ksm": self.object.ksm.nama}
        kwargs["keterangan"] = _("Dana BLM usulan %(blm)s; sudah dicairkan %(cair)s.") % {
            "blm": rp(self.object.biaya_blm),
            "cair": rp(self.object.dicairkan),
        }
        return super().get_context_data(**kwargs)


class LaporanView(_UsulanMixin, FormView):
    permission = "ksm.progres"
    form_class = LaporanForm
    template_name = "blm/form.html"

    def form_valid(self, form):
        d = form.cleaned_data
        foto = [(d["foto_titik"], d["foto"], d["keterangan_foto"])] if d.get("foto") else []
        try:
            services.laporkan(
                self.object,
                self.request.user,
                tanggal=d["tanggal"],
                persen=d["persen"],
                dana_terpakai=d["dana_terpakai"],
                hok_l=d["hok_l"],
                hok_p=d["hok_p"],
                masalah=d["masalah"],
                foto=foto,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Laporan progres tersimpan."))
        return redirect(self.object.get_absolute_url())

    def get_context_data(self, **kwargs):
        kwargs.update(_jalur_usulan(self.request.user, self.object, (_("Laporan progres"), "")))
        kwargs["judul"] = _("Laporan progres %(nama)s") % {"nama": self.object.nama}
        return super().get_context_data(**kwargs)


class BeritaAcaraView(_UsulanMixin, FormView):
    """The Fasilitator's inspection or the BKM's handover to a KPP (the service checks who)."""

    form_class = BeritaAcaraForm
    template_name = "blm/form.html"

    def authorize(self):
        super().authorize()
        jenis = self.kwargs["jenis"]
        if jenis not in JenisBeritaAcara.values:
            raise Http404
        access.require(self.request.user, services.KAPABILITAS_BA[jenis], self.object.wilayah_id)

    def get_form_kwargs(self):
        ba = BeritaAcaraKSM(usulan=self.object, jenis=self.kwargs["jenis"])
        return {**super().get_form_kwargs(), "instance": ba}

    def form_valid(self, form):
        try:
            services.simpan_berita_acara(form.instance, self.request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Berita acara tersimpan."))
        return redirect(self.object.get_absolute_url())

    def get_context_data(self, **kwargs):
        label = JenisBeritaAcara(self.kwargs["jenis"]).label
        kwargs.update(_jalur_usulan(self.request.user, self.object, (label, "")))
        kwargs["judul"] = label
        return super().get_context_data(**kwargs)
