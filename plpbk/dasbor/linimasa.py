"""A kelurahan's own timeline of the programme cycle, for its dashboard."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from blm.models import PembayaranBLM, PermintaanBLM
from kelurahan.models import Wilayah
from lokakarya.models import Lokakarya, TingkatLokakarya
from sosialisasi.models import Pengkondisian, RembugWarga
from tipp.models import LANGKAH, TIPP, LangkahTIPP, RencanaKerja


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


def _baris(qs, *fields) -> list[tuple]:
    """The values `fields` of the rows of `qs`, sorted (ties on a date keep one order)."""
    return sorted(qs.order_by().values_list(*fields))


def linimasa(user, wilayah: Wilayah) -> list[Peristiwa]:
    """The kelurahan's cycle in date order: lokakarya (its own and its ancestors'),
    field orientation, rembug warga, TIPP steps and confirmation, plan approval, BLM tahap
    requested/verified/paid. A fixed number of queries, each of the few fields shown, unordered
    (sorted here): as model instances in their default order, building eight queries cost a
    desa's dashboard more than the rest of its page."""
    kode = wilayah.kode
    items: list[Peristiwa] = []
    tingkat = dict(TingkatLokakarya.choices)
    sosialisasi, tipp, blm = str(_("Sosialisasi")), str(_("TIPP")), str(_("BLM"))
    lokakarya = Lokakarya.objects.for_user(user).filter(pertemuan__wilayah_id__in=[*wilayah.kode_leluhur(), kode])
    for pk, tk, tanggal, judul in _baris(lokakarya, "pk", "tingkat", "pertemuan__tanggal", "pertemuan__judul"):
        items.append(
            Peristiwa(
                tanggal, str(_("Lokakarya")), f"{tingkat.get(tk)}: {judul}", reverse("lokakarya:detail", args=[pk])
            )
        )
    pengkondisian = Pengkondisian.objects.for_user(user).filter(wilayah_id=kode, tanggal_mulai__isnull=False)
    for (tanggal,) in _baris(pengkondisian, "tanggal_mulai"):
        url = reverse("sosialisasi:pengkondisian", args=[kode])
        items.append(Peristiwa(tanggal, sosialisasi, str(_("Pengkondisian masyarakat dimulai")), url))
    rembug = RembugWarga.objects.for_user(user).filter(pertemuan__wilayah_id=kode)
    for pk, tanggal, judul in _baris(rembug, "pk", "pertemuan__tanggal", "pertemuan__judul"):
        items.append(Peristiwa(tanggal, sosialisasi, judul, reverse("sosialisasi:rembug", args=[pk])))
    langkah = LangkahTIPP.objects.for_user(user).filter(tipp__wilayah_id=kode, selesai__isnull=False)
    for pk, nomor, selesai in _baris(langkah, "pk", "nomor", "selesai"):
        uraian = f"{_('Langkah')} {nomor}: {LANGKAH[nomor - 1][1]}"
        items.append(Peristiwa(selesai, tipp, uraian, reverse("tipp:langkah", args=[pk])))
    dikukuhkan = TIPP.objects.for_user(user).filter(wilayah_id=kode, dikukuhkan__isnull=False)
    for (tanggal,) in _baris(dikukuhkan, "dikukuhkan"):
        items.append(Peristiwa(tanggal, tipp, str(_("TIPP dikukuhkan")), reverse("tipp:detail", args=[kode])))
    rencana = RencanaKerja.objects.for_user(user).approved().filter(wilayah_id=kode)
    for (tanggal,) in _baris(rencana, "disetujui"):
        url = reverse("tipp:rencana", args=[kode])
        items.append(Peristiwa(tanggal, str(_("Rencana kerja")), str(_("Rencana kerja disetujui")), url))
    permintaan = PermintaanBLM.objects.for_user(user).filter(wilayah_id=kode)
    for pk, nomor, diajukan, diverifikasi in _baris(permintaan, "pk", "nomor", "diajukan_pada", "diverifikasi_pada"):
        url = reverse("blm:permintaan", args=[pk])
        items.append(Peristiwa(_tanggal(diajukan), blm, str(_("PP-BLM tahap %(n)s diajukan")) % {"n": nomor}, url))
        if diverifikasi:
            teks = str(_("PP-BLM tahap %(n)s terverifikasi")) % {"n": nomor}
            items.append(Peristiwa(_tanggal(diverifikasi), blm, teks, url))
    pembayaran = PembayaranBLM.objects.for_user(user).filter(wilayah_id=kode)
    for tanggal, permintaan_pk, nomor in _baris(pembayaran, "tanggal", "permintaan_id", "permintaan__nomor"):
        teks = str(_("BLM tahap %(n)s dibayar")) % {"n": nomor}
        items.append(Peristiwa(tanggal, blm, teks, reverse("blm:permintaan", args=[permintaan_pk])))
    items.sort(key=lambda p: p.tanggal)
    return items
