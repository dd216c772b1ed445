"""Pieces shared by the writes that move BLM money (BLM payments to the BKM, the BKM's
disbursements to KSM): the allocation's row lock that serialises them, a unique-constraint
refusal turned into a message, and Rupiah in messages."""

from __future__ import annotations

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction


def rp(jumlah: int) -> str:
    """1500000 -> "Rp 1.500.000" (messages; templates use the `rupiah` filter)."""
    return "Rp " + f"{int(jumlah):,}".replace(",", ".")


def kunci_alokasi(pk: int):
    """The allocation row, locked until the transaction ends: every write that moves its
    money (paying a tahap, approving a KSM proposal, disbursing to a KSM) takes this lock
    first, so two of them never read the same remainder."""
    from .models import AlokasiBLM

    return AlokasiBLM.objects.select_for_update(of=("self",)).select_related("wilayah").get(pk=pk)


@contextmanager
def tolak_ganda(pesan: str):
    """Run the inserts of a money move in a savepoint; a unique or check constraint that
    refuses them (a double payment that slipped past the checks) becomes `pesan`."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise ValidationError(pesan) from None
