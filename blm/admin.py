"""Admin for administrators. Allocations are scoped like every page; requests, payments and
LPJ are read-only here, because their rules (the chain, the locks, the totals) live in
blm.services and the admin must not bypass them."""

from django.contrib import admin

from kelurahan.admin import NationalModelAdmin, ScopedInline, ScopedModelAdmin

from .models import AlokasiBLM, KonfigurasiBLM, LpjBLM, PembayaranBLM, PermintaanBLM, TahapBLM


class TahapInline(ScopedInline):
    model = TahapBLM


@admin.register(KonfigurasiBLM)
class KonfigurasiAdmin(NationalModelAdmin):
    """The tahap configuration applies to the whole country."""

    list_display = ["tahun", "catatan"]
    inlines = [TahapInline]


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


# --- the KSM stage: read-only here too (the ceilings, locks and totals live in blm.services_ksm)

from .models_ksm import KSM, BeritaAcaraKSM, LaporanProgres, PencairanKSM, UsulanKegiatan  # noqa: E402


@admin.register(KSM)
class KsmAdmin(ReadOnlyAdmin):
    list_display = ["nama", "wilayah", "dibentuk", "ketua"]
    search_fields = ["nama", "wilayah__nama", "wilayah__kode"]


@admin.register(UsulanKegiatan)
class UsulanAdmin(ReadOnlyAdmin):
    list_display = ["nama", "ksm", "wilayah", "biaya_blm", "status", "dicairkan", "progres"]
    list_filter = ["status"]
    search_fields = ["nama", "ksm__nama", "wilayah__kode"]


@admin.register(PencairanKSM)
class PencairanKsmAdmin(ReadOnlyAdmin):
    list_display = ["usulan", "wilayah", "tahap", "tanggal", "jumlah"]


@admin.register(LaporanProgres)
class LaporanProgresAdmin(ReadOnlyAdmin):
    list_display = ["usulan", "wilayah", "tanggal", "persen", "dana_terpakai"]


@admin.register(BeritaAcaraKSM)
class BeritaAcaraKsmAdmin(ReadOnlyAdmin):
    list_display = ["usulan", "wilayah", "jenis", "tanggal"]
