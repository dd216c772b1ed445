from django.contrib import admin

from kelurahan.admin import NationalModelAdmin

from .models import AmbangPerhatian


@admin.register(AmbangPerhatian)
class AmbangPerhatianAdmin(NationalModelAdmin):
    """Attention thresholds are national: only a national administrator changes them."""

    list_display = ["tahun_program", "batas_lokakarya", "batas_rembug", "batas_tipp", "batas_rencana", "deviasi_maks"]
