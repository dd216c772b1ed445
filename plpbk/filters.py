"""Filter fields for list pages: a query string is typed by anyone, so every value is checked
before it reaches a date function or the database (a year 0 or 10000 breaks Django's year
lookup, a number past 64 bits breaks the database driver). An invalid value is a form error:
the list shows it and ignores that filter, never a server error."""

from __future__ import annotations

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

TAHUN_MIN, TAHUN_MAX = 2000, 2100
#: a Kemendagri region code: province, kabupaten/kota, kecamatan or kelurahan/desa
KODE_WILAYAH = r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$"


class TahunField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", TAHUN_MIN)
        kwargs.setdefault("max_value", TAHUN_MAX)
        super().__init__(**kwargs)


class TahunFilter(django_filters.NumberFilter):
    """A year between 2000 and 2100 (the programme's years, with room)."""

    field_class = TahunField


class KodeWilayahField(forms.CharField):
    default_validators = [
        RegexValidator(KODE_WILAYAH, _("Kode wilayah harus berbentuk PP, PP.KK, PP.KK.CC atau PP.KK.CC.DDDD."))
    ]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 13)
        super().__init__(**kwargs)


class KodeWilayahFilter(django_filters.CharFilter):
    """A region code by its pattern; the filterset checks it against the user's regions."""

    field_class = KodeWilayahField


def teks(params, name: str, max_length: int = 200) -> str:
    """A free-text query parameter as the database takes it: without NUL (PostgreSQL refuses
    it in text), trimmed and capped; for views that read a search box without a form."""
    return (params.get(name) or "").replace("\x00", "").strip()[:max_length]
