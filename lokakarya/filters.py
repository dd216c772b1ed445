import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kelurahan import access
from plpbk.common.filters import KodeWilayahFilter, TahunFilter

from .models import Lokakarya, TingkatLokakarya


class LokakaryaFilter(django_filters.FilterSet):
    """The region is a code typed or picked from suggestions loaded as the user types
    (kelurahan:wilayah_cari), checked against the user's regions: the page never lists the
    thousands of regions a national user sees."""

    q = django_filters.CharFilter(label=_("Cari"), method="filter_q")
    tingkat = django_filters.ChoiceFilter(label=_("Tingkat"), choices=TingkatLokakarya.choices)
    wilayah = KodeWilayahFilter(label=_("Wilayah"), method="filter_wilayah")
    tahun = TahunFilter(label=_("Tahun"), field_name="pertemuan__tanggal", lookup_expr="year")

    class Meta:
        model = Lokakarya
        fields = ["q", "tingkat", "wilayah", "tahun"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["q"].field.widget = forms.TextInput(attrs={"placeholder": _("judul, tempat, penyelenggara")})
        field = self.form.fields["wilayah"]
        field.widget = forms.TextInput(
            attrs={
                "placeholder": _("ketik nama atau kode wilayah"),
                "list": "wilayah-saran",
                "autocomplete": "off",
                "hx-get": reverse("kelurahan:wilayah_cari"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#wilayah-saran",
            }
        )

        def in_scope(kode):
            if user is not None and not access.can_see(user, kode):
                raise ValidationError(_("Wilayah ini di luar wilayah Anda."))

        field.validators.append(in_scope)

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_wilayah(self, queryset, name, value):
        return queryset.in_region(value) if value else queryset
