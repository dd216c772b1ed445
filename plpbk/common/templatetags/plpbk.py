"""Display helpers used by every template: Rupiah, percentages, sex codes."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import pgettext

register = template.Library()


@register.filter
def rupiah(value):
    """Whole Rupiah with the locale's grouping: 1000000 -> "Rp 1.000.000"."""
    if value is None or value == "":
        return ""
    return f"Rp {number_format(int(value), 0, force_grouping=True)}"


@register.filter
def jk(value):
    """A stored sex code (L/P, as the programme's forms write it) in the page's language."""
    if value == "L":
        return pgettext("jenis kelamin, singkat", "L")
    if value == "P":
        return pgettext("jenis kelamin, singkat", "P")
    return value


@register.filter
def angka(value):
    if value is None or value == "":
        return ""
    return number_format(value, 0, force_grouping=True)


@register.filter
def persen(value, digits=0):
    """51.72 -> "52%"; None -> "–"."""
    if value is None or value == "":
        return "–"
    return f"{number_format(round(float(value), int(digits)), int(digits))}%"
