"""Writes of the kelurahan profile (one service, one transaction): a new profile for a year,
or a version-checked change of an existing one, kept in history with who and when."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .konflik import klaim
from .models import ANGKA, ProfilKelurahan, Wilayah


@transaction.atomic
def simpan_profil(
    wilayah: Wilayah, tahun: int, angka: dict, sumber: str = "", user=None, versi: int | None = None
) -> ProfilKelurahan:
    """Save the profile of `wilayah` for programme year `tahun`. `angka` holds the figures
    (ANGKA); `versi` is the version the page showed (a stale one raises KonflikVersi; None:
    the page showed no profile). A profile somebody else created meanwhile is refused, not
    overwritten."""
    if not wilayah.is_kelurahan:
        raise ValidationError(_("Profil hanya untuk kelurahan/desa."))
    profil = ProfilKelurahan.objects.select_for_update().filter(wilayah=wilayah, tahun=tahun).first()
    baru = profil is None
    if not baru and versi is None:  # the page showed no profile: somebody entered it meanwhile
        raise ValidationError(
            _("Profil %(tahun)s kelurahan ini baru saja diisi orang lain; muat ulang halaman.") % {"tahun": tahun}
        )
    if baru:
        if versi is not None:
            raise ValidationError(_("Profil ini sudah dihapus orang lain; muat ulang halaman."))
        profil = ProfilKelurahan(wilayah=wilayah, tahun=tahun)
    for name in ANGKA:
        setattr(profil, name, int(angka.get(name) or 0))
    profil.sumber = sumber or ""
    profil.full_clean(exclude=["wilayah"] if not baru else None, validate_unique=False)
    profil._history_user = user if getattr(user, "is_authenticated", False) else None
    if baru:
        try:
            with transaction.atomic():
                profil.save()
        except IntegrityError:
            raise ValidationError(
                _("Profil %(tahun)s kelurahan ini baru saja diisi orang lain; muat ulang halaman.") % {"tahun": tahun}
            ) from None
    else:
        klaim(profil, versi)
        profil.save()
    return profil
