from django.contrib import admin

from kelurahan.admin import NationalModelAdmin, ScopedInline, ScopedModelAdmin

from .models import KegiatanInformal, Pemangku, Pengkondisian, PeranPemda, RembugWarga, TargetInklusi


@admin.register(TargetInklusi)
class TargetInklusiAdmin(NationalModelAdmin):
    """The one row of national targets: a national administrator changes it, nobody adds more."""

    list_display = ["__str__", "diubah"]

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request) and not TargetInklusi.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class PemangkuInline(ScopedInline):
    model = Pemangku


class KegiatanInformalInline(ScopedInline):
    model = KegiatanInformal


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


@admin.register(PeranPemda)
class PeranPemdaAdmin(ScopedModelAdmin):
    list_display = ["uraian", "tahap", "wilayah", "pelaksana", "tenggat", "selesai"]
    list_filter = ["tahap", "selesai"]
    search_fields = ["uraian", "pelaksana", "wilayah__nama"]
    raw_id_fields = ["wilayah"]
