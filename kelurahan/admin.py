"""Django admin for administrators, scoped like every other page: an administrator of a
province sees and edits only that province's rows."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import access
from .konflik import VersiAdminMixin
from .models import Akses, Jabatan, Kehadiran, Lembaga, LokasiProgram, Orang, Pertemuan, Wilayah


class ScopedModelAdmin(VersiAdminMixin, SimpleHistoryAdmin):
    """Rows through `for_user`; every permission needs the "admin" capability; a stale save
    is refused (`VersiAdminMixin`)."""

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    def _is_admin(self, request, obj=None):
        region = None if obj is None else getattr(obj, "wilayah_id", None)
        return access.has_cap(request.user, "admin", region)

    def has_module_permission(self, request):
        return self._is_admin(request)

    def has_view_permission(self, request, obj=None):
        return self._is_admin(request, obj)

    def has_add_permission(self, request):
        return self._is_admin(request)

    def has_change_permission(self, request, obj=None):
        return self._is_admin(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._is_admin(request, obj)


@admin.register(Wilayah)
class WilayahAdmin(ScopedModelAdmin):
    list_display = ["kode", "nama", "tingkat"]
    list_filter = ["tingkat"]
    search_fields = ["kode", "nama"]
    raw_id_fields = ["induk"]

    def _is_admin(self, request, obj=None):
        return access.has_cap(request.user, "admin", obj.kode if obj else None)


@admin.register(LokasiProgram)
class LokasiProgramAdmin(ScopedModelAdmin):
    list_display = ["wilayah", "tahun", "angkatan"]
    list_filter = ["tahun"]
    raw_id_fields = ["wilayah"]


class JabatanInline(admin.TabularInline):
    model = Jabatan
    raw_id_fields = ["orang"]
    extra = 0


@admin.register(Lembaga)
class LembagaAdmin(ScopedModelAdmin):
    list_display = ["nama", "jenis", "wilayah"]
    list_filter = ["jenis"]
    search_fields = ["nama", "wilayah__nama"]
    raw_id_fields = ["wilayah"]
    inlines = [JabatanInline]


@admin.register(Orang)
class OrangAdmin(ScopedModelAdmin):
    list_display = ["nama", "jenis_kelamin", "wilayah", "rt", "rw"]
    list_filter = ["jenis_kelamin", "disabilitas", "miskin"]
    search_fields = ["nama"]
    raw_id_fields = ["wilayah"]


class KehadiranInline(admin.TabularInline):
    model = Kehadiran
    raw_id_fields = ["orang"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # attendance is written by the attendance service only

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Pertemuan)
class PertemuanAdmin(ScopedModelAdmin):
    list_display = ["judul", "jenis", "wilayah", "tanggal", "jumlah_l", "jumlah_p"]
    list_filter = ["jenis"]
    search_fields = ["judul"]
    raw_id_fields = ["wilayah"]
    date_hierarchy = "tanggal"
    inlines = [KehadiranInline]


@admin.register(Akses)
class AksesAdmin(ScopedModelAdmin):
    list_display = ["user", "peran", "wilayah"]
    list_filter = ["peran"]
    search_fields = ["user__username", "wilayah__nama"]
    raw_id_fields = ["wilayah", "orang"]
