"""Template helpers for meeting pages and print documents."""

import functools
from pathlib import Path

from django import template
from django.contrib.staticfiles import finders
from django.utils import formats
from django.utils.safestring import mark_safe
from num2words import num2words

register = template.Library()


@register.filter
def terbilang(value) -> str:
    """16 -> "enam belas" (Indonesian words, as on a berita acara)."""
    if value is None or value == "":
        return ""
    try:
        return num2words(int(value), lang="id")
    except (TypeError, ValueError, NotImplementedError):
        return str(value)


@register.filter
def tanggal_terbilang(value) -> str:
    """A date in words: "Rabu, tanggal enam belas bulan Mei tahun dua ribu dua belas"."""
    if not value:
        return ""
    hari = formats.date_format(value, "l")
    bulan = formats.date_format(value, "F")
    return f"{hari}, tanggal {terbilang(value.day)} bulan {bulan} tahun {terbilang(value.year)}"


@functools.cache
def _read_static(path: str) -> str:
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(path)
    return Path(found).read_text(encoding="utf-8")


@register.simple_tag
def inline_css(path: str):
    """The content of a static stylesheet, for print templates: inlined, so WeasyPrint
    needs no fetch (and no content type) for it."""
    return mark_safe(_read_static(path))  # noqa: S308 - our own static file
