"""Background jobs of the lokakarya app (found by Celery's autodiscovery)."""

from django.db.models import Count, Max, Sum
from django.http import QueryDict
from django.utils.translation import gettext as _

from kelurahan.tugas import HasilBerkas, dengan_progres, permintaan, tugas_berkas
from plpbk.common.xlsx import XLSX_MIME, write_rows_stream

from . import exports
from . import pdf as paket
from .filters import LokakaryaFilter
from .models import Lokakarya


def saring(user, query: str):
    """The lokakarya of `user`'s list page filtered by the query string `query`."""
    scoped = Lokakarya.objects.for_user(user)
    return LokakaryaFilter(QueryDict(query) or None, queryset=scoped.for_list(), user=user)


def stempel(queryset) -> str:
    """A stamp of the rows an export would write: it moves when any of them, or their meeting
    (its version, counters), changes, or when a row comes or goes."""
    a = queryset.order_by().aggregate(
        n=Count("pk"),
        versi=Sum("versi"),
        diubah=Max("diubah"),
        pv=Sum("pertemuan__versi"),
        pd=Max("pertemuan__diubah"),
        hadir=Sum("pertemuan__jumlah_l") + Sum("pertemuan__jumlah_p"),
        dis=Sum("pertemuan__jumlah_disabilitas"),
        miskin=Sum("pertemuan__jumlah_miskin"),
    )
    return "|".join(str(a[k]) for k in ("n", "versi", "diubah", "pv", "pd", "hadir", "dis", "miskin"))


@tugas_berkas("lokakarya.ekspor_xlsx")
def ekspor_xlsx(tugas, lapor) -> HasilBerkas:
    flt = saring(tugas.pemohon, tugas.parameter.get("q", ""))
    qs = flt.qs
    total = qs.count()
    rows = dengan_progres(exports.lokakarya_rows(qs), total, lapor)
    return HasilBerkas(write_rows_stream(rows, _("Lokakarya")), "lokakarya.xlsx", XLSX_MIME)


@tugas_berkas("lokakarya.paket_pdf")
def paket_pdf(tugas, lapor) -> HasilBerkas:
    obj = Lokakarya.objects.for_user(tugas.pemohon).select_related("pertemuan__wilayah").get(pk=tugas.parameter["pk"])
    lapor(10)
    return HasilBerkas(paket.paket_pdf(obj, permintaan(tugas)), tugas.parameter["nama"], "application/pdf")
