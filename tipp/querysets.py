"""Query sets of the TIPP app, all scoped through kelurahan's ScopedQuerySet."""

from kelurahan.querysets import ScopedQuerySet


class TIPPQuerySet(ScopedQuerySet):
    scope_field = "wilayah__kode"


class LangkahQuerySet(ScopedQuerySet):
    scope_field = "tipp__wilayah__kode"


class BuktiQuerySet(ScopedQuerySet):
    scope_field = "langkah__tipp__wilayah__kode"


class AnggotaQuerySet(ScopedQuerySet):
    scope_field = "tipp__wilayah__kode"


class PokjaQuerySet(ScopedQuerySet):
    scope_field = "tipp__wilayah__kode"


class FGDQuerySet(ScopedQuerySet):
    scope_field = "pertemuan__wilayah__kode"


class PemilihanQuerySet(ScopedQuerySet):
    scope_field = "pertemuan__wilayah__kode"


class KandidatQuerySet(ScopedQuerySet):
    scope_field = "pemilihan__pertemuan__wilayah__kode"


class RencanaKerjaQuerySet(ScopedQuerySet):
    scope_field = "wilayah__kode"

    def approved(self):
        return self.filter(disetujui__isnull=False)


class KegiatanQuerySet(ScopedQuerySet):
    scope_field = "rencana__wilayah__kode"

    def of_approved_plan(self, wilayah):
        kode = getattr(wilayah, "kode", wilayah)
        return self.filter(rencana__wilayah_id=kode, rencana__disetujui__isnull=False)


class DokumenQuerySet(ScopedQuerySet):
    scope_field = "wilayah__kode"

    def disahkan(self):
        from .models_dokumen import StatusDokumen

        return self.filter(status=StatusDokumen.DISAHKAN)


class KonsultasiQuerySet(ScopedQuerySet):
    scope_field = "dokumen__wilayah__kode"
