"""The lifecycle of a meeting record: draft → closed (by the facilitator: attendance and
figures frozen, the berita acara final) → verified (PJOK, Korkot, KMW or an administrator:
the acknowledged/verified trail of the programme's MIS, the record is locked). A correction
is a reopening with a reason by a verifier role; it starts a new revision and is kept in
`JejakPertemuan` next to the meeting's own history."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from . import access
from .konflik import klaim_versi
from .models import AksiSiklus, JejakPertemuan, Pertemuan, StatusPertemuan

#: sent before a meeting closes (sender=Pertemuan, pertemuan=…); an app whose record must be
#: closed its own way (the rembug warga's inclusion check) raises ValidationError to refuse
sebelum_tutup = Signal()
#: sent after a meeting is reopened (sender=Pertemuan, pertemuan=…, alasan=…): apps reopen their record
dibuka_kembali = Signal()

#: the role a user acts in, when several fit: the programme's own trail names PJOK first
URUTAN_PERAN = (access.FASILITATOR, access.PJOK, access.KORKOT, access.KMW, access.ADMIN)


def _langkah(pertemuan, user, versi, capability, dari, ke, aksi, alasan="", pada=None) -> Pertemuan:
    """`user` None: a step made by the portal itself (the demo), no role checked."""
    if user is not None and not access.has_cap(user, capability, pertemuan.wilayah_id):
        raise PermissionDenied
    p = Pertemuan.objects.select_for_update().get(pk=pertemuan.pk)
    if p.status not in dari:
        raise ValidationError(
            _("Pertemuan ini berstatus %(status)s; langkah ini tidak dapat dilakukan.")
            % {"status": p.get_status_display().lower()}
        )
    if aksi == AksiSiklus.TUTUP:
        sebelum_tutup.send(sender=Pertemuan, pertemuan=p)
    p.versi = klaim_versi(Pertemuan, p.pk, p.versi if versi is None else versi)
    p.status = ke
    if aksi == AksiSiklus.BUKA_KEMBALI:
        p.revisi += 1
    p._history_user = user
    p.save(update_fields=["status", "revisi", "versi", "diubah"])
    JejakPertemuan.objects.create(
        pertemuan=p,
        aksi=aksi,
        oleh=user,
        peran=access.peran_dengan(user, capability, p.wilayah_id, utamakan=URUTAN_PERAN) if user else "",
        pada=pada or timezone.now(),
        alasan=alasan,
        revisi=p.revisi,
    )
    if aksi == AksiSiklus.BUKA_KEMBALI:
        dibuka_kembali.send(sender=Pertemuan, pertemuan=p, alasan=alasan)
    return p


def pastikan_terbuka(pertemuan_id: int | None) -> None:
    """The guard of the apps' writers: lock the meeting row and refuse when it is closed."""
    if pertemuan_id is None:
        return
    Pertemuan.objects.select_for_update().only("status").get(pk=pertemuan_id).pastikan_terbuka()


@transaction.atomic
def tutup(pertemuan: Pertemuan, user, pada=None, versi: int | None = None) -> Pertemuan:
    """Close a draft: from now on its attendance and forms refuse every change."""
    return _langkah(
        pertemuan,
        user,
        versi,
        "pertemuan.close",
        {StatusPertemuan.DRAF},
        StatusPertemuan.DITUTUP,
        AksiSiklus.TUTUP,
        pada=pada,
    )


@transaction.atomic
def verifikasi(pertemuan: Pertemuan, user, pada=None, versi: int | None = None) -> Pertemuan:
    """Acknowledge a closed meeting; it stays locked."""
    return _langkah(
        pertemuan,
        user,
        versi,
        "pertemuan.verify",
        {StatusPertemuan.DITUTUP},
        StatusPertemuan.DIVERIFIKASI,
        AksiSiklus.VERIFIKASI,
        pada=pada,
    )


@transaction.atomic
def buka_kembali(pertemuan: Pertemuan, user, alasan: str, pada=None, versi: int | None = None) -> Pertemuan:
    """Reopen a closed or verified meeting for a correction; needs a reason, starts a revision."""
    alasan = " ".join((alasan or "").split())
    if not alasan:
        raise ValidationError(_("Tuliskan alasan membuka kembali pertemuan ini."))
    return _langkah(
        pertemuan,
        user,
        versi,
        "pertemuan.verify",
        {StatusPertemuan.DITUTUP, StatusPertemuan.DIVERIFIKASI},
        StatusPertemuan.DRAF,
        AksiSiklus.BUKA_KEMBALI,
        alasan=alasan,
        pada=pada,
    )


def revisi_terakhir(pertemuan: Pertemuan) -> JejakPertemuan | None:
    """The last reopening, for the line under a document's title; None when never reopened."""
    if not pertemuan.revisi:
        return None
    return pertemuan.jejak.filter(aksi=AksiSiklus.BUKA_KEMBALI).select_related("oleh").order_by("-pada", "-id").first()
