"""BLM fixtures: the 2012 configuration (20/50/30), allocations, and a request at any point
of its life. The TIPP answers are switched with `tipp` (monkeypatching blm.kelayakan)."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile

from blm import kelayakan, services
from blm.models import AlokasiBLM, KonfigurasiBLM, TahapBLM

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def tipp(monkeypatch):
    """tipp(terbentuk, rencana) sets what the TIPP app answers for every kelurahan."""

    def set_(terbentuk=True, rencana=True):
        monkeypatch.setattr(kelayakan, "tipp_terbentuk", lambda w: terbentuk)
        monkeypatch.setattr(kelayakan, "rencana_kerja_disetujui", lambda w: rencana)

    set_()
    return set_


@pytest.fixture
def konfigurasi(db):
    k = KonfigurasiBLM.objects.create(tahun=2012)
    TahapBLM.objects.create(konfigurasi=k, nomor=1, persen=Decimal("20"), syarat_tipp=True, syarat_rencana_kerja=True)
    TahapBLM.objects.create(
        konfigurasi=k, nomor=2, persen=Decimal("50"), syarat_lpj_sebelumnya=True, syarat_persen_sebelumnya=80
    )
    TahapBLM.objects.create(
        konfigurasi=k, nomor=3, persen=Decimal("30"), syarat_lpj_sebelumnya=True, syarat_dokumen="Laporan kemajuan"
    )
    return k


def make_alokasi(wilayah, tahun=2012, apbn=1_000_000_000, apbd_kabkota=500_000_000, **kw):
    kw.setdefault("batas_waktu", datetime.date(2099, 12, 31))
    return AlokasiBLM.objects.create(
        wilayah=wilayah,
        tahun=tahun,
        apbn=apbn,
        apbd_kabkota=apbd_kabkota,
        bank_nama="Bank BJB",
        bank_rekening="0012",
        bank_atas_nama=f"BKM {wilayah.nama}",
        **kw,
    )


@pytest.fixture
def alokasi(konfigurasi, cinunuk):
    return make_alokasi(cinunuk)


@pytest.fixture
def alokasi_out(konfigurasi, tambakreja):
    return make_alokasi(tambakreja)


CHAIN = ["fasilitator", "pjok", "korkot", "ppk", "satker"]


@pytest.fixture
def flow(users, tipp):
    """Helpers that walk a request through its life with the cast."""

    class Flow:
        def ajukan(self, alokasi, nomor=1, user="bkm"):
            return services.ajukan_permintaan(alokasi, nomor, users[user])

        def verifikasi_semua(self, p, upto=None, mulai=0):
            for name in CHAIN[mulai : upto if upto is not None else len(CHAIN)]:
                p = services.verifikasi(p, users[name], True)
            return p

        def terverifikasi(self, alokasi, nomor=1):
            return self.verifikasi_semua(self.ajukan(alokasi, nomor))

        def dibayar(self, alokasi, nomor=1):
            p = self.terverifikasi(alokasi, nomor)
            services.bayar(p, users["ppk"], datetime.date(2012, 10, 1), p.jumlah)
            p.refresh_from_db()
            return p

        def lpj_diterima(self, alokasi, nomor=1, realisasi=None):
            p = self.dibayar(alokasi, nomor)
            lpj = p.lpj
            services.tambah_belanja(
                lpj,
                users["bkm"],
                datetime.date(2012, 10, 5),
                "Pelatihan",
                realisasi or p.jumlah,
                bukti=ContentFile(PDF, name="kuitansi.pdf"),
            )
            services.ajukan_lpj(lpj, users["bkm"])
            services.putuskan_lpj(lpj, users["korkot"], True)
            p.refresh_from_db()
            return p

    return Flow()
