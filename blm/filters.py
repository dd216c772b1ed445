import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plpbk.common.filters import TahunFilter

from .models import AlokasiBLM, Langkah, PermintaanBLM, StatusPermintaan

SELECT = forms.Select(attrs={"class": "form-select form-select-sm"})


class AlokasiFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Cari kelurahan/desa"), method="search")
    tahun = TahunFilter(label=_("Tahun"))

    class Meta:
        model = AlokasiBLM
        fields = ["q", "tahun"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(wilayah__nama__icontains=value) | Q(wilayah__kode__startswith=value))


class PermintaanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Cari kelurahan/desa"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=StatusPermintaan.choices, empty_label=_("Semua status"), widget=SELECT
    )
    langkah = django_filters.ChoiceFilter(
        label=_("Menunggu"), choices=Langkah.choices, empty_label=_("Semua langkah"), widget=SELECT
    )
    tahun = TahunFilter(label=_("Tahun"), field_name="alokasi__tahun")

    class Meta:
        model = PermintaanBLM
        fields = ["q", "status", "langkah", "tahun"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(wilayah__nama__icontains=value) | Q(wilayah__kode__startswith=value))
