"""Eligibility each way: every prerequisite blocks with its own message and unblocks when met."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from blm import services
from blm.kelayakan import Kelayakan
from blm.models import PermintaanBLM

from .conftest import PDF


def status(alokasi, nomor, **kw):
    return next(s for s in Kelayakan(alokasi, **kw).status() if s.nomor == nomor)


@pytest.mark.django_db
class TestTahap1:
    def test_eligible_when_tipp_formed_and_plan_approved(self, alokasi, tipp):
        s = status(alokasi, 1)
        assert s.dapat_diajukan and s.kurang == []
        assert s.jumlah == 300_000_000

    def test_tipp_not_formed(self, alokasi, tipp):
        tipp(terbentuk=False, rencana=True)
        assert status(alokasi, 1).kurang == ["TIPP belum terbentuk."]

    def test_plan_not_approved(self, alokasi, tipp):
        tipp(terbentuk=True, rencana=False)
        assert status(alokasi, 1).kurang == ["Rencana kerja TIPP belum disetujui."]

    def test_real_tipp_app_without_records_blocks_both(self, alokasi):
        kurang = status(alokasi, 1).kurang
        assert "TIPP belum terbentuk." in kurang
        assert "Rencana kerja TIPP belum disetujui." in kurang

    def test_deadlines(self, alokasi, konfigurasi, tipp):
        tahap = konfigurasi.tahap.get(nomor=1)
        tahap.batas_pengajuan = datetime.date(2012, 9, 30)
        tahap.save()
        assert status(alokasi, 1, today=datetime.date(2012, 9, 30)).dapat_diajukan
        assert status(alokasi, 1, today=datetime.date(2012, 10, 1)).kurang == [
            "Batas pengajuan 30 September 2012 sudah lewat."
        ]
        alokasi.batas_waktu = datetime.date(2012, 12, 31)
        alokasi.save()
        assert any("pemanfaatan" in k for k in status(alokasi, 1, today=datetime.date(2013, 1, 1)).kurang)

    def test_service_refuses_with_the_missing_items(self, alokasi, users, tipp):
        tipp(terbentuk=False, rencana=False)
        with pytest.raises(ValidationError) as exc:
            services.ajukan_permintaan(alokasi, 1, users["bkm"])
        assert exc.value.messages == ["TIPP belum terbentuk.", "Rencana kerja TIPP belum disetujui."]
        assert not PermintaanBLM.objects.exists()

    def test_no_configuration_no_tahap(self, cinunuk, db):
        from .conftest import make_alokasi

        alokasi = make_alokasi(cinunuk, tahun=2030)
        assert Kelayakan(alokasi).status() == []


@pytest.mark.django_db
class TestLaterTahap:
    def test_tahap_2_waits_for_payment_of_tahap_1(self, alokasi, flow):
        assert status(alokasi, 2).kurang[0] == "Tahap 1 belum dibayar."
        flow.terverifikasi(alokasi)
        assert "Tahap 1 belum dibayar." in status(alokasi, 2).kurang

    def test_tahap_2_waits_for_lpj_and_usage(self, alokasi, flow, users):
        p = flow.dibayar(alokasi)
        assert status(alokasi, 2).kurang == [
            "LPJ Tahap 1 belum diterima Korkot/Askot.",
            "Dana Tahap 1 baru terpakai 0%; minimal 80%.",
        ]
        services.tambah_belanja(
            p.lpj,
            users["bkm"],
            datetime.date(2012, 10, 5),
            "Pelatihan",
            200_000_000,
            bukti=ContentFile(PDF, name="k.pdf"),
        )
        assert status(alokasi, 2).kurang == [
            "LPJ Tahap 1 belum diterima Korkot/Askot.",
            "Dana Tahap 1 baru terpakai 66%; minimal 80%.",
        ]
        services.tambah_belanja(
            p.lpj,
            users["bkm"],
            datetime.date(2012, 10, 6),
            "Survei",
            40_000_000,
            bukti=ContentFile(PDF, name="k.pdf"),
        )
        assert status(alokasi, 2).kurang == ["LPJ Tahap 1 belum diterima Korkot/Askot."]
        services.ajukan_lpj(p.lpj, users["bkm"])
        assert not status(alokasi, 2).dapat_diajukan
        services.putuskan_lpj(p.lpj, users["korkot"], True)
        s = status(alokasi, 2)
        assert s.dapat_diajukan and s.jumlah == 750_000_000

    def test_returned_lpj_does_not_unlock(self, alokasi, flow, users):
        p = flow.dibayar(alokasi)
        services.tambah_belanja(
            p.lpj, users["bkm"], datetime.date(2012, 10, 5), "Pelatihan", p.jumlah, bukti=ContentFile(PDF, name="k.pdf")
        )
        services.ajukan_lpj(p.lpj, users["bkm"])
        services.putuskan_lpj(p.lpj, users["korkot"], False, "Kuitansi kurang jelas")
        assert "LPJ Tahap 1 belum diterima Korkot/Askot." in status(alokasi, 2).kurang

    def test_named_document(self, alokasi, flow, users):
        flow.lpj_diterima(alokasi, 1)
        flow.lpj_diterima(alokasi, 2)
        assert status(alokasi, 3).kurang == ["Dokumen \u201cLaporan kemajuan\u201d belum diunggah."]
        services.unggah_dokumen(alokasi, users["bkm"], "laporan kemajuan ", ContentFile(PDF, name="lap.pdf"))
        assert status(alokasi, 3).dapat_diajukan
        assert status(alokasi, 3).jumlah == 450_000_000

    def test_a_tahap_is_filed_once(self, alokasi, flow):
        flow.ajukan(alokasi, 1)
        with pytest.raises(ValidationError, match="sudah pernah diajukan"):
            flow.ajukan(alokasi, 1)
        assert status(alokasi, 1).permintaan is not None
