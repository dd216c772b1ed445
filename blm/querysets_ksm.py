"""Query sets of the KSM stage and the per-kelurahan figures the dashboard's registry reads:
each one SQL aggregate over totals stored on the proposal rows (never a Python loop over
reports or transfers)."""

from __future__ import annotations

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce

from kelurahan.querysets import ScopedQuerySet

DISETUJUI = "disetujui"


def _persen(part: int, whole: int) -> float | None:
    return None if not whole else 100 * part / whole


class KsmQuerySet(ScopedQuerySet):
    def per_kelurahan(self) -> dict[str, int]:
        """{kelurahan code: number of KSM} (one query)."""
        rows = self.values("wilayah_id").annotate(n=Count("pk")).order_by()
        return {r["wilayah_id"]: r["n"] for r in rows}


class AnggotaKsmQuerySet(ScopedQuerySet):
    scope_field = "ksm__wilayah__kode"


class UsulanQuerySet(ScopedQuerySet):
    def disetujui(self):
        """Proposals the Fasilitator verified: they count as money the BKM passes on."""
        return self.filter(status=DISETUJUI)

    def _angka(self):
        return {
            "usulan": Count("pk"),
            "disetujui_rp": Coalesce(Sum("biaya_blm"), 0),
            "swadaya_rp": Coalesce(Sum("biaya_swadaya"), 0),
            "dicairkan_rp": Coalesce(Sum("dicairkan"), 0),
            "terpakai_rp": Coalesce(Sum("dana_terpakai"), 0),
            "bobot_progres": Coalesce(Sum(F("progres") * F("biaya_blm")), 0),
            "penerima_jiwa": Coalesce(Sum("penerima_jiwa"), 0),
            "penerima_perempuan": Coalesce(Sum("penerima_perempuan"), 0),
            "penerima_miskin": Coalesce(Sum("penerima_miskin"), 0),
            "penerima_kk": Coalesce(Sum("penerima_kk"), 0),
        }

    @staticmethod
    def _selesaikan(row: dict) -> dict:
        """Physical progress is the proposals' progress weighted by their BLM money."""
        bobot = row.pop("bobot_progres")
        row["progres_fisik"] = None if not row["disetujui_rp"] else bobot / row["disetujui_rp"]
        row["penyerapan_ksm"] = _persen(row["terpakai_rp"], row["dicairkan_rp"])
        return row

    def totals(self) -> dict:
        """Figures of the verified proposals in the query set (one query): usulan, disetujui_rp,
        swadaya_rp, dicairkan_rp, terpakai_rp, progres_fisik (%), penyerapan_ksm (% of the
        disbursed money used), penerima_jiwa/perempuan/miskin/kk."""
        return self._selesaikan(self.disetujui().aggregate(**self._angka()))

    def per_kelurahan(self) -> dict[str, dict]:
        """{kelurahan code: the figures of `totals`} for the verified proposals (one query)."""
        rows = self.disetujui().values("wilayah_id").annotate(**self._angka()).order_by()
        return {r.pop("wilayah_id"): self._selesaikan(r) for r in rows}


def figur_per_kelurahan(ksm: KsmQuerySet, usulan: UsulanQuerySet) -> dict[str, dict]:
    """{kelurahan code: {ksm, usulan, disetujui_rp, dicairkan_rp, terpakai_rp, progres_fisik,
    penerima_*}}: the KSM count joined to the proposal figures (two queries). Pass query sets
    already narrowed (for_user, in_region)."""
    hasil = {kode: {"ksm": n} for kode, n in ksm.per_kelurahan().items()}
    for kode, row in usulan.per_kelurahan().items():
        hasil.setdefault(kode, {"ksm": 0}).update(row)
    return hasil


class _AktifMixin:
    def aktif(self):
        """The records not withdrawn: the only ones that count."""
        return self.filter(dibatalkan_pada__isnull=True)


class PencairanQuerySet(_AktifMixin, ScopedQuerySet):
    def total(self) -> int:
        return self.aktif().aggregate(n=Coalesce(Sum("jumlah"), 0))["n"]


class LaporanQuerySet(_AktifMixin, ScopedQuerySet):
    def hok(self) -> dict:
        return self.aktif().aggregate(
            hok_l=Coalesce(Sum("hok_l"), 0), hok_p=Coalesce(Sum("hok_p"), 0), laporan=Count("pk", filter=Q())
        )


class FotoQuerySet(ScopedQuerySet):
    scope_field = "laporan__wilayah__kode"


class BeritaAcaraQuerySet(_AktifMixin, ScopedQuerySet):
    pass
