from django.contrib import admin

from kelurahan.admin import NationalModelAdmin, ScopedInline, ScopedModelAdmin

from .models import TIPP, AnggotaTIPP, DokumenPerencanaan, Kegiatan, LangkahTIPP, PengaturanTIPP, Pokja, RencanaKerja


@admin.register(PengaturanTIPP)
class PengaturanTIPPAdmin(NationalModelAdmin):
    """The gender target is national: only a national administrator changes it."""

    list_display = ["__str__", "target_perempuan"]

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request) and not PengaturanTIPP.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class LangkahInline(ScopedInline):
    model = LangkahTIPP
    fields = ["nomor", "hasil", "selesai"]
    readonly_fields = ["nomor", "selesai"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # the five steps are made with the TIPP


@admin.register(TIPP)
class TIPPAdmin(ScopedModelAdmin):
    list_display = ["wilayah", "dikukuhkan"]
    raw_id_fields = ["wilayah"]
    inlines = [LangkahInline]


@admin.register(AnggotaTIPP)
class AnggotaTIPPAdmin(ScopedModelAdmin):
    list_display = ["orang", "tipp", "asal", "peran"]
    list_filter = ["asal"]
    raw_id_fields = ["orang", "tipp"]


@admin.register(Pokja)
class PokjaAdmin(ScopedModelAdmin):
    list_display = ["nama", "tipp"]
    raw_id_fields = ["tipp"]


@admin.register(RencanaKerja)
class RencanaKerjaAdmin(ScopedModelAdmin):
    list_display = ["wilayah", "disetujui"]
    raw_id_fields = ["wilayah"]
    readonly_fields = ["disetujui", "disetujui_oleh"]


@admin.register(Kegiatan)
class KegiatanAdmin(ScopedModelAdmin):
    list_display = ["nama", "rencana", "tahap", "mulai", "durasi", "progres"]
    list_filter = ["tahap"]
    raw_id_fields = ["rencana"]


@admin.register(DokumenPerencanaan)
class DokumenPerencanaanAdmin(ScopedModelAdmin):
    """Fields only; the status moves through the document page (its steps and trail), the
    file through its upload."""

    list_display = ["judul", "jenis", "wilayah", "status", "disahkan"]
    list_filter = ["jenis", "status"]
    raw_id_fields = ["wilayah"]
    readonly_fields = ["status", "disahkan", "berkas"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj is not None and obj.beku)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj is not None and obj.beku)
