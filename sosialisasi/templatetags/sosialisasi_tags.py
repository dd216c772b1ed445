"""Data for the sosialisasi partials on shared pages (region page, home page), in a fixed
number of queries whatever the number of rows."""

from __future__ import annotations

from django import template
from django.db.models import Count, Q
from django.utils import timezone

from kelurahan import access

from ..models import Pengkondisian, PeranPemda, RembugWarga, TahapPeran, TargetInklusi

register = template.Library()

FLAGGED_SHOWN = 10


@register.simple_tag(takes_context=True)
def sosialisasi_region(context, wilayah):
    """{% sosialisasi_region wilayah as sos %}: rembug warga with their inclusion flag, the
    pengkondisian summary and the Peran Pemda commitments (kelurahan), or counts and the
    meetings below target (higher regions)."""
    user = context["request"].user
    target = TargetInklusi.current()
    rembug = RembugWarga.objects.for_user(user).in_region(wilayah).with_inklusi(target)
    data = {"target": target, "boleh_ubah": access.has_cap(user, "sosialisasi.entry", wilayah)}
    if wilayah.is_kelurahan:
        data["rembug"] = list(rembug.select_related("pertemuan").order_by("-pertemuan__tanggal", "-pk"))
        data["di_bawah"] = [r for r in data["rembug"] if r.di_bawah_target]
        data["pengkondisian"] = (
            Pengkondisian.objects.for_user(user)
            .filter(wilayah=wilayah)
            .annotate(
                n_pemangku=Count("pemangku", distinct=True),
                n_diundang=Count("pemangku", filter=Q(pemangku__diundang=True), distinct=True),
                n_informal=Count("kegiatan_informal", distinct=True),
            )
            .first()
        )
        peran = list(PeranPemda.objects.for_user(user).filter(wilayah=wilayah))
        today = timezone.localdate()
        for p in peran:
            p.is_terlambat = p.terlambat(today)
        data["peran"] = [(value, label, [p for p in peran if p.tahap == value]) for value, label in TahapPeran.choices]
        data["peran_total"] = len(peran)
        data["peran_selesai"] = sum(1 for p in peran if p.selesai)
    else:
        data["counts"] = RembugWarga.objects.for_user(user).in_region(wilayah).ringkasan_inklusi(target)
        data["di_bawah"] = list(
            rembug.filter(di_bawah_target=True)
            .select_related("pertemuan__wilayah")
            .order_by("-pertemuan__tanggal", "-pk")[:FLAGGED_SHOWN]
        )
    return data


@register.simple_tag(takes_context=True)
def sosialisasi_di_bawah_target(context):
    """Number of rembug warga below target in the user's regions (one query)."""
    return RembugWarga.objects.for_user(context["request"].user).below_target().count()
