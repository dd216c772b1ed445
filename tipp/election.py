"""Pokja formation: FGDs in the KBK, then an election by the agreed criteria.

The result of an election is computed here from the votes (`hitung_hasil`), never typed:
the candidates meeting the criteria are ranked by votes; an optional rule first keeps at
least N seats for women; a tie at the last seat is reported and that seat stays open.
Voters are always attendance rows of the election meeting, so nobody not recorded as
present can vote, and the votes counted cannot exceed the voters.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from kelurahan import siklus
from kelurahan.konflik import klaim
from kelurahan.models import JenisPertemuan, Pertemuan

from .models import FGD, LANGKAH_POKJA, LANGKAH_STAF_PEMDA, TIPP, Kandidat, LangkahTIPP, Pemilih, Pemilihan, Pokja
from .services import cari_atau_buat_orang, pokja_terbentuk


@dataclass
class HasilPemilihan:
    kursi: int
    pemilih: int
    total_suara: int
    peringkat: list[Kandidat]
    terpilih: list[Kandidat] = field(default_factory=list)
    seri: list[Kandidat] = field(default_factory=list)
    kursi_seri: int = 0
    tidak_memenuhi: list[Kandidat] = field(default_factory=list)
    peringatan: list[str] = field(default_factory=list)
    #: women elected through the seats-for-women rule who would not have been by votes alone
    kursi_perempuan: list[Kandidat] = field(default_factory=list)

    @property
    def sah(self) -> bool:
        return self.total_suara <= self.pemilih

    @property
    def kursi_terisi(self) -> int:
        return len(self.terpilih)

    @property
    def terpilih_perempuan(self) -> int:
        return sum(1 for k in self.terpilih if k.orang.jenis_kelamin == "P")

    def is_terpilih(self, kandidat: Kandidat) -> bool:
        return any(k.pk == kandidat.pk for k in self.terpilih)


def _urut(pool: Iterable[Kandidat]) -> list[Kandidat]:
    return sorted(pool, key=lambda k: (-k.suara, k.orang.nama.casefold(), k.pk or 0))


def _pilih(pool: list[Kandidat], n: int) -> tuple[list[Kandidat], list[Kandidat]]:
    """The n with most votes, and those tied for the last seat when they cannot all fit."""
    pool = _urut(pool)
    if n <= 0:
        return [], []
    if len(pool) <= n:
        return pool, []
    batas = pool[n - 1].suara
    atas = [k for k in pool if k.suara > batas]
    sama = [k for k in pool if k.suara == batas]
    if len(atas) + len(sama) <= n:
        return atas + sama, []
    return atas, sama


def hitung_hasil(
    pemilihan: Pemilihan, kandidat: list[Kandidat] | None = None, pemilih: int | None = None
) -> HasilPemilihan:
    """Compute the election result; pass `kandidat` (with orang loaded) and the voter count to
    avoid queries."""
    if kandidat is None:
        kandidat = list(pemilihan.kandidat.select_related("orang"))
    if pemilih is None:
        pemilih = pemilihan.pemilih.count()
    layak = [k for k in kandidat if k.memenuhi_kriteria]
    hasil = HasilPemilihan(
        kursi=pemilihan.kursi,
        pemilih=pemilih,
        total_suara=sum(k.suara for k in kandidat),
        peringkat=_urut(layak),
        tidak_memenuhi=[k for k in kandidat if not k.memenuhi_kriteria],
    )
    if not hasil.sah:
        hasil.peringatan.append(
            _("Jumlah suara (%(s)s) melebihi jumlah pemilih yang hadir (%(p)s); hasil tidak sah.")
            % {"s": hasil.total_suara, "p": pemilih}
        )
        return hasil
    if hasil.total_suara == 0:
        hasil.peringatan.append(_("Suara belum dihitung."))
        return hasil
    kursi = pemilihan.kursi
    terpilih: list[Kandidat] = []
    seri: list[Kandidat] = []
    kursi_seri = 0
    minimum = min(pemilihan.kursi_perempuan_min or 0, kursi)
    if minimum:
        perempuan = [k for k in layak if k.orang.jenis_kelamin == "P"]
        if len(perempuan) < minimum:
            hasil.peringatan.append(
                _("Hanya %(n)s kandidat perempuan memenuhi kriteria; aturan %(m)s kursi perempuan tidak terpenuhi.")
                % {"n": len(perempuan), "m": minimum}
            )
        dapat, sama = _pilih(perempuan, min(minimum, len(perempuan)))
        terpilih += dapat
        if sama:
            seri += sama
            kursi_seri += minimum - len(dapat)
    sisa = [k for k in layak if k not in terpilih and k not in seri]
    dapat, sama = _pilih(sisa, kursi - len(terpilih) - kursi_seri)
    terpilih += dapat
    if sama:
        seri += sama
        kursi_seri += kursi - len(terpilih) - kursi_seri
    if len(layak) < kursi:
        hasil.peringatan.append(
            _("Kandidat yang memenuhi kriteria (%(n)s) lebih sedikit dari jumlah kursi (%(k)s).")
            % {"n": len(layak), "k": kursi}
        )
    if seri:
        hasil.peringatan.append(
            _("Suara sama (seri) untuk %(kursi)s kursi antara: %(nama)s. Perlu pemilihan ulang atau musyawarah.")
            % {"kursi": kursi_seri, "nama": ", ".join(k.orang.nama for k in _urut(seri))}
        )
    if minimum:
        by_votes, _tied = _pilih(layak, kursi)
        hasil.kursi_perempuan = [k for k in _urut(terpilih) if k not in by_votes]
    hasil.terpilih = _urut(terpilih)
    hasil.seri = _urut(seri)
    hasil.kursi_seri = kursi_seri
    return hasil


def kriteria_fgd(pokja: Pokja) -> str:
    """The criteria the FGDs agreed, each once, in order: the default criteria of the election."""
    seen, lines = set(), []
    for fgd in pokja.fgd.all():
        for line in fgd.daftar_kriteria:
            key = " ".join(line.split()).casefold()
            if key not in seen:
                seen.add(key)
                lines.append(line)
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------
# Writes
# ---------------------------------------------------------------------------------------


def _check_step4(tipp: TIPP) -> None:
    if not LangkahTIPP.objects.filter(tipp=tipp, nomor=LANGKAH_STAF_PEMDA, selesai__isnull=False).exists():
        raise ValidationError(_("Pokja dibentuk pada langkah 5: selesaikan dulu langkah 1 sampai 4."))


def _check_step5_tetap_sah(tipp_id: int) -> None:
    """Step 5 closed on a formed Pokja: a change that leaves no Pokja elected by then is refused."""
    selesai = LangkahTIPP.objects.filter(tipp_id=tipp_id, nomor=LANGKAH_POKJA).values_list("selesai", flat=True).first()
    if selesai is not None and not pokja_terbentuk(tipp_id, selesai):
        raise ValidationError(
            _(
                "Langkah 5 selesai pada %(tgl)s atas dasar Pokja yang terpilih; perubahan ini membuat tidak ada "
                "Pokja yang terbentuk sampai tanggal itu. Buka kembali langkah 5 lebih dulu."
            )
            % {"tgl": selesai.strftime("%d-%m-%Y")}
        )


@transaction.atomic
def buat_pokja(tipp: TIPP, *, nama: str, tugas: str = "") -> Pokja:
    _check_step4(tipp)
    nama = " ".join(nama.split())
    if Pokja.objects.filter(tipp=tipp, nama__iexact=nama).exists():
        raise ValidationError(_("Pokja %(nama)s sudah ada.") % {"nama": nama})
    return Pokja.objects.create(tipp=tipp, nama=nama, tugas=tugas)


def _meeting(existing, *, jenis, judul, wilayah_id, tanggal, tempat, user) -> Pertemuan:
    if existing is None:
        return Pertemuan.objects.create(
            jenis=jenis,
            judul=judul[:200],
            wilayah_id=wilayah_id,
            tanggal=tanggal,
            tempat=tempat,
            dibuat_oleh=user if getattr(user, "is_authenticated", False) else None,
        )
    existing.tanggal, existing.tempat = tanggal, tempat
    existing.save(update_fields=["tanggal", "tempat", "diubah"])
    return existing


@transaction.atomic
def simpan_fgd(
    pokja: Pokja,
    *,
    kbk: str,
    kriteria: str,
    tanggal: datetime.date,
    tempat: str = "",
    fgd: FGD | None = None,
    user=None,
    versi: int | None = None,
) -> FGD:
    """Record an FGD (its meeting and the criteria it agreed)."""
    if fgd is not None:
        siklus.pastikan_terbuka(fgd.pertemuan_id)
        klaim(fgd, versi)
    if not [line for line in kriteria.splitlines() if line.strip()]:
        raise ValidationError(_("Tuliskan paling sedikit satu kriteria yang disepakati."))
    pemilihan = Pemilihan.objects.filter(pokja=pokja).select_related("pertemuan").first()
    if pemilihan is not None and tanggal > pemilihan.pertemuan.tanggal:
        raise ValidationError(_("FGD harus sebelum pemilihan (%(tgl)s).") % {"tgl": pemilihan.pertemuan.tanggal})
    pertemuan = _meeting(
        fgd.pertemuan if fgd else None,
        jenis=JenisPertemuan.FGD,
        judul=_("FGD %(pokja)s di %(kbk)s") % {"pokja": pokja.nama, "kbk": kbk},
        wilayah_id=pokja.tipp.wilayah_id,
        tanggal=tanggal,
        tempat=tempat,
        user=user,
    )
    fgd = fgd or FGD(pokja=pokja)
    fgd.pertemuan, fgd.kbk, fgd.kriteria = pertemuan, kbk.strip(), kriteria.strip()
    fgd.save()
    return fgd


@transaction.atomic
def simpan_pemilihan(
    pokja: Pokja,
    *,
    tanggal: datetime.date,
    tempat: str,
    kriteria: str,
    kursi: int,
    kursi_perempuan_min: int | None,
    user=None,
    versi: int | None = None,
) -> Pemilihan:
    """Set up (or change) the election: after at least one FGD and not before the last one."""
    fgds = list(pokja.fgd.select_related("pertemuan"))
    if not fgds:
        raise ValidationError(_("Pemilihan dilakukan sesudah FGD: catat dulu FGD di KBK."))
    last = max(f.pertemuan.tanggal for f in fgds)
    if tanggal < last:
        raise ValidationError(_("Pemilihan tidak boleh sebelum FGD terakhir (%(tgl)s).") % {"tgl": last})
    if not kriteria.strip():
        raise ValidationError(_("Tuliskan kriteria yang berlaku."))
    pemilihan = Pemilihan.objects.filter(pokja=pokja).select_related("pertemuan").first()
    if pemilihan is not None:
        siklus.pastikan_terbuka(pemilihan.pertemuan_id)
        klaim(pemilihan, versi)
    pertemuan = _meeting(
        pemilihan.pertemuan if pemilihan else None,
        jenis=JenisPertemuan.PEMILIHAN,
        judul=_("Pemilihan anggota %(pokja)s") % {"pokja": pokja.nama},
        wilayah_id=pokja.tipp.wilayah_id,
        tanggal=tanggal,
        tempat=tempat,
        user=user,
    )
    pemilihan = pemilihan or Pemilihan(pokja=pokja)
    pemilihan.pertemuan = pertemuan
    pemilihan.kriteria = kriteria.strip()
    pemilihan.kursi = kursi
    pemilihan.kursi_perempuan_min = kursi_perempuan_min
    pemilihan.full_clean()
    pemilihan.save()
    _check_step5_tetap_sah(pokja.tipp_id)
    return pemilihan


@transaction.atomic
def tambah_kandidat(pemilihan: Pemilihan, *, nama: str, jenis_kelamin: str, memenuhi_kriteria: bool) -> Kandidat:
    siklus.pastikan_terbuka(pemilihan.pertemuan_id)
    orang = cari_atau_buat_orang(pemilihan.pertemuan.wilayah_id, nama, jenis_kelamin)
    if Kandidat.objects.filter(pemilihan=pemilihan, orang=orang).exists():
        raise ValidationError(_("%(nama)s sudah menjadi kandidat.") % {"nama": orang.nama})
    return Kandidat.objects.create(pemilihan=pemilihan, orang=orang, memenuhi_kriteria=memenuhi_kriteria)


@transaction.atomic
def hapus_kandidat(kandidat: Kandidat) -> None:
    siklus.pastikan_terbuka(kandidat.pemilihan.pertemuan_id)
    if kandidat.suara:
        raise ValidationError(_("Kandidat yang sudah mendapat suara tidak dapat dihapus; nolkan dulu suaranya."))
    kandidat.delete()


@transaction.atomic
def tetapkan_pemilih(pemilihan: Pemilihan, kehadiran_ids: Iterable[int]) -> int:
    """Set the voters: attendance rows of the election meeting only. Returns their number."""
    pemilihan = Pemilihan.objects.select_for_update().get(pk=pemilihan.pk)
    siklus.pastikan_terbuka(pemilihan.pertemuan_id)
    ids = set(kehadiran_ids)
    valid = set(pemilihan.pertemuan.kehadiran.filter(pk__in=ids).values_list("pk", flat=True))
    if ids - valid:
        raise ValidationError(_("Hanya orang yang tercatat hadir di pertemuan pemilihan yang dapat menjadi pemilih."))
    suara = sum(pemilihan.kandidat.values_list("suara", flat=True))
    if suara > len(valid):
        raise ValidationError(_("Sudah ada %(s)s suara tercatat; pemilih tidak boleh kurang dari itu.") % {"s": suara})
    pemilihan.pemilih.exclude(kehadiran_id__in=valid).delete()
    have = set(pemilihan.pemilih.values_list("kehadiran_id", flat=True))
    Pemilih.objects.bulk_create(Pemilih(pemilihan=pemilihan, kehadiran_id=k) for k in sorted(valid - have))
    return len(valid)


@transaction.atomic
def catat_suara(pemilihan: Pemilihan, suara: Mapping[int, int], user=None) -> HasilPemilihan:
    """Record the votes per candidate ({kandidat id: votes}); refused when the total exceeds
    the voters present or a candidate not meeting the criteria gets votes."""
    pemilihan = Pemilihan.objects.select_for_update().get(pk=pemilihan.pk)
    siklus.pastikan_terbuka(pemilihan.pertemuan_id)
    kandidat = {k.pk: k for k in pemilihan.kandidat.select_related("orang")}
    unknown = set(suara) - set(kandidat)
    if unknown:
        raise ValidationError(_("Kandidat tidak dikenal dalam pemilihan ini."))
    errors = []
    for pk, n in suara.items():
        if n < 0:
            errors.append(_("Suara %(nama)s tidak boleh negatif.") % {"nama": kandidat[pk].orang.nama})
        elif n and not kandidat[pk].memenuhi_kriteria:
            errors.append(
                _("%(nama)s tidak memenuhi kriteria sehingga tidak dapat dipilih.") % {"nama": kandidat[pk].orang.nama}
            )
    if errors:
        raise ValidationError(errors)
    pemilih = pemilihan.pemilih.count()
    total = sum(suara.get(pk, k.suara) for pk, k in kandidat.items())
    if total > pemilih:
        raise ValidationError(
            _("Jumlah suara (%(s)s) melebihi jumlah pemilih yang hadir (%(p)s).") % {"s": total, "p": pemilih}
        )
    for pk, n in suara.items():
        kandidat[pk].suara = n
    bulk_update_with_history(list(kandidat.values()), Kandidat, ["suara"], default_user=user)
    _check_step5_tetap_sah(pemilihan.pokja.tipp_id)
    return hitung_hasil(pemilihan, list(kandidat.values()), pemilih)
