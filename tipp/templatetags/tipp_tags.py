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


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
