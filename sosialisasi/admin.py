from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kelurahan import access
from kelurahan.admin import ScopedModelAdmin
from kelurahan.konflik import VersiAdminMixin

from .models import KegiatanInformal, Pemangku, Pengkondisian, PeranPemda, RembugWarga, TargetInklusi


@admin.register(TargetInklusi)
class TargetInklusiAdmin(VersiAdminMixin, SimpleHistoryAdmin):
    """The one row of national targets: a national administrator changes it, nobody adds more."""

    list_display = ["__str__", "diubah"]

    def _national_admin(self, request):
        return access.has_cap(request.user, "admin") and access.region_codes(request.user) is None

    def has_module_permission(self, request):
        return self._national_admin(request)

    def has_view_permission(self, request, obj=None):
        return self._national_admin(request)

    def has_change_permission(self, request, obj=None):
        return self._national_admin(request)

    def has_add_permission(self, request):
        return self._national_admin(request) and not TargetInklusi.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class PemangkuInline(admin.TabularInline):
    model = Pemangku
    extra = 0


class KegiatanInformalInline(admin.TabularInline):
    model = KegiatanInformal
    extra = 0


@admin.register(Pengkondisian)
class PengkondisianAdmin(ScopedModelAdmin):
    list_display = ["wilayah", "tanggal_mulai", "fasilitator"]
    search_fields = ["wilayah__nama"]
    raw_id_fields = ["wilayah"]
    readonly_fields = ["dibuat_oleh"]
    inlines = [PemangkuInline, KegiatanInformalInline]


@admin.register(RembugWarga)
class RembugWargaAdmin(ScopedModelAdmin):
    list_display = ["pertemuan", "ditutup", "target_persen_perempuan", "target_disabilitas"]
    list_filter = ["ditutup"]
    search_fields = ["pertemuan__judul", "pertemuan__wilayah__nama"]
    raw_id_fields = ["pertemuan"]
    readonly_fields = ["ditutup", "ditutup_oleh", "target_persen_perempuan", "target_disabilitas"]

    def _is_admin(self, request, obj=None):
        region = None if obj is None else obj.pertemuan.wilayah_id
        return access.has_cap(request.user, "admin", region)


@admin.register(PeranPemda)
class PeranPemdaAdmin(ScopedModelAdmin):
    list_display = ["uraian", "tahap", "wilayah", "pelaksana", "tenggat", "selesai"]
    list_filter = ["tahap", "selesai"]
    search_fields = ["uraian", "pelaksana", "wilayah__nama"]
    raw_id_fields = ["wilayah"]
