from django.contrib import admin

from kelurahan.admin import ScopedModelAdmin

from .models import Lokakarya, Narasumber


class NarasumberInline(admin.TabularInline):
    model = Narasumber
    extra = 0


@admin.register(Lokakarya)
class LokakaryaAdmin(ScopedModelAdmin):
    list_display = ["__str__", "tingkat", "sumber_dana", "penyelenggara"]
    list_filter = ["tingkat", "sumber_dana"]
    search_fields = ["pertemuan__judul", "penyelenggara"]
    raw_id_fields = ["pertemuan"]
    inlines = [NarasumberInline]

    def _is_admin(self, request, obj=None):
        from kelurahan import access

        return access.has_cap(request.user, "admin", obj.pertemuan.wilayah_id if obj else None)
