"""Background jobs of the sosialisasi app (found by Celery's autodiscovery)."""

from kelurahan.tasks import stempel_pertemuan
from kelurahan.tugas import HasilBerkas, permintaan, tugas_berkas, wilayah_tugas

from .exports import ekspor_kegiatan
from .models import RembugWarga, TargetInklusi
from .pdf import berita_acara_pdf


def stempel_rembug(rembug: RembugWarga) -> str:
    """A stamp of what the rembug's pack prints: the record, its meeting (rows, attachments) and,
    while the rembug is open, the inclusion targets in force (a closed one keeps its own)."""
    if rembug.is_closed:
        target = ""
    else:
        t = TargetInklusi.current()
        target = f"{t.persen_perempuan}/{t.jumlah_disabilitas}"
    return f"{rembug.versi}|{rembug.ditutup}|{target}|{stempel_pertemuan(rembug.pertemuan)}"


@tugas_berkas("sosialisasi.berita_acara_pdf")
def berita_acara(tugas, lapor) -> HasilBerkas:
    rembug = RembugWarga.objects.for_user(tugas.pemohon).select_related("pertemuan__wilayah", "ditutup_oleh")
    rembug = rembug.get(pk=tugas.parameter["pk"])
    lapor(10)
    data = berita_acara_pdf(rembug, request=permintaan(tugas))
    return HasilBerkas(data, tugas.parameter["nama"], "application/pdf")


@tugas_berkas("sosialisasi.kegiatan_xlsx")
def kegiatan_xlsx(tugas, lapor) -> HasilBerkas:
    return ekspor_kegiatan(tugas.pemohon, wilayah_tugas(tugas)).buat(lapor)
