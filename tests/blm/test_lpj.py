"""LPJ: lines within the tahap paid, realisation kept on the report, sending, and the
Korkot/Askot's decision."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from blm import services
from blm.models import BelanjaLPJ, LpjBLM

from .conftest import PDF

HARI = datetime.date(2012, 10, 5)


def line(lpj, user, jumlah):
    return services.tambah_belanja(lpj, user, HARI, "Belanja", jumlah, bukti=ContentFile(PDF, name="k.pdf"))


@pytest.fixture
def lpj(alokasi, flow, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return flow.dibayar(alokasi).lpj


@pytest.mark.django_db
def test_realisation_follows_lines(lpj, users):
    a = line(lpj, users["bkm"], 100_000_000)
    line(lpj, users["fasilitator"], 50_000_000)
    lpj.refresh_from_db()
    assert lpj.realisasi == 150_000_000
    assert lpj.persen_tahap(300_000_000) == 50.0 and lpj.persen_alokasi(1_500_000_000) == 10.0
    services.hapus_belanja(a, users["bkm"])
    lpj.refresh_from_db()
    assert lpj.realisasi == 50_000_000 and BelanjaLPJ.objects.count() == 1


@pytest.mark.django_db
def test_lines_never_exceed_what_was_paid(lpj, users):
    line(lpj, users["bkm"], 299_999_999)
    with pytest.raises(ValidationError, match="melebihi dana tahap ini"):
        line(lpj, users["bkm"], 2)
    line(lpj, users["bkm"], 1)
    assert LpjBLM.objects.get().realisasi == 300_000_000


@pytest.mark.django_db
def test_only_bkm_and_fasilitator_enter_only_korkot_decides(lpj, users):
    for name in ("korkot", "pjok", "ppk", "bkm2", "admin"):
        with pytest.raises(PermissionDenied):
            line(lpj, users[name], 1)
    with pytest.raises(ValidationError, match="belum berisi belanja"):
        services.ajukan_lpj(lpj, users["bkm"])
    line(lpj, users["bkm"], 10)
    with pytest.raises(ValidationError, match="tidak sedang menunggu"):
        services.putuskan_lpj(lpj, users["korkot"], True)
    services.ajukan_lpj(lpj, users["bkm"])
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        line(lpj, users["bkm"], 10)
    for name in ("bkm", "fasilitator", "pjok", "ppk", "satker"):
        with pytest.raises(PermissionDenied):
            services.putuskan_lpj(lpj, users[name], True)
    with pytest.raises(ValidationError, match="alasan"):
        services.putuskan_lpj(lpj, users["korkot"], False, "")
    services.putuskan_lpj(lpj, users["korkot"], False, "Kuitansi tidak terbaca")
    lpj.refresh_from_db()
    assert (lpj.status, lpj.alasan) == ("dikembalikan", "Kuitansi tidak terbaca")
    line(lpj, users["bkm"], 10)  # open again for corrections
    services.ajukan_lpj(lpj, users["bkm"])
    lpj = services.putuskan_lpj(lpj, users["korkot"], True)
    assert lpj.status == "diterima" and lpj.diterima_oleh == users["korkot"] and lpj.alasan == ""
