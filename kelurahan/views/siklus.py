"""The meeting record lifecycle on the page: close, verify, reopen (POST actions on the
attendance page) and the scoped list of meetings waiting for verification."""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from plpbk.common.filters import KODE_WILAYAH

from .. import access, konflik, siklus
from ..mixins import PortalMixin, ScopedObjectMixin
from ..models import AksiSiklus, Pertemuan, StatusPertemuan


def konteks_siklus(user, p: Pertemuan) -> dict:
    """What the record page shows of the lifecycle and which actions it offers."""
    # a draft never closed has no trail: the entry page costs no query for it
    jejak = list(p.jejak.select_related("oleh")) if p.pk and (p.revisi or not p.terbuka) else []
    dibuka = [j for j in jejak if j.aksi == AksiSiklus.BUKA_KEMBALI]
    return {
        "jejak": jejak,
        "revisi_terakhir": dibuka[-1] if dibuka else None,
        "bisa_tutup": p.status == StatusPertemuan.DRAF and access.has_cap(user, "pertemuan.close", p.wilayah_id),
        "bisa_verifikasi": p.status == StatusPertemuan.DITUTUP
        and access.has_cap(user, "pertemuan.verify", p.wilayah_id),
        "bisa_buka_kembali": p.status != StatusPertemuan.DRAF
        and access.has_cap(user, "pertemuan.verify", p.wilayah_id),
    }


class _LangkahView(ScopedObjectMixin, View):
    model = Pertemuan
    http_method_names = ["post"]
    berhasil = ""

    def get_queryset(self):
        return Pertemuan.objects.for_user(self.request.user).select_related("wilayah")

    def post(self, request, *args, **kwargs):
        try:
            self.langkah(request, konflik.baca_versi(request.POST.get("versi")))
        except ValidationError as exc:
            for pesan in exc.messages:
                messages.error(request, pesan)
        else:
            messages.success(request, self.berhasil)
        return HttpResponseRedirect(self.object.get_absolute_url())


class TutupView(_LangkahView):
    permission = "pertemuan.close"

    def langkah(self, request, versi):
        siklus.tutup(self.object, request.user, versi=versi)
        self.berhasil = _("Pertemuan ditutup; daftar hadir dan angkanya kini final.")


class VerifikasiView(_LangkahView):
    permission = "pertemuan.verify"

    def langkah(self, request, versi):
        siklus.verifikasi(self.object, request.user, versi=versi)
        self.berhasil = _("Pertemuan diverifikasi.")


class BukaKembaliView(_LangkahView):
    permission = "pertemuan.verify"

    def langkah(self, request, versi):
        p = siklus.buka_kembali(self.object, request.user, request.POST.get("alasan", ""), versi=versi)
        self.berhasil = _("Pertemuan dibuka kembali (revisi %(n)s).") % {"n": p.revisi}


class MenungguVerifikasiView(PortalMixin, ListView):
    """GET: the meetings in scope that are closed and wait for a verifier."""

    permission = "view"
    template_name = "kelurahan/pertemuan_menunggu.html"
    context_object_name = "daftar"
    paginate_by = 50

    def get_queryset(self):
        rows = (
            Pertemuan.objects.for_user(self.request.user)
            .menunggu_verifikasi()
            .select_related("wilayah")
            .order_by("tanggal", "id")
        )
        kode = self.request.GET.get("wilayah", "").strip()
        return rows.in_region(kode) if re.fullmatch(KODE_WILAYAH, kode) else rows  # a malformed code is ignored
