import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Lokakarya, TingkatLokakarya


class LokakaryaFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Cari"), method="filter_q")
    tingkat = django_filters.ChoiceFilter(label=_("Tingkat"), choices=TingkatLokakarya.choices)
    wilayah = django_filters.ChoiceFilter(label=_("Wilayah"), method="filter_wilayah", empty_label=_("Semua wilayah"))
    tahun = django_filters.NumberFilter(label=_("Tahun"), field_name="pertemuan__tanggal", lookup_expr="year")

    class Meta:
        model = Lokakarya
        fields = ["q", "tingkat", "wilayah", "tahun"]

    def __init__(self, *args, wilayah_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["q"].field.widget = forms.TextInput(attrs={"placeholder": _("judul, tempat, penyelenggara")})
        self.filters["wilayah"].extra["choices"] = wilayah_choices

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_wilayah(self, queryset, name, value):
        return queryset.in_region(value.strip()) if value and value.strip() else queryset


def wilayah_choices(queryset) -> list[tuple[str, str]]:
    """Regions holding workshops in `queryset`, with their ancestors, as an indented list (two queries)."""
    from kelurahan.models import Wilayah

    codes = set(queryset.order_by().values_list("pertemuan__wilayah_id", flat=True).distinct())
    for kode in list(codes):
        parts = kode.split(".")
        codes.update(".".join(parts[:i]) for i in range(1, len(parts)))
    return [
        (w.kode, "\u2003" * (w.tingkat - 1) + w.label) for w in Wilayah.objects.filter(kode__in=codes).order_by("kode")
    ]
