from django import template

from kelurahan import access

from ..models import PermintaanBLM
from ..rantai import KAPABILITAS_VERIFIKASI

register = template.Library()


@register.simple_tag(takes_context=True)
def blm_menunggu(context) -> int:
    """How many requests wait at a step the user verifies (0 without a query for others)."""
    user = context["request"].user
    if not any(access.has_cap(user, cap) for cap in KAPABILITAS_VERIFIKASI):
        return 0
    return PermintaanBLM.objects.for_user(user).menunggu(user).count()
