"""Query sets of BLM, and the aggregates the dashboards read. Every figure is one SQL
aggregate over stored totals (an allocation's `terbayar`, a request's `jumlah`), never a
loop over detail rows in Python."""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone

from kelurahan import access
from kelurahan.querysets import ScopedQuerySet

from .rantai import URUTAN_LANGKAH, Langkah, kapabilitas

#: request statuses that do not count as requested money: returned or withdrawn, waiting for
#: the filer to send them again
TIDAK_AKTIF = ("dikembalikan", "ditarik")


def _persen(part: int, whole: int) -> float | None:
    return None if not whole else 100 * part / whole


class AlokasiQuerySet(ScopedQuerySet):
    def summary(self) -> dict:
        """{kelurahan, alokasi, terbayar, sisa, penyerapan (% paid of allocated)} in one query."""
        row = self.aggregate(
            kelurahan=Count("wilayah", distinct=True),
            alokasi=Coalesce(Sum("jumlah"), 0),
            terbayar=Coalesce(Sum("terbayar"), 0),
        )
        row["sisa"] = row["alokasi"] - row["terbayar"]
        row["penyerapan"] = _persen(row["terbayar"], row["alokasi"])
        return row

    def summary_by_child(self, wilayah) -> dict[str, dict]:
        """{child region code: {alokasi, terbayar, penyerapan}} for the children of `wilayah`."""
        length = len(wilayah.kode) + (3 if wilayah.tingkat < 3 else 5)
        rows = (
            self.in_region(wilayah)
            .exclude(wilayah_id=wilayah.kode)
            .annotate(kode_anak=Substr("wilayah_id", 1, length))
            .values("kode_anak")
            .annotate(alokasi=Coalesce(Sum("jumlah"), 0), terbayar=Coalesce(Sum("terbayar"), 0))
            .order_by()
        )
        return {r["kode_anak"]: {**r, "penyerapan": _persen(r["terbayar"], r["alokasi"])} for r in rows}


class PermintaanQuerySet(ScopedQuerySet):
    def aktif(self):
        """Requests not returned nor withdrawn (they count as requested money)."""
        return self.exclude(status__in=TIDAK_AKTIF)

    def dalam_verifikasi(self):
        return self.filter(status="diproses")

    def menunggu(self, user):
        """Requests the user can verify now (blm.services.dapat_memverifikasi): waiting at a step
        of his role in his regions, not filed by him, no other step of this round verified by him."""
        from .models import JejakPermintaan

        q = Q(pk__in=[])
        for scope in access.scopes(user):
            for langkah in URUTAN_LANGKAH:
                if scope.peran in access.CAPABILITIES[kapabilitas(langkah)]:
                    q |= Q(langkah=langkah) & access.region_q("wilayah__kode", scope.kode)
        putaran = (
            JejakPermintaan.objects.filter(permintaan=OuterRef(OuterRef("pk")), tindakan="diajukan")
            .order_by("-pada", "-id")
            .values("pada")[:1]
        )
        sudah = JejakPermintaan.objects.filter(
            permintaan=OuterRef("pk"), oleh=user, tindakan="disetujui", pada__gte=Subquery(putaran)
        )
        return self.dalam_verifikasi().filter(q).exclude(diajukan_oleh=user).exclude(Exists(sudah))

    def summary(self, now: datetime.datetime | None = None) -> dict:
        """Requested and paid money and the requests stuck in verification, per step, with
        the longest wait: two queries whatever the number of kelurahan."""
        totals = self.aggregate(
            permintaan=Count("pk", filter=~Q(status__in=TIDAK_AKTIF)),
            diminta=Coalesce(Sum("jumlah", filter=~Q(status__in=TIDAK_AKTIF)), 0),
            dibayar=Coalesce(Sum("pembayaran__jumlah"), 0),
            dikembalikan=Count("pk", filter=Q(status="dikembalikan")),
            menunggu_bayar=Count("pk", filter=Q(status="terverifikasi")),
        )
        totals["tertahan"] = self.tertahan(now)
        return totals

    def tertahan(self, now: datetime.datetime | None = None) -> list[dict]:
        """Requests stuck in verification per step, in the chain's order: how many, how much,
        since when the oldest has waited and for how many days (one query)."""
        now = now or timezone.now()
        tertahan = []
        order = {k: i for i, k in enumerate(URUTAN_LANGKAH)}
        rows = (
            self.dalam_verifikasi()
            .values("langkah")
            .annotate(n=Count("pk"), jumlah=Coalesce(Sum("jumlah"), 0), sejak=Min("langkah_sejak"))
            .order_by()
        )
        for r in sorted(rows, key=lambda r: order.get(r["langkah"], 99)):
            r["lama_hari"] = (now - r["sejak"]).days if r["sejak"] else None
            r["label"] = Langkah(r["langkah"]).label if r["langkah"] in Langkah.values else r["langkah"]
            tertahan.append(r)
        return tertahan


class PembayaranQuerySet(ScopedQuerySet):
    pass


class DokumenQuerySet(ScopedQuerySet):
    scope_field = "alokasi__wilayah__kode"


class LpjQuerySet(ScopedQuerySet):
    pass


class BelanjaQuerySet(ScopedQuerySet):
    scope_field = "lpj__wilayah__kode"
