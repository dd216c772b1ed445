"""Import previews kept on the server (`PratinjauImpor`) until the user confirms them: the
session holds only the preview's id, so a preview of thousands of rows does not travel with
every request of the user, and every app server can read it."""

from __future__ import annotations

import datetime
import uuid

from django.db import transaction
from django.utils import timezone

from .models_tugas import PratinjauImpor

#: previews older than this are gone (the user uploads the file again)
UMUR = datetime.timedelta(hours=12)


@transaction.atomic
def simpan(user, jenis: str, kunci_objek, data) -> str:
    """Keep `data` for `user`'s import of `jenis` into object `kunci_objek`, replacing his
    earlier preview of the same; returns the id to keep in the session."""
    PratinjauImpor.objects.filter(pengguna=user, jenis=jenis, kunci_objek=str(kunci_objek)).delete()
    PratinjauImpor.objects.filter(dibuat__lt=timezone.now() - UMUR).delete()
    return str(PratinjauImpor.objects.create(pengguna=user, jenis=jenis, kunci_objek=str(kunci_objek), data=data).pk)


def ambil(user, jenis: str, kunci_objek, pk) -> PratinjauImpor | None:
    """The user's own, unexpired preview `pk` of this import (None otherwise)."""
    try:
        pk = uuid.UUID(str(pk))
    except ValueError:
        return None
    return PratinjauImpor.objects.filter(
        pk=pk, pengguna=user, jenis=jenis, kunci_objek=str(kunci_objek), dibuat__gte=timezone.now() - UMUR
    ).first()
