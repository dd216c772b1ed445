"""Background jobs of the TIPP app (found by Celery's autodiscovery)."""

import hashlib

from django.db.models import Count, Max, Sum
from django.http import QueryDict
from django.utils import timezone

from kelurahan.tasks import stempel_pertemuan
from kelurahan.tugas import HasilBerkas, dengan_progres, permintaan, tugas_berkas
from plpbk.common.xlsx import XLSX_MIME, write_rows_stream

from . import exports
from .models import TIPP, Kegiatan, LangkahTIPP, Pemilihan, ProgresKegiatan, RencanaKerja
from .pdf import berita_acara_pemilihan


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
    lokasi = exports.lokasi_tipp(tugas.pemohon, QueryDict(tugas.parameter.get("q", "")))
    total = lokasi.count()
    rows = dengan_progres(exports.tipp_rows(lokasi), total, lapor)
    return HasilBerkas(write_rows_stream(rows, "TIPP"), "tipp.xlsx", XLSX_MIME)


def stempel_pemilihan(pemilihan: Pemilihan) -> str:
    """A stamp of what the election's pack prints: the election and its Pokja, the candidates
    (names, votes, criteria), the voters, the Pokja's FGDs and the meeting (rows, attachments)."""
    kandidat = pemilihan.kandidat.order_by("pk").values_list(
        "pk", "orang__nama", "orang__jenis_kelamin", "suara", "memenuhi_kriteria"
    )
    digest = hashlib.sha256(repr(list(kandidat)).encode()).hexdigest()[:32]
    pemilih = pemilihan.pemilih.aggregate(n=Count("pk"), m=Max("pk"))
    fgd = pemilihan.pokja.fgd.aggregate(n=Count("pk"), v=Sum("versi"), pv=Sum("pertemuan__versi"))
    pokja = pemilihan.pokja
    return (
        f"{pemilihan.versi}|{pokja.versi}|{digest}|{pemilih['n']}:{pemilih['m']}|"
        f"{fgd['n']}:{fgd['v']}:{fgd['pv']}|{stempel_pertemuan(pemilihan.pertemuan)}"
    )


@tugas_berkas("tipp.berita_acara_pemilihan_pdf")
def berita_acara_pdf(tugas, lapor) -> HasilBerkas:
    pemilihan = Pemilihan.objects.for_user(tugas.pemohon).select_related("pokja__tipp__wilayah", "pertemuan__wilayah")
    pemilihan = pemilihan.get(pk=tugas.parameter["pk"])
    lapor(10)
    data = berita_acara_pemilihan(pemilihan, request=permintaan(tugas))
    return HasilBerkas(data, tugas.parameter["nama"], "application/pdf")
