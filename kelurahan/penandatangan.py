"""Who signs a document: the person holding a position (Koordinator BKM, Kepala Desa/Lurah,
Fasilitator, PJOK) in the record's region on the record's date, read from the bodies and
positions of the core (Lembaga, Jabatan). Every print document asks here; a position nobody
holds on that date prints as a blank line to sign by hand."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Jabatan, JenisLembaga, Tingkat, Wilayah

KOORDINATOR_BKM = "koordinator_bkm"
KEPALA_DESA = "kepala_desa"  # Kepala Desa in a desa, Lurah in a kelurahan
FASILITATOR = "fasilitator"
PJOK = "pjok"

KOSONG = "(……………………………)"

#: position -> (kind of body, position titles in order of preference, lowercase prefixes)
ATURAN: dict[str, tuple[str, tuple[str, ...]]] = {
    KOORDINATOR_BKM: (JenisLembaga.BKM, ("koordinator bkm", "koordinator lkm", "koordinator", "ketua bkm", "ketua")),
    KEPALA_DESA: (JenisLembaga.PERANGKAT, ("kepala desa", "kades", "lurah")),
    FASILITATOR: (JenisLembaga.FASILITATOR, ("fasilitator kelurahan", "fasilitator", "faskel")),
    PJOK: (JenisLembaga.PJOK, ("pjok",)),
}


@dataclass(frozen=True)
class Penandatangan:
    jabatan: str  # the title printed above the signature
    nama: str = ""

    @property
    def tampil(self) -> str:
        """The name under the signature, or the blank line to fill in by hand."""
        return f"({self.nama})" if self.nama else KOSONG

    def __str__(self) -> str:
        return self.tampil


def judul_jabatan(wilayah: Wilayah | None, jabatan: str) -> str:
    if jabatan == KEPALA_DESA:
        if wilayah is not None and wilayah.tingkat == Tingkat.KELURAHAN:
            return _("Lurah") if wilayah.kode[9] == "1" else _("Kepala Desa")
        return _("Kepala Desa/Lurah")
    return {
        KOORDINATOR_BKM: _("Koordinator BKM"),
        FASILITATOR: _("Fasilitator"),
        PJOK: _("PJOK"),
    }[jabatan]


def _cocok(judul: str, pilihan: tuple[str, ...]) -> int | None:
    judul = " ".join(judul.casefold().split())
    return next((i for i, p in enumerate(pilihan) if judul.startswith(p)), None)


def penandatangan_semua(
    wilayah: Wilayah | None, tanggal: datetime.date | datetime.datetime | None, jabatan: list[str]
) -> dict[str, Penandatangan]:
    """{position: signer} for several positions of one region and date, in one query."""
    if isinstance(tanggal, datetime.datetime):
        tanggal = timezone.localtime(tanggal).date() if timezone.is_aware(tanggal) else tanggal.date()
    tanggal = tanggal or timezone.localdate()
    hasil = {j: Penandatangan(judul_jabatan(wilayah, j)) for j in jabatan}
    if wilayah is None or wilayah.tingkat < Tingkat.KECAMATAN:
        return hasil
    kecamatan = wilayah.kode[:8]
    jenis = {ATURAN[j][0] for j in jabatan}
    rows = (
        Jabatan.objects.filter(lembaga__jenis__in=jenis, lembaga__wilayah_id__in={wilayah.kode, kecamatan})
        .filter(mulai__lte=tanggal)
        .filter(Q(selesai__isnull=True) | Q(selesai__gte=tanggal))
        .select_related("orang", "lembaga")
        .order_by("-mulai", "pk")
    )
    terbaik: dict[str, tuple[tuple, Jabatan]] = {}
    for row in rows:
        for j in jabatan:
            jenis_lembaga, pilihan = ATURAN[j]
            if row.lembaga.jenis != jenis_lembaga:
                continue
            urutan = _cocok(row.jabatan, pilihan)
            if urutan is None:
                continue
            # the kelurahan's own body before the kecamatan's; then the preferred title; then the latest
            kunci = (row.lembaga.wilayah_id != wilayah.kode, urutan)
            if j not in terbaik or kunci < terbaik[j][0]:
                terbaik[j] = (kunci, row)
    for j, (_kunci, row) in terbaik.items():
        hasil[j] = Penandatangan(hasil[j].jabatan, row.orang.nama)
    return hasil


def penandatangan(wilayah: Wilayah | None, tanggal, jabatan: str) -> Penandatangan:
    """The person holding `jabatan` in `wilayah` on `tanggal` (blank when nobody does)."""
    return penandatangan_semua(wilayah, tanggal, [jabatan])[jabatan]
