import datetime

import pytest

from blm.models import AlokasiBLM
from tests.blm.conftest import make_alokasi
from tests.tipp.helpers import bentuk_pokja, tipp_terbentuk
from tipp import services
from tipp.models import Kegiatan


@pytest.fixture
def batas_waktu(cinunuk):
    """Cinunuk's BLM allocation, whose usage deadline the work plan is checked against;
    `set(date)` changes it (None: no allocation)."""

    class Handle:
        def set(self, value):
            AlokasiBLM.objects.filter(wilayah=cinunuk).delete()
            if value is not None:
                make_alokasi(cinunuk, batas_waktu=value)

    return Handle()


@pytest.fixture
def rencana(cinunuk):
    """Cinunuk's work plan, its TIPP formed (a plan is approved only then)."""
    tipp_terbentuk(cinunuk)
    return services.rencana_untuk(cinunuk)


@pytest.fixture
def kegiatan_factory(rencana):
    def make(nama="Pemetaan swadaya", mulai=datetime.date(2012, 7, 2), durasi=14, rencana=rencana, **kw):
        kw.setdefault("tahap", "pemetaan")
        kw.setdefault("satuan", "dokumen")
        kw.setdefault("penanggung_jawab", "TIPP")
        return services.simpan_kegiatan(Kegiatan(rencana=rencana, nama=nama, mulai=mulai, durasi=durasi, **kw))

    return make


@pytest.fixture
def tipp_cinunuk(cinunuk):
    return services.buat_tipp(cinunuk)


def selesaikan_semua(tipp, start=datetime.date(2012, 6, 1), sampai=5):
    """Record every step's meeting and mark the steps up to `sampai` done in order (step 5 on a
    Pokja formed the day before)."""
    for i, langkah in enumerate(tipp.langkah.filter(nomor__lte=sampai).order_by("nomor")):
        tanggal = start + datetime.timedelta(days=7 * i)
        services.simpan_langkah(langkah, tanggal=tanggal, tempat="Aula Desa", hasil="Syarat: warga setempat")
        if langkah.nomor == 5:
            bentuk_pokja(tipp, tanggal - datetime.timedelta(days=1))
        services.selesaikan_langkah(langkah)
