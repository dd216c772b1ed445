from django.contrib import admin

from kelurahan.admin import ScopedInline, ScopedModelAdmin

from .models import Lokakarya, Narasumber


class NarasumberInline(ScopedInline):
    model = Narasumber


@admin.register(Lokakarya)
class LokakaryaAdmin(ScopedModelAdmin):
    list_display = ["__str__", "tingkat", "sumber_dana", "penyelenggara"]
    list_filter = ["tingkat", "sumber_dana"]
    search_fields = ["pertemuan__judul", "penyelenggara"]
    raw_id_fields = ["pertemuan"]
    inlines = [NarasumberInline]
