"""`{% riwayat_url obj as url %}`: the Riwayat page of an audited object ('' when it has none)."""

from django import template
from django.urls import reverse

from kelurahan.riwayat import model_labels

register = template.Library()


@register.simple_tag
def riwayat_url(obj) -> str:
    if obj is None or getattr(obj, "pk", None) is None:
        return ""
    meta = obj._meta
    if meta.label_lower not in model_labels():
        return ""
    return reverse("kelurahan:riwayat", args=[meta.app_label, meta.model_name, obj.pk])
