"""Background jobs of the shared core (found by Celery's autodiscovery)."""

from celery import shared_task
from django.conf import settings
from django.db.models import Count, Max

from .exports import ekspor_profil
from .models import Pertemuan
from .pdf import daftar_hadir_pdf
from .tugas import HasilBerkas, bersihkan, permintaan, tugas_berkas, wilayah_tugas


def stempel_pertemuan(pertemuan: Pertemuan) -> str:
    """A stamp of a meeting, its attendance rows and attachments: moves with its version,
    lifecycle, counters and any row or attachment added or removed."""
    a = pertemuan.kehadiran.aggregate(n=Count("pk"), akhir=Max("pk"))
    b = pertemuan.lampiran.aggregate(n=Count("pk"), akhir=Max("pk"))
    p = pertemuan
    return (
        f"{p.versi}|{p.revisi}|{p.status}|{p.diubah.isoformat()}|{p.jumlah_l}|{p.jumlah_p}|"
        f"{p.jumlah_disabilitas}|{p.jumlah_miskin}|{a['n']}|{a['akhir']}|{b['n']}|{b['akhir']}"
    )


@tugas_berkas("kelurahan.daftar_hadir_pdf")
def daftar_hadir(tugas, lapor) -> HasilBerkas:
    pertemuan = Pertemuan.objects.for_user(tugas.pemohon).select_related("wilayah").get(pk=tugas.parameter["pk"])
    lapor(10)
    data = daftar_hadir_pdf(pertemuan, request=permintaan(tugas))
    return HasilBerkas(data, tugas.parameter["nama"], "application/pdf")


@tugas_berkas("kelurahan.profil_xlsx")
def profil_xlsx(tugas, lapor) -> HasilBerkas:
    return ekspor_profil(tugas.pemohon, wilayah_tugas(tugas)).buat(lapor)


@shared_task(name="kelurahan.bersihkan_tugas", ignore_result=True)
def bersihkan_tugas() -> int:
    """Old jobs and their files go after settings.TUGAS_SIMPAN_HARI days."""
    return bersihkan(settings.TUGAS_SIMPAN_HARI)
