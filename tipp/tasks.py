"""Background jobs of the TIPP app (found by Celery's autodiscovery)."""

from django.db.models import Count, Max, Sum
from django.utils import timezone

from kelurahan.tugas import HasilBerkas, dengan_progres, permintaan, tugas_berkas
from plpbk.common.xlsx import XLSX_MIME, write_rows_stream

from .models import TIPP, Kegiatan, LangkahTIPP, ProgresKegiatan, RencanaKerja


def stempel(user) -> str:
    """A stamp of what the TIPP list shows the user: today's date (the schedule status is as of
    today) and a count/version sum of the TIPP records, steps, work plans and activities in his
    regions, with the latest progress report."""
    parts = [timezone.localdate().isoformat()]
    for model in (TIPP, LangkahTIPP, RencanaKerja, Kegiatan):
        a = model.objects.for_user(user).aggregate(n=Count("pk"), v=Sum("versi"))
        parts.append(f"{a['n']}:{a['v']}")
    laporan = ProgresKegiatan.objects.filter(kegiatan__in=Kegiatan.objects.for_user(user))
    a = laporan.aggregate(n=Count("pk"), m=Max("pk"))
    parts.append(f"{a['n']}:{a['m']}")
    return "|".join(parts)


@tugas_berkas("tipp.ekspor_xlsx")
def ekspor_xlsx(tugas, lapor) -> HasilBerkas:
    # the list page builds the rows (filters from the query string); one definition for both
    from .views.formation import TippIndexView

    view = TippIndexView()
    view.setup(permintaan(tugas))
    total = view.rows().count()
    rows = dengan_progres(view.xlsx_rows(), total, lapor)
    return HasilBerkas(write_rows_stream(rows, "TIPP"), "tipp.xlsx", XLSX_MIME)
