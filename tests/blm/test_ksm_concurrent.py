"""The KSM stage's money moves at the same moment, on either database: they wait for each
other on the allocation's row lock; no tahap is paid to a KSM twice, the BKM never passes on
more than it received, the verified proposals never exceed the allocation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from blm import services_ksm as s
from blm.models_ksm import PencairanKSM, UsulanKegiatan

from . import factories_ksm as fk

pytestmark = pytest.mark.django_db(transaction=True)
TANGGAL = datetime.date(2013, 1, 10)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def _cairkan(pk, user, tahap, jumlah):
    with transaction.atomic():
        u = UsulanKegiatan.objects.get(pk=pk)
        return s.cairkan(u, user, tahap, TANGGAL, jumlah, ContentFile(fk.PDF, name="kw.pdf"))


def test_one_tahap_disbursed_by_four_at_once_is_paid_once(cinunuk, users, tmp_path):
    from tests.paralel import race, shared_database

    fk.alokasi(cinunuk, terbayar=300_000_000)
    u = fk.usulan(cinunuk, "disetujui", biaya_blm=200_000_000)
    with shared_database(tmp_path):
        results = race(4, lambda i: _cairkan(u.pk, users["bkm"], 1, 50_000_000))
        paid = [r for r in results if isinstance(r, PencairanKSM)]
        refused = [r for r in results if isinstance(r, ValidationError)]
        assert len(paid) == 1 and len(refused) == 3, results
        assert all("sudah dicairkan" in r.messages[0] for r in refused), results
        assert PencairanKSM.objects.count() == 1
        assert UsulanKegiatan.objects.get(pk=u.pk).dicairkan == 50_000_000


def test_disbursements_at_once_never_pass_on_more_than_received(cinunuk, users, tmp_path):
    from tests.paralel import race, shared_database

    fk.alokasi(cinunuk, terbayar=300_000_000)
    k = fk.ksm(cinunuk)
    usulan = [fk.usulan(cinunuk, "disetujui", biaya_blm=200_000_000, k=k, nama=f"Pekerjaan {i}") for i in range(3)]
    with shared_database(tmp_path):
        results = race(3, lambda i: _cairkan(usulan[i].pk, users["bkm"], 1, 120_000_000))
        paid = [r for r in results if isinstance(r, PencairanKSM)]
        refused = [r for r in results if isinstance(r, ValidationError)]
        assert len(paid) == 2 and len(refused) == 1, results
        assert "sudah diterima BKM" in refused[0].messages[0]
        assert sum(PencairanKSM.objects.values_list("jumlah", flat=True)) == 240_000_000


def test_verifications_at_once_stay_within_the_allocation(cinunuk, users, tmp_path):
    from tests.paralel import race, shared_database

    fk.alokasi(cinunuk)  # Rp 1.500.000.000
    k = fk.ksm(cinunuk)
    usulan = [fk.usulan(cinunuk, "diajukan", biaya_blm=600_000_000, k=k, nama=f"Pekerjaan {i}") for i in range(3)]

    def verify(i):
        with transaction.atomic():
            return s.verifikasi_usulan(UsulanKegiatan.objects.get(pk=usulan[i].pk), users["fasilitator"], True)

    with shared_database(tmp_path):
        results = race(3, verify)
        done = [r for r in results if isinstance(r, UsulanKegiatan)]
        refused = [r for r in results if isinstance(r, ValidationError)]
        assert len(done) == 2 and len(refused) == 1, results
        assert "melebihi alokasi BLM" in refused[0].messages[0]
        assert UsulanKegiatan.objects.filter(status="disetujui").count() == 2
