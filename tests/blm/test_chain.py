"""The verification chain: in order, each step by its role in scope, no self-verification,
return with a reason and resubmission, the trail, and the lock after Satker."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from blm import services
from blm.models import JejakPermintaan, PermintaanBLM, StatusPermintaan
from kelurahan.models import Akses

from .conftest import CHAIN


@pytest.mark.django_db
def test_chain_in_order_with_trail(alokasi, flow, users):
    p = flow.ajukan(alokasi)
    assert (p.status, p.langkah, p.jumlah) == ("diproses", "fasilitator", 300_000_000)
    for i, name in enumerate(CHAIN):
        # every other step's role is refused at this point
        for other in CHAIN:
            if other != name:
                with pytest.raises(PermissionDenied):
                    services.verifikasi(p, users[other], True)
        p = services.verifikasi(p, users[name], True)
        if i + 1 < len(CHAIN):
            assert p.langkah == CHAIN[i + 1]
    assert p.status == StatusPermintaan.TERVERIFIKASI and p.terkunci and p.diverifikasi_pada
    jejak = list(p.jejak.all())
    assert [(j.langkah, j.tindakan) for j in jejak] == [("", "diajukan")] + [(c, "disetujui") for c in CHAIN]
    assert [j.label for j in jejak] == [
        "Diserahkan oleh",
        "Diketahui oleh",
        "Diketahui oleh",
        "Diverifikasi oleh",
        "Diverifikasi oleh",
        "Diverifikasi oleh",
    ]
    assert [j.nama_oleh for j in jejak] == ["Bkm", "Fasilitator", "Pjok", "Korkot", "Ppk", "Satker"]
    assert all(j.pada for j in jejak)


@pytest.mark.django_db
def test_roles_outside_scope_and_without_capability_are_refused(alokasi, flow, users):
    p = flow.ajukan(alokasi)
    for name in ("fasilitator2", "bkm", "bkm2", "pemda", "admin"):
        with pytest.raises(PermissionDenied):
            services.verifikasi(p, users[name], True)
    assert PermintaanBLM.objects.get().langkah == "fasilitator"


@pytest.mark.django_db
def test_filer_cannot_verify(alokasi, flow, users):
    p = flow.ajukan(alokasi, user="bkm")
    Akses.objects.create(user=users["bkm"], peran="fasilitator", wilayah=alokasi.wilayah)
    users["bkm"].__dict__.pop("_plpbk_akses", None)
    with pytest.raises(PermissionDenied):
        services.verifikasi(p, users["bkm"], True)
    assert not services.dapat_memverifikasi(p, users["bkm"])
    p = services.verifikasi(p, users["fasilitator"], True)
    assert p.langkah == "pjok"


@pytest.mark.django_db
def test_a_fasilitator_filing_passes_his_step_by_filing(alokasi, flow, users):
    """The chain never waits on the filer: his own step is signed at filing, and said so."""
    p = flow.ajukan(alokasi, user="fasilitator")
    assert (p.status, p.langkah) == ("diproses", "pjok")
    diajukan, lewat = p.jejak.all()
    assert (diajukan.tindakan, diajukan.peran, diajukan.peran_label) == ("diajukan", "fasilitator", "Fasilitator")
    assert (lewat.tindakan, lewat.langkah, lewat.saat_pengajuan) == ("disetujui", "fasilitator", True)
    assert lewat.label == "Diverifikasi saat pengajuan oleh"
    Akses.objects.create(user=users["fasilitator"], peran="pjok", wilayah_id="32.04.05")
    users["fasilitator"].__dict__.pop("_plpbk_akses", None)
    with pytest.raises(PermissionDenied):  # holding the next step's role too changes nothing
        services.verifikasi(p, users["fasilitator"], True)
    p = flow.verifikasi_semua(p, upto=None, mulai=1)
    assert p.status == "terverifikasi"
    assert [j.peran for j in p.jejak.filter(tindakan="disetujui")] == ["fasilitator", "pjok", "korkot", "ppk", "satker"]


@pytest.mark.django_db
def test_one_person_verifies_one_step(alokasi, flow, users):
    Akses.objects.create(user=users["pjok"], peran="korkot", wilayah_id="32.04")
    users["pjok"].__dict__.pop("_plpbk_akses", None)
    p = flow.verifikasi_semua(flow.ajukan(alokasi), upto=2)
    with pytest.raises(PermissionDenied):
        services.verifikasi(p, users["pjok"], True)


@pytest.mark.django_db
def test_return_needs_reason_then_resubmit_starts_again(alokasi, flow, users):
    p = flow.verifikasi_semua(flow.ajukan(alokasi), upto=2)
    with pytest.raises(ValidationError):
        services.verifikasi(p, users["korkot"], False, "  ")
    p = services.verifikasi(p, users["korkot"], False, "Rekening BKM salah")
    assert (p.status, p.langkah) == ("dikembalikan", "")
    with pytest.raises(ValidationError):
        services.verifikasi(p, users["ppk"], True)
    with pytest.raises(PermissionDenied):
        services.ajukan_ulang(p, users["pjok"])
    p = services.ajukan_ulang(p, users["bkm"], catatan="Rekening diperbaiki")
    assert (p.status, p.langkah, p.catatan) == ("diproses", "fasilitator", "Rekening diperbaiki")
    # the earlier approvals do not count in the new round
    p = flow.verifikasi_semua(p)
    assert p.status == "terverifikasi"
    tindakan = list(p.jejak.values_list("tindakan", flat=True))
    assert tindakan.count("diajukan") == 2 and tindakan.count("dikembalikan") == 1
    assert p.jejak.get(tindakan="dikembalikan").alasan == "Rekening BKM salah"


@pytest.mark.django_db
def test_stale_step_is_refused(alokasi, flow, users):
    p = flow.ajukan(alokasi)
    services.verifikasi(p, users["fasilitator"], True, langkah="fasilitator")
    with pytest.raises(ValidationError, match="sudah diproses orang lain"):
        services.verifikasi(p, users["pjok"], True, langkah="fasilitator")


@pytest.mark.django_db
def test_verified_request_is_locked(alokasi, flow, users):
    p = flow.terverifikasi(alokasi)
    n = JejakPermintaan.objects.count()
    for name in CHAIN:
        with pytest.raises(ValidationError, match="terkunci"):
            services.verifikasi(p, users[name], False, "ubah")
    with pytest.raises(ValidationError):
        services.ajukan_ulang(p, users["bkm"])
    assert JejakPermintaan.objects.count() == n
    assert PermintaanBLM.objects.get().status == "terverifikasi"


@pytest.mark.django_db
def test_one_request_per_tahap_is_a_database_rule(alokasi, flow, users):
    p = flow.ajukan(alokasi)
    with pytest.raises(IntegrityError):
        PermintaanBLM.objects.create(
            alokasi=alokasi,
            wilayah=alokasi.wilayah,
            nomor=1,
            jumlah=1,
            diajukan_oleh=users["bkm"],
            diajukan_pada=p.diajukan_pada,
        )


@pytest.mark.django_db
def test_withdraw_before_the_first_verification_by_someone_else(alokasi, flow, users):
    p = flow.ajukan(alokasi, user="bkm")
    with pytest.raises(PermissionDenied):  # the fasilitator does not hold the filer's role
        services.tarik_kembali(p, users["fasilitator"], "Salah tahap")
    with pytest.raises(ValidationError, match="alasan penarikan"):
        services.tarik_kembali(p, users["bkm"], "  ")
    Akses.objects.create(user=users["bkm2"], peran="bkm", wilayah=alokasi.wilayah)  # a peer of the filer
    users["bkm2"].__dict__.pop("_plpbk_akses", None)
    p = services.tarik_kembali(p, users["bkm2"], "Nomor surat salah")
    assert (p.status, p.langkah) == ("ditarik", "")
    tarik = p.jejak.get(tindakan="ditarik")
    assert (tarik.alasan, tarik.oleh, tarik.peran, tarik.label) == (
        "Nomor surat salah",
        users["bkm2"],
        "bkm",
        "Ditarik kembali oleh",
    )
    assert PermintaanBLM.objects.aktif().count() == 0
    p = services.ajukan_ulang(p, users["bkm"], nomor_surat="01/BKM/2012")
    assert (p.status, p.langkah) == ("diproses", "fasilitator")
    p = services.verifikasi(p, users["fasilitator"], True)
    with pytest.raises(ValidationError, match="sudah diverifikasi oleh .* \\(Fasilitator\\)"):
        services.tarik_kembali(p, users["bkm"], "Terlambat")
    p.refresh_from_db()
    assert (p.status, p.langkah) == ("diproses", "pjok")
    assert [j.tindakan for j in p.jejak.all()] == ["diajukan", "ditarik", "diajukan", "disetujui"]


@pytest.mark.django_db
def test_a_fasilitator_filer_withdraws_until_the_pjok_acts(alokasi, flow, users):
    p = flow.ajukan(alokasi, user="fasilitator")
    assert services.dapat_menarik(p, users["fasilitator"]) and not services.dapat_menarik(p, users["bkm"])
    p = services.tarik_kembali(p, users["fasilitator"], "Lampiran kurang")
    assert p.status == "ditarik"
    p = services.ajukan_ulang(p, users["fasilitator"])
    assert p.langkah == "pjok"
    p = services.verifikasi(p, users["pjok"], True)
    assert not services.dapat_menarik(p, users["fasilitator"])
    with pytest.raises(ValidationError, match="PJOK"):
        services.tarik_kembali(p, users["fasilitator"], "Terlambat")
