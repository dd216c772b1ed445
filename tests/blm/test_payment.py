"""Payment: only verified requests, never above the request or what is left of the
allocation, never twice — checked in the service under a row lock and backed by database
constraints; the concurrent case runs on PostgreSQL with real parallel transactions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from blm import services
from blm.models import AlokasiBLM, LpjBLM, PembayaranBLM, PermintaanBLM
from tests.paralel import race

TANGGAL = datetime.date(2012, 10, 1)


@pytest.mark.django_db
def test_pay_a_verified_request(alokasi, flow, users):
    p = flow.terverifikasi(alokasi)
    pembayaran = services.bayar(p, users["satker"], TANGGAL, p.jumlah, "SP2D 1")
    alokasi.refresh_from_db()
    p.refresh_from_db()
    assert (alokasi.terbayar, alokasi.sisa, p.status) == (300_000_000, 1_200_000_000, "dibayar")
    assert pembayaran.dicatat_oleh == users["satker"] and pembayaran.tanggal == TANGGAL
    assert LpjBLM.objects.get(permintaan=p).status == "draft"
    assert p.jejak.last().tindakan == "dibayar"


@pytest.mark.django_db
def test_not_before_verification_and_not_by_other_roles(alokasi, flow, users):
    p = flow.verifikasi_semua(flow.ajukan(alokasi), upto=4)
    with pytest.raises(ValidationError, match="belum selesai diverifikasi"):
        services.bayar(p, users["ppk"], TANGGAL, p.jumlah)
    p = services.verifikasi(p, users["satker"], True)
    for name in ("bkm", "fasilitator", "pjok", "korkot", "pemda", "admin"):
        with pytest.raises(PermissionDenied):
            services.bayar(p, users[name], TANGGAL, p.jumlah)
    assert not PembayaranBLM.objects.exists()


@pytest.mark.django_db
def test_never_twice_never_above_request_or_allocation(alokasi, flow, users):
    p = flow.terverifikasi(alokasi)
    with pytest.raises(ValidationError, match="melebihi jumlah yang diminta"):
        services.bayar(p, users["ppk"], TANGGAL, p.jumlah + 1)
    # someone shrank the allocation after the request was verified
    AlokasiBLM.objects.filter(pk=alokasi.pk).update(apbn=100_000_000, apbd_kabkota=0, jumlah=100_000_000)
    with pytest.raises(ValidationError, match="melebihi sisa alokasi"):
        services.bayar(p, users["ppk"], TANGGAL, p.jumlah)
    services.bayar(p, users["ppk"], TANGGAL, 100_000_000)
    with pytest.raises(ValidationError, match="sudah dibayar"):
        services.bayar(p, users["satker"], TANGGAL, 1)
    alokasi.refresh_from_db()
    assert alokasi.terbayar == 100_000_000
    assert PembayaranBLM.objects.count() == 1


@pytest.mark.django_db
def test_database_refuses_a_second_payment_and_overpayment(alokasi, flow, users):
    p = flow.dibayar(alokasi)
    with pytest.raises(IntegrityError), transaction.atomic():
        PembayaranBLM.objects.create(
            permintaan=p, alokasi=alokasi, wilayah=alokasi.wilayah, tanggal=TANGGAL, jumlah=1, dicatat_oleh=users["ppk"]
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        AlokasiBLM.objects.filter(pk=alokasi.pk).update(terbayar=alokasi.jumlah + 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        AlokasiBLM.objects.filter(pk=alokasi.pk).update(apbn=0)  # jumlah no longer the sum of sources


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks (select_for_update) between parallel transactions need PostgreSQL; "
    "runs in the PostgreSQL CI pass (DATABASE_URL=postgres://...)",
)


@pytest.mark.postgres
@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_payments_pay_once(alokasi, flow, users):
    p = flow.terverifikasi(alokasi)
    payers = [users["ppk"], users["satker"], users["ppk"], users["satker"]]

    def pay(i):
        with transaction.atomic():
            return services.bayar(PermintaanBLM.objects.get(pk=p.pk), payers[i], TANGGAL, p.jumlah)

    results = race(len(payers), pay)
    paid = [r for r in results if isinstance(r, PembayaranBLM)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(paid) == 1, results
    assert len(refused) == len(payers) - 1, results
    assert PembayaranBLM.objects.count() == 1
    assert AlokasiBLM.objects.get(pk=alokasi.pk).terbayar == p.jumlah


@pytest.mark.postgres
@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_approve_one_step_once(alokasi, flow, users):
    from kelurahan.models import Akses

    p = flow.verifikasi_semua(flow.ajukan(alokasi), upto=4)
    # two Satker officers press "approve" at the same moment
    Akses.objects.create(user=users["admin"], peran="satker", wilayah_id="32")
    approvers = [users["satker"], users["admin"]]

    def approve(i):
        with transaction.atomic():
            return services.verifikasi(PermintaanBLM.objects.get(pk=p.pk), approvers[i], True, langkah="satker")

    results = race(2, approve)
    assert sum(isinstance(r, PermintaanBLM) for r in results) == 1, results
    assert sum(isinstance(r, ValidationError) for r in results) == 1, results
    assert p.jejak.filter(langkah="satker", tindakan="disetujui").count() == 1
