"""Payments made at the same moment, on either database: they wait for each other, none
fails with "database is locked"; each request is paid once."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from blm import services
from blm.models import AlokasiBLM, PembayaranBLM, PermintaanBLM
from kelurahan.models import Akses
from tests.blm.conftest import make_alokasi
from tests.conftest import make_region
from tests.paralel import race, shared_database

TANGGAL = datetime.date(2012, 10, 1)
pytestmark = pytest.mark.django_db(transaction=True)


def _bayar(p, user):
    with transaction.atomic():
        return services.bayar(PermintaanBLM.objects.get(pk=p.pk), user, TANGGAL, p.jumlah, "SP2D")


def test_four_payments_at_once_are_all_saved(konfigurasi, flow, users, regions, tmp_path):
    desa = [regions["32.04.05.2004"], *(make_region(f"32.04.05.200{n}") for n in (5, 6, 7))]
    for w in desa[1:]:  # the same BKM and facilitator serve the three neighbouring desa
        Akses.objects.bulk_create(Akses(user=users[u], peran=u, wilayah=w) for u in ("bkm", "fasilitator"))
    requests = [flow.terverifikasi(make_alokasi(w)) for w in desa]
    payers = [users["ppk"], users["satker"], users["ppk"], users["satker"]]

    with shared_database(tmp_path):
        results = race(4, lambda i: _bayar(requests[i], payers[i]))
        assert all(isinstance(r, PembayaranBLM) for r in results), results
        assert PembayaranBLM.objects.count() == 4
        assert sorted(AlokasiBLM.objects.values_list("terbayar", flat=True)) == [r.jumlah for r in requests]
        assert set(PermintaanBLM.objects.values_list("status", flat=True)) == {"dibayar"}


def test_one_request_paid_by_four_at_once_is_paid_once(alokasi, flow, users, tmp_path):
    p = flow.terverifikasi(alokasi)
    payers = [users["ppk"], users["satker"], users["ppk"], users["satker"]]

    with shared_database(tmp_path):
        results = race(4, lambda i: _bayar(p, payers[i]))
        paid = [r for r in results if isinstance(r, PembayaranBLM)]
        refused = [r for r in results if isinstance(r, ValidationError)]
        assert len(paid) == 1 and len(refused) == 3, results
        assert all("sudah dibayar" in r.messages[0] for r in refused), results
        assert PembayaranBLM.objects.count() == 1
        assert AlokasiBLM.objects.get(pk=alokasi.pk).terbayar == p.jumlah
