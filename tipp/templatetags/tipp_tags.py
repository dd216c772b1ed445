from django import template
from django.db.models import Count, Q

from ..models import JUMLAH_LANGKAH, TIPP, RencanaKerja

register = template.Library()


@register.simple_tag
def tipp_ringkasan(wilayah) -> dict:
    """The TIPP summary of a kelurahan for the region page: two queries."""
    tipp = (
        TIPP.objects.filter(wilayah=wilayah)
        .annotate(selesai=Count("langkah", filter=Q(langkah__selesai__isnull=False)))
        .first()
    )
    return {
        "tipp": tipp,
        "selesai": tipp.selesai if tipp else 0,
        "total": JUMLAH_LANGKAH,
        "rencana": RencanaKerja.objects.filter(wilayah=wilayah).first(),
    }


@register.simple_tag
def kehadiran_link(pertemuan, next_url=""):
    """The shared attendance entry of a meeting, coming back to `next_url` ("" if not installed)."""
    from ..views.pokja import kehadiran_url

    return kehadiran_url(pertemuan, next_url)
