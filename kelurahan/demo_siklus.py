"""The demo's meeting records through their lifecycle, after every app has told its part of
the 2012 story: each meeting is closed by its facilitator the day after it was held, the older
ones verified by the PJOK (or the Korkot above the kecamatan) a week later; the rest wait for
verification, and a rembug warga still open stays a draft. Safe to repeat: only drafts are
closed and only closed meetings verified."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from . import access, siklus
from .models import Pertemuan, StatusPertemuan

DITUTUP_SAMPAI = datetime.date(2012, 6, 30)
DIVERIFIKASI_SAMPAI = datetime.date(2012, 6, 11)
PENUTUP = ("fasilitator", "fasilitator2", "pjok", "korkot", "kmw")
VERIFIKATOR = ("pjok", "korkot", "kmw")


def _pada(tanggal: datetime.date, hari: int, jam: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(tanggal + datetime.timedelta(days=hari), datetime.time(jam)))


def _siapa(users: dict, urutan: tuple[str, ...], capability: str, kode: str):
    return next((users[u] for u in urutan if u in users and access.has_cap(users[u], capability, kode)), None)


@transaction.atomic
def load(stdout=None) -> None:
    users = {u.username: u for u in get_user_model().objects.filter(username__in=PENUTUP)}
    rows = Pertemuan.objects.filter(tanggal__lte=DITUTUP_SAMPAI).exclude(status=StatusPertemuan.DIVERIFIKASI)
    for p in rows.order_by("tanggal", "pk"):
        if p.status == StatusPertemuan.DRAF:
            penutup = _siapa(users, PENUTUP, "pertemuan.close", p.wilayah_id)
            if penutup is None:
                continue
            try:
                p = siklus.tutup(p, penutup, pada=_pada(p.tanggal, 1, 15))
            except ValidationError:  # a rembug warga still open closes on its own page
                continue
        if p.tanggal <= DIVERIFIKASI_SAMPAI:
            verifikator = _siapa(users, VERIFIKATOR, "pertemuan.verify", p.wilayah_id)
            if verifikator is not None:
                siklus.verifikasi(p, verifikator, pada=_pada(p.tanggal, 8, 10))
