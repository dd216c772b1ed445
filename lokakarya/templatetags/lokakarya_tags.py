from django import template

from ..models import Lokakarya

register = template.Library()


@register.simple_tag(takes_context=True)
def lokakarya_terakhir(context, wilayah, limit=5):
    """The latest workshops in and below `wilayah` that the user may see (one query)."""
    user = context["request"].user
    return list(Lokakarya.objects.for_user(user).in_region(wilayah).for_list()[:limit])
