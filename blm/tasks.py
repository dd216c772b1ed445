"""Background jobs of the BLM app (found by Celery's autodiscovery): a large region's xlsx."""

from kelurahan.tugas import HasilBerkas, tugas_berkas, wilayah_tugas

from .exports import ekspor_blm
from .exports_ksm import ekspor_ksm


@tugas_berkas("blm.ekspor_xlsx")
def ekspor_xlsx(tugas, lapor) -> HasilBerkas:
    return ekspor_blm(tugas.pemohon, wilayah_tugas(tugas), tugas.parameter["jenis"]).buat(lapor)


@tugas_berkas("blm.ekspor_ksm_xlsx")
def ekspor_ksm_xlsx(tugas, lapor) -> HasilBerkas:
    return ekspor_ksm(tugas.pemohon, wilayah_tugas(tugas), tugas.parameter["jenis"]).buat(lapor)
