import io

import pytest
from django.core.management import call_command

from blm.kelayakan import Kelayakan
from blm.models import AlokasiBLM, JejakPermintaan, PembayaranBLM, PermintaanBLM


@pytest.mark.django_db
def test_demo_story_and_idempotent(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("demo", force=True, stdout=io.StringIO())
    cinunuk = AlokasiBLM.objects.get(wilayah_id="32.04.05.2004", tahun=2012)
    assert (cinunuk.apbn, cinunuk.apbd_kabkota, cinunuk.jumlah) == (1_000_000_000, 500_000_000, 1_500_000_000)
    status = Kelayakan(cinunuk).status()
    assert [s.jumlah for s in status] == [300_000_000, 750_000_000, 450_000_000]
    t1, t2, t3 = (s.permintaan for s in status)
    assert t1.status == "dibayar" and t1.lpj.status == "diterima" and t1.lpj.realisasi == 285_000_000
    assert (t2.status, t2.langkah) == ("diproses", "korkot")
    assert list(t2.jejak.filter(tindakan="disetujui").values_list("langkah", flat=True)) == ["fasilitator", "pjok"]
    assert t3 is None and status[2].kurang

    pasawahan = AlokasiBLM.objects.get(wilayah_id="32.04.12.1001")
    tahap1 = Kelayakan(pasawahan).status()[0]
    assert not tahap1.dapat_diajukan
    assert "Dokumen \u201cBerita acara pembentukan TIPP\u201d belum diunggah." in tahap1.kurang

    counts = (AlokasiBLM.objects.count(), PermintaanBLM.objects.count(), PembayaranBLM.objects.count())
    trail = JejakPermintaan.objects.count()
    call_command("demo", force=True, stdout=io.StringIO())
    assert (AlokasiBLM.objects.count(), PermintaanBLM.objects.count(), PembayaranBLM.objects.count()) == counts
    assert JejakPermintaan.objects.count() == trail
