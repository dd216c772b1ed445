"""Query sets of sosialisasi. The inclusion flag is computed from the counters on
Pertemuan (never from attendance rows), so dashboards can count it in one query."""

from __future__ import annotations

from django.db.models import BooleanField, Case, Count, F, IntegerField, Q, Value, When
from django.db.models.functions import Cast, Coalesce

from kelurahan.querysets import ScopedQuerySet


class PengkondisianQuerySet(ScopedQuerySet):
    scope_field = "wilayah__kode"


class PemangkuQuerySet(ScopedQuerySet):
    scope_field = "pengkondisian__wilayah__kode"

    def diundang(self):
        return self.filter(diundang=True)


class KegiatanInformalQuerySet(ScopedQuerySet):
    scope_field = "pengkondisian__wilayah__kode"


class PeranPemdaQuerySet(ScopedQuerySet):
    scope_field = "wilayah__kode"

    def belum_selesai(self):
        return self.filter(selesai=False)


class RembugWargaQuerySet(ScopedQuerySet):
    scope_field = "pertemuan__wilayah__kode"

    def closed(self):
        return self.filter(ditutup__isnull=False)

    def open(self):
        return self.filter(ditutup__isnull=True)

    def with_inklusi(self, target=None):
        """Annotate `target_p10` (women target in tenths of a percent), `target_d` and
        `di_bawah_target`: the targets kept at closing for a closed meeting, else the
        current ones. A meeting with no attendance recorded yet is not flagged."""
        from .models import TargetInklusi

        target = target or TargetInklusi.current()
        current_p10 = int(target.persen_perempuan * 10)
        total = F("pertemuan__jumlah_l") + F("pertemuan__jumlah_p")
        qs = self.annotate(
            target_p10=Case(
                When(
                    ditutup__isnull=False,
                    target_persen_perempuan__isnull=False,
                    then=Cast(F("target_persen_perempuan") * 10, IntegerField()),
                ),
                default=Value(current_p10),
                output_field=IntegerField(),
            ),
            target_d=Case(
                When(ditutup__isnull=False, target_disabilitas__isnull=False, then=F("target_disabilitas")),
                default=Value(target.jumlah_disabilitas),
                output_field=IntegerField(),
            ),
            jumlah_hadir=Coalesce(total, 0),
        ).annotate(
            # women * 1000 against target (tenths of a percent) * attendees: whole numbers only
            perempuan_1000=F("pertemuan__jumlah_p") * 1000,
            batas_1000=F("target_p10") * F("jumlah_hadir"),
        )
        below = Q(jumlah_hadir__gt=0) & (
            Q(perempuan_1000__lt=F("batas_1000")) | Q(pertemuan__jumlah_disabilitas__lt=F("target_d"))
        )
        return qs.annotate(
            di_bawah_target=Case(When(below, then=Value(True)), default=Value(False), output_field=BooleanField()),
        )

    def ringkasan_inklusi(self, target=None) -> dict[str, int]:
        """{"total", "ditutup", "di_bawah"} in one query, for dashboards and region pages."""
        return self.with_inklusi(target).aggregate(
            total=Count("pk"),
            ditutup=Count("pk", filter=Q(ditutup__isnull=False)),
            di_bawah=Count("pk", filter=Q(di_bawah_target=True)),
        )

    def below_target(self, target=None):
        """Rembug warga with attendance whose share of women or number of people with
        disabilities is below the targets (those kept at closing, else the current ones)."""
        return self.with_inklusi(target).filter(di_bawah_target=True)
