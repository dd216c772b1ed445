"""Query sets of the shared core. `ScopedQuerySet` is the base every app's query sets use:
`for_user` is the one way a user-facing query is narrowed to the user's regions."""

from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Substr

from . import access


class ScopedQuerySet(models.QuerySet):
    #: lookup path from this model to a region code column
    scope_field = "wilayah__kode"

    def for_user(self, user):
        return self.filter(access.scope_q(user, self.scope_field))

    def in_region(self, wilayah):
        """Rows located in `wilayah` or anywhere below it (a prefix on the region code)."""
        kode = wilayah if isinstance(wilayah, str) else wilayah.kode
        return self.filter(access.region_q(self.scope_field, kode))

    def count_by_child(self, wilayah) -> dict[str, int]:
        """{child region code: row count} for the children of `wilayah`, in one query."""
        length = len(wilayah.kode) + (3 if wilayah.tingkat < 3 else 5)
        rows = (
            self.in_region(wilayah)
            .exclude(**{self.scope_field: wilayah.kode})
            .annotate(kode_anak=Substr(self.scope_field, 1, length))
            .values("kode_anak")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return {row["kode_anak"]: row["n"] for row in rows}


class WilayahQuerySet(ScopedQuerySet):
    scope_field = "kode"

    def kelurahan(self):
        return self.filter(tingkat=4)

    def children_of(self, wilayah):
        if wilayah is None:
            return self.filter(tingkat=1)
        return self.filter(induk=wilayah)


class LokasiProgramQuerySet(ScopedQuerySet):
    pass


class LembagaQuerySet(ScopedQuerySet):
    pass


class OrangQuerySet(ScopedQuerySet):
    def search(self, text: str):
        return self.filter(nama__icontains=text.strip()) if text and text.strip() else self


class PertemuanQuerySet(ScopedQuerySet):
    def menunggu_verifikasi(self):
        """Closed meetings that no verifier has acknowledged yet."""
        from .models import StatusPertemuan

        return self.filter(status=StatusPertemuan.DITUTUP)

    TOTALS = ("pertemuan", "laki_laki", "perempuan", "disabilitas", "miskin")

    def _total_expressions(self) -> dict:
        return {
            "pertemuan": Count("pk"),
            "laki_laki": models.functions.Coalesce(models.Sum("jumlah_l"), 0),
            "perempuan": models.functions.Coalesce(models.Sum("jumlah_p"), 0),
            "disabilitas": models.functions.Coalesce(models.Sum("jumlah_disabilitas"), 0),
            "miskin": models.functions.Coalesce(models.Sum("jumlah_miskin"), 0),
        }

    def totals(self) -> dict[str, int]:
        """Summed counters; dashboards read these, never the attendance rows."""
        return self.aggregate(**self._total_expressions())

    def totals_by_child(self, wilayah) -> dict[str, dict[str, int]]:
        """{code: totals} for the children of `wilayah`, and for `wilayah` itself (its own
        meetings), in one grouped query: a region page's counters and child table at once,
        with `menunggu`, the closed meetings waiting for verification."""
        from .models import StatusPertemuan

        waiting = Count("pk", filter=Q(status=StatusPertemuan.DITUTUP))
        length = len(wilayah.kode) + (3 if wilayah.tingkat < 3 else 5)
        rows = (
            self.in_region(wilayah)
            .annotate(kode_anak=Substr(self.scope_field, 1, length))
            .values("kode_anak")
            .annotate(**self._total_expressions(), menunggu=waiting)
            .order_by()
        )
        return {row.pop("kode_anak"): row for row in rows}


class ProfilKelurahanQuerySet(ScopedQuerySet):
    def tahun(self, tahun: int):
        return self.filter(tahun=tahun)

    def angka(self, tahun: int) -> dict[str, dict[str, int]]:
        """{kelurahan code: {figure: value, "penduduk": men + women}} of the profiles of
        programme year `tahun` (narrow first: `.for_user(user).in_region(w).angka(2012)`);
        one query. A kelurahan without a profile that year is absent (not zero)."""
        from .models_profil import ANGKA

        rows = self.filter(tahun=tahun).order_by().values_list("wilayah_id", *ANGKA)
        out = {}
        for kode, *values in rows:
            figures = dict(zip(ANGKA, values, strict=True))
            figures["penduduk"] = figures["penduduk_l"] + figures["penduduk_p"]
            out[kode] = figures
        return out

    def jumlah(self, tahun: int) -> dict[str, int]:
        """The figures of year `tahun` summed over the rows (a region's denominators), with
        "kelurahan": how many kelurahan have a profile; one query."""
        from .models_profil import ANGKA

        sums = self.filter(tahun=tahun).aggregate(
            kelurahan=Count("pk"), **{f: models.functions.Coalesce(models.Sum(f), 0) for f in ANGKA}
        )
        sums["penduduk"] = sums["penduduk_l"] + sums["penduduk_p"]
        return sums


class KehadiranQuerySet(ScopedQuerySet):
    scope_field = "pertemuan__wilayah__kode"


class LampiranQuerySet(ScopedQuerySet):
    scope_field = "pertemuan__wilayah__kode"


class AksesQuerySet(ScopedQuerySet):
    pass


class BerkasQuerySet(models.QuerySet):
    def for_user(self, user):
        """Files whose owning record the user may see: each owner model's own `for_user`,
        so a file is exactly as visible as the record holding it; a file nobody holds is
        seen by no one."""
        q = Q(pk__in=[])
        for rel in self.model.relasi_pemilik():
            owners = rel.related_model._default_manager.for_user(user)
            q |= Q(pk__in=owners.values(rel.field.attname))
        return self.filter(q)
