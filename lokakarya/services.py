"""Writes of the lokakarya app: a workshop, its meeting and its speakers, together."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kelurahan import siklus
from kelurahan.konflik import klaim
from kelurahan.models import JenisPertemuan, Pertemuan, Wilayah

from .models import Lokakarya, Narasumber


@transaction.atomic
def simpan_lokakarya(
    wilayah: Wilayah,
    pertemuan_data: dict,
    lokakarya_data: dict,
    narasumber: list[dict],
    user=None,
    lokakarya: Lokakarya | None = None,
    versi: int | None = None,
) -> Lokakarya:
    """Create (or update) a workshop attached to `wilayah`; its level is the region's.
    The speakers listed replace the ones saved before. `versi` is the workshop's version the
    form was shown with (a stale one raises KonflikVersi)."""
    if lokakarya is None:
        pertemuan = Pertemuan(jenis=JenisPertemuan.LOKAKARYA, wilayah=wilayah, dibuat_oleh=user)
        lokakarya = Lokakarya(tingkat=wilayah.tingkat)
    else:
        siklus.pastikan_terbuka(lokakarya.pertemuan_id)
        klaim(lokakarya, versi)
        pertemuan = lokakarya.pertemuan
        if pertemuan.wilayah_id != wilayah.kode:
            raise ValidationError(_("Wilayah lokakarya tidak dapat diubah."))
    for name, value in pertemuan_data.items():
        setattr(pertemuan, name, value if value is not None or name in ("mulai", "selesai") else "")
    pertemuan.full_clean(exclude=["dibuat_oleh"])
    pertemuan.save()
    for name, value in lokakarya_data.items():
        setattr(lokakarya, name, value)
    lokakarya.pertemuan = pertemuan
    lokakarya.tingkat = wilayah.tingkat
    lokakarya.full_clean()
    lokakarya.save()
    _simpan_narasumber(lokakarya, narasumber)
    return lokakarya


def _simpan_narasumber(lokakarya: Lokakarya, rows: list[dict]) -> None:
    """The speakers listed replace the saved ones place by place: a row that did not change
    is not written, so a form saved unchanged changes nothing (and its history stays quiet)."""
    saved = list(lokakarya.narasumber.order_by("urutan", "pk"))
    for urutan, row in enumerate(rows, start=1):
        obj = saved[urutan - 1] if urutan <= len(saved) else Narasumber(lokakarya=lokakarya)
        wanted = {"urutan": urutan, **row}
        if obj.pk is None or any(getattr(obj, k) != v for k, v in wanted.items()):
            for name, value in wanted.items():
                setattr(obj, name, value)
            obj.save()
    for obj in saved[len(rows) :]:
        obj.delete()
