"""Filter fields for list pages: a query string is typed by anyone, so every value is checked
before it reaches a date function or the database (a year 0 or 10000 breaks Django's year
lookup, a number past 64 bits breaks the database driver). An invalid value is a form error:
the list shows it and ignores that filter, never a server error."""

from __future__ import annotations

import datetime

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


class _TanggalForm(forms.Form):
    per = forms.DateField(input_formats=["%Y-%m-%d"])

    def clean_per(self):
        per = self.cleaned_data["per"]
        if not TAHUN_MIN <= per.year <= TAHUN_MAX:
            raise forms.ValidationError("out of range")
        return per


def tanggal(params, name: str = "per") -> tuple[datetime.date | None, str]:
    """A date query parameter (`YYYY-MM-DD`, years 2000–2100): (the date, "") when valid,
    (None, "") when absent, (None, a message for the page) when invalid: the page ignores it."""
    raw = params.get(name)
    if raw is None or raw == "":
        return None, ""
    form = _TanggalForm({"per": raw[:20]})
    if form.is_valid():
        return form.cleaned_data["per"], ""
    return None, str(
        _("Tanggal “%(v)s” tidak dapat dibaca (tulis TTTT-BB-HH, tahun 2000–2100); tanggal bawaan dipakai.")
        % {"v": raw[:20].replace("\x00", "")}
    )
