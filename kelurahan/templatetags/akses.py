"""Capability checks in templates: {% load akses %}{% can "pertemuan.entry" obj.wilayah as boleh %}."""

from django import template

from kelurahan import access

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, capability, wilayah=None):
    return access.has_cap(context["request"].user, capability, wilayah)
