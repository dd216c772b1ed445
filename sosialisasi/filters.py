"""List filters of the rembug warga list."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plpbk.common.filters import TahunFilter

from .models import RembugWarga


class RembugFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Cari"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("terbuka", _("Belum ditutup")), ("ditutup", _("Sudah ditutup"))],
        method="by_status",
        empty_label=_("Semua status"),
    )
    inklusi = django_filters.ChoiceFilter(
        label=_("Inklusi"),
        choices=[("di_bawah", _("Di bawah target")), ("memenuhi", _("Memenuhi target"))],
        method="by_inklusi",
        empty_label=_("Semua"),
    )
    tahun = TahunFilter(label=_("Tahun"), field_name="pertemuan__tanggal", lookup_expr="year")

    class Meta:
        model = RembugWarga
        fields = ["q", "status", "inklusi", "tahun"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            css = "form-select form-select-sm" if hasattr(field, "choices") else "form-control form-control-sm"
            field.widget.attrs.setdefault("class", css)

    def search(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        return qs.filter(
            Q(pertemuan__judul__icontains=value)
            | Q(pertemuan__wilayah__nama__icontains=value)
            | Q(pertemuan__tempat__icontains=value)
        )

    def by_status(self, qs, name, value):
        return qs.filter(ditutup__isnull=(value == "terbuka"))

    def by_inklusi(self, qs, name, value):
        # the queryset arrives annotated by with_inklusi()
        return qs.filter(di_bawah_target=(value == "di_bawah"), jumlah_hadir__gt=0)
