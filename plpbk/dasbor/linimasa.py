"""A kelurahan's own timeline of the programme cycle, for its dashboard."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from blm.models import PembayaranBLM, PermintaanBLM
from kelurahan.models import Wilayah
from lokakarya.models import Lokakarya, TingkatLokakarya
from sosialisasi.models import Pengkondisian, RembugWarga
from tipp.models import TIPP, LangkahTIPP, RencanaKerja


@dataclass
class Peristiwa:
    tanggal: datetime.date
    tahap: str
    uraian: str
    url: str = ""


def _tanggal(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def linimasa(user, wilayah: Wilayah) -> list[Peristiwa]:
    """The kelurahan's cycle in date order: lokakarya (its own and its ancestors'),
    field orientation, rembug warga, TIPP steps and confirmation, plan approval, BLM tahap
    requested/verified/paid. A fixed number of queries."""
    kode = wilayah.kode
    items: list[Peristiwa] = []
    tingkat = dict(TingkatLokakarya.choices)
    for lk in (
        Lokakarya.objects.for_user(user)
        .filter(pertemuan__wilayah_id__in=[*wilayah.kode_leluhur(), kode])
        .select_related("pertemuan")
    ):
        items.append(
            Peristiwa(
                lk.pertemuan.tanggal,
                str(_("Lokakarya")),
                f"{tingkat.get(lk.tingkat)}: {lk.pertemuan.judul}",
                lk.get_absolute_url(),
            )
        )
    for p in Pengkondisian.objects.for_user(user).filter(wilayah_id=kode, tanggal_mulai__isnull=False):
        items.append(
            Peristiwa(
                p.tanggal_mulai, str(_("Sosialisasi")), str(_("Pengkondisian masyarakat dimulai")), p.get_absolute_url()
            )
        )
    for r in RembugWarga.objects.for_user(user).filter(pertemuan__wilayah_id=kode).select_related("pertemuan"):
        items.append(Peristiwa(r.pertemuan.tanggal, str(_("Sosialisasi")), r.pertemuan.judul, r.get_absolute_url()))
    for lg in LangkahTIPP.objects.for_user(user).filter(tipp__wilayah_id=kode, selesai__isnull=False):
        items.append(
            Peristiwa(lg.selesai, str(_("TIPP")), f"{_('Langkah')} {lg.nomor}: {lg.judul}", lg.get_absolute_url())
        )
    for t in TIPP.objects.for_user(user).filter(wilayah_id=kode, dikukuhkan__isnull=False):
        items.append(Peristiwa(t.dikukuhkan, str(_("TIPP")), str(_("TIPP dikukuhkan")), t.get_absolute_url()))
    for rk in RencanaKerja.objects.for_user(user).approved().filter(wilayah_id=kode):
        items.append(
            Peristiwa(rk.disetujui, str(_("Rencana kerja")), str(_("Rencana kerja disetujui")), rk.get_absolute_url())
        )
    for pm in PermintaanBLM.objects.for_user(user).filter(wilayah_id=kode):
        items.append(
            Peristiwa(
                _tanggal(pm.diajukan_pada),
                str(_("BLM")),
                str(_("PP-BLM tahap %(n)s diajukan")) % {"n": pm.nomor},
                pm.get_absolute_url(),
            )
        )
        if pm.diverifikasi_pada:
            items.append(
                Peristiwa(
                    _tanggal(pm.diverifikasi_pada),
                    str(_("BLM")),
                    str(_("PP-BLM tahap %(n)s terverifikasi")) % {"n": pm.nomor},
                    pm.get_absolute_url(),
                )
            )
    for by in PembayaranBLM.objects.for_user(user).filter(wilayah_id=kode).select_related("permintaan"):
        items.append(
            Peristiwa(
                by.tanggal,
                str(_("BLM")),
                str(_("BLM tahap %(n)s dibayar")) % {"n": by.permintaan.nomor},
                by.permintaan.get_absolute_url(),
            )
        )
    items.sort(key=lambda p: p.tanggal)
    return items
