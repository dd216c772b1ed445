from django.contrib import admin
from django.db import transaction

from kelurahan.admin import NationalModelAdmin

from . import ringkasan
from .models import AmbangPerhatian


@admin.register(AmbangPerhatian)
class AmbangPerhatianAdmin(NationalModelAdmin):
    """Attention thresholds are national: only a national administrator changes them."""

    list_display = ["tahun_program", "batas_lokakarya", "batas_rembug", "batas_tipp", "batas_rencana", "deviasi_maks"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        transaction.on_commit(ringkasan.perbarui_kunci)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(ringkasan.perbarui_kunci)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        transaction.on_commit(ringkasan.perbarui_kunci)
