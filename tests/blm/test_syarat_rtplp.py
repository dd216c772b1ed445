"""A later tahap configured to require a legalised RTPLP is refused until the kelurahan's RTPLP
is Disahkan (read from the TIPP app through tipp.services.rtplp_disahkan)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from blm import services
from blm.kelayakan import Kelayakan
from blm.models import PermintaanBLM
from tipp import dokumen
from tipp.models import DokumenPerencanaan

from .conftest import PDF


def status(alokasi, nomor):
    return next(s for s in Kelayakan(alokasi).status() if s.nomor == nomor)


def _dokumen(wilayah, jenis="rtplp", sampai="disahkan"):
    d = dokumen.simpan_dokumen(
        DokumenPerencanaan(
            wilayah=wilayah,
            jenis=jenis,
            judul="Kawasan prioritas RW 05",
            dasar_jenis="sk_kades",
            dasar_nomor="141/Kep.12-Des/2012",
            dasar_tanggal=datetime.date(2012, 11, 20),
        )
    )
    dokumen.tambah_konsultasi(d, tanggal=datetime.date(2012, 10, 10), tempat="Aula Desa")
    dokumen.unggah_berkas(d, ContentFile(PDF, name="rtplp.pdf"))
    for aksi in ("ajukan", "finalkan", "sahkan"):
        d = dokumen.ubah_status(d, aksi, None)
        if d.status == sampai:
            break
    return d


@pytest.mark.django_db
def test_tahap_requiring_rtplp_is_refused_until_the_rtplp_is_disahkan(
    alokasi, konfigurasi, flow, users, settings, tmp_path, tambakreja
):
    settings.MEDIA_ROOT = str(tmp_path)
    tahap = konfigurasi.tahap.get(nomor=2)
    tahap.syarat_rtplp = True
    tahap.save()
    assert "RTPLP disahkan" in tahap.daftar_syarat()
    flow.lpj_diterima(alokasi, 1)
    assert status(alokasi, 2).kurang == ["RTPLP belum disahkan."]

    _dokumen(alokasi.wilayah, jenis="rplp")  # a legalised RPLP is not the RTPLP
    _dokumen(tambakreja)  # nor another kelurahan's RTPLP
    d = _dokumen(alokasi.wilayah, sampai="final")
    assert status(alokasi, 2).kurang == ["RTPLP belum disahkan."]
    with pytest.raises(ValidationError) as exc:
        services.ajukan_permintaan(alokasi, 2, users["bkm"])
    assert exc.value.messages == ["RTPLP belum disahkan."]
    assert not PermintaanBLM.objects.filter(nomor=2).exists()

    dokumen.ubah_status(d, "sahkan", users["bkm"])
    assert status(alokasi, 2).dapat_diajukan
    assert services.ajukan_permintaan(alokasi, 2, users["bkm"]).nomor == 2


@pytest.mark.django_db
def test_a_tahap_without_the_prerequisite_ignores_the_rtplp(alokasi, flow):
    flow.lpj_diterima(alokasi, 1)
    assert status(alokasi, 2).dapat_diajukan
