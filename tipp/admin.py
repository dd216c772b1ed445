from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kelurahan import access
from kelurahan.admin import ScopedModelAdmin
from kelurahan.konflik import VersiAdminMixin

from .models import TIPP, AnggotaTIPP, Kegiatan, LangkahTIPP, PengaturanTIPP, Pokja, RencanaKerja


@admin.register(PengaturanTIPP)
class PengaturanTIPPAdmin(VersiAdminMixin, SimpleHistoryAdmin):
    """The gender target is national: only a national administrator changes it."""

    list_display = ["__str__", "target_perempuan"]

    def _national_admin(self, request):
        return access.has_cap(request.user, "admin") and access.region_codes(request.user) is None

    def has_module_permission(self, request):
        return self._national_admin(request)

    def has_view_permission(self, request, obj=None):
        return self._national_admin(request)

    def has_add_permission(self, request):
        return self._national_admin(request) and not PengaturanTIPP.objects.exists()

    def has_change_permission(self, request, obj=None):
        return self._national_admin(request)

    def has_delete_permission(self, request, obj=None):
        return False


class LangkahInline(admin.TabularInline):
    model = LangkahTIPP
    fields = ["nomor", "hasil", "selesai"]
    readonly_fields = ["nomor", "selesai"]
    extra = 0
    can_delete = False


@admin.register(TIPP)
class TIPPAdmin(ScopedModelAdmin):
    list_display = ["wilayah", "dikukuhkan"]
    raw_id_fields = ["wilayah"]
    inlines = [LangkahInline]


class ViaTIPPAdmin(ScopedModelAdmin):
    def _is_admin(self, request, obj=None):
        return access.has_cap(request.user, "admin", obj.kode_wilayah if obj else None)


@admin.register(AnggotaTIPP)
class AnggotaTIPPAdmin(ViaTIPPAdmin):
    list_display = ["orang", "tipp", "asal", "peran"]
    list_filter = ["asal"]
    raw_id_fields = ["orang", "tipp"]


@admin.register(Pokja)
class PokjaAdmin(ViaTIPPAdmin):
    list_display = ["nama", "tipp"]
    raw_id_fields = ["tipp"]


@admin.register(RencanaKerja)
class RencanaKerjaAdmin(ScopedModelAdmin):
    list_display = ["wilayah", "disetujui"]
    raw_id_fields = ["wilayah"]
    readonly_fields = ["disetujui", "disetujui_oleh"]


@admin.register(Kegiatan)
class KegiatanAdmin(ViaTIPPAdmin):
    list_display = ["nama", "rencana", "tahap", "mulai", "durasi", "progres"]
    list_filter = ["tahap"]
    raw_id_fields = ["rencana"]
