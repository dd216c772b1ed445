"""Admin for administrators. Allocations are scoped like every page; requests, payments and
LPJ are read-only here, because their rules (the chain, the locks, the totals) live in
blm.services and the admin must not bypass them."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kelurahan import access
from kelurahan.admin import ScopedModelAdmin
from kelurahan.konflik import VersiAdminMixin

from .models import AlokasiBLM, KonfigurasiBLM, LpjBLM, PembayaranBLM, PermintaanBLM, TahapBLM


class TahapInline(admin.TabularInline):
    model = TahapBLM
    extra = 0


@admin.register(KonfigurasiBLM)
class KonfigurasiAdmin(VersiAdminMixin, SimpleHistoryAdmin):
    list_display = ["tahun", "catatan"]
    inlines = [TahapInline]

    def _cap(self, request, obj=None):
        return access.has_cap(request.user, "blm.configure")

    has_module_permission = has_view_permission = has_add_permission = _cap
    has_change_permission = has_delete_permission = _cap


@admin.register(AlokasiBLM)
class AlokasiAdmin(ScopedModelAdmin):
    list_display = ["wilayah", "tahun", "jumlah", "terbayar", "batas_waktu"]
    list_filter = ["tahun"]
    search_fields = ["wilayah__nama", "wilayah__kode"]
    raw_id_fields = ["wilayah"]
    readonly_fields = ["jumlah", "terbayar"]

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ScopedModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PermintaanBLM)
class PermintaanAdmin(ReadOnlyAdmin):
    list_display = ["wilayah", "nomor", "jumlah", "status", "langkah", "diajukan_pada"]
    list_filter = ["status", "langkah"]
    search_fields = ["wilayah__nama", "wilayah__kode"]


@admin.register(PembayaranBLM)
class PembayaranAdmin(ReadOnlyAdmin):
    list_display = ["wilayah", "permintaan", "tanggal", "jumlah"]


@admin.register(LpjBLM)
class LpjAdmin(ReadOnlyAdmin):
    list_display = ["wilayah", "permintaan", "status", "realisasi"]
    list_filter = ["status"]
