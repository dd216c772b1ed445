"""Data for the sosialisasi partial of the home page (the region page's section gets its data
from the view: SosialisasiConfig.bagian_wilayah)."""

from __future__ import annotations

from django import template

from ..models import RembugWarga

register = template.Library()

FLAGGED_SHOWN = 10


@register.simple_tag(takes_context=True)
def sosialisasi_di_bawah_target(context):
    """Number of rembug warga below target in the user's regions (one query)."""
    return RembugWarga.objects.for_user(context["request"].user).below_target().count()
