from django import template

from kelurahan import access

from .. import services
from ..models import PermintaanBLM

register = template.Library()

VERIFY_CAPS = ("blm.verify.fasilitator", "blm.verify.pjok", "blm.verify.korkot", "blm.verify.ppk", "blm.verify.satker")


@register.simple_tag(takes_context=True)
def blm_menunggu(context) -> int:
    """How many requests wait at a step the user verifies (0 without a query for others)."""
    user = context["request"].user
    if not any(access.has_cap(user, cap) for cap in VERIFY_CAPS):
        return 0
    return PermintaanBLM.objects.for_user(user).menunggu(user).count()


@register.simple_tag(takes_context=True)
def blm_ringkasan(context, wilayah) -> dict:
    """BLM figures of a region for the region page: two aggregate queries."""
    return services.ringkasan(context["request"].user, wilayah)
