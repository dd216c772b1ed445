"""Writes of BLM. Each function is one transaction; the ones that move money lock the
allocation row (select_for_update) first, so two people approving or paying at the same
moment are serialised and the second sees the first one's result. Database constraints
(one payment per request, paid never above allocated) back the checks."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kelurahan import access
from kelurahan.konflik import klaim_versi
from kelurahan.services import simpan_berkas

from .kelayakan import Kelayakan
from .models import (
    TIDAK_AKTIF,
    URUTAN_LANGKAH,
    AlokasiBLM,
    BelanjaLPJ,
    DokumenBLM,
    JejakPermintaan,
    KonfigurasiBLM,
    LpjBLM,
    PembayaranBLM,
    PermintaanBLM,
    StatusLpj,
    StatusPermintaan,
    TahapBLM,
    Tindakan,
)
from .rantai import kapabilitas
from .uang import kunci_alokasi, rp, tolak_ganda


def _nama(user) -> str:
    return user.get_full_name() or user.get_username()


def _jejak(permintaan, user, tindakan, langkah="", alasan="", pada=None, peran="", saat_pengajuan=False):
    return JejakPermintaan.objects.create(
        permintaan=permintaan,
        langkah=langkah,
        tindakan=tindakan,
        alasan=alasan,
        oleh=user,
        nama_oleh=_nama(user),
        peran=peran,
        saat_pengajuan=saat_pengajuan,
        pada=pada or timezone.now(),
    )


#: a user holding both filing roles files as BKM, so the Fasilitator step stays someone else's
PERAN_PENGAJU = (access.BKM, access.FASILITATOR)


def peran_pengaju(user, wilayah_id: str) -> str:
    return access.peran_dengan(user, "blm.request", wilayah_id, utamakan=PERAN_PENGAJU)


def _kirim(permintaan: PermintaanBLM, user, now) -> None:
    """Put a (re)submitted request at the chain's first step and sign the trail. A filer whose
    role is that first step (the Fasilitator) passes it by filing: he could not verify his own
    request and nobody else holds the step, so the request would otherwise wait for ever."""
    peran = peran_pengaju(user, permintaan.wilayah_id)
    permintaan.status = StatusPermintaan.DIPROSES
    permintaan.langkah = URUTAN_LANGKAH[0]
    permintaan.langkah_sejak = now
    _jejak(permintaan, user, Tindakan.DIAJUKAN, pada=now, peran=peran)
    if peran == URUTAN_LANGKAH[0]:
        _jejak(permintaan, user, Tindakan.DISETUJUI, langkah=peran, pada=now, peran=peran, saat_pengajuan=True)
        permintaan.langkah = URUTAN_LANGKAH[1]


# --- configuration -----------------------------------------------------------------


def porsi_rata(n: int) -> list[Decimal]:
    """Equal shares with two decimals; the remainder goes to the last (33.33, 33.33, 33.34)."""
    base = (Decimal(10000) // n) / 100
    return [base] * (n - 1) + [Decimal(100) - base * (n - 1)]


@transaction.atomic
def buat_konfigurasi(tahun: int, jumlah_tahap: int = 3, catatan: str = "") -> KonfigurasiBLM:
    if KonfigurasiBLM.objects.filter(tahun=tahun).exists():
        raise ValidationError(_("Konfigurasi tahun %(t)s sudah ada.") % {"t": tahun})
    konfigurasi = KonfigurasiBLM.objects.create(tahun=tahun, catatan=catatan)
    for i, persen in enumerate(porsi_rata(jumlah_tahap), start=1):
        TahapBLM.objects.create(
            konfigurasi=konfigurasi,
            nomor=i,
            persen=persen,
            syarat_tipp=(i == 1),
            syarat_rencana_kerja=(i == 1),
            syarat_lpj_sebelumnya=(i > 1),
        )
    return konfigurasi


def konfigurasi_terpakai(konfigurasi: KonfigurasiBLM) -> bool:
    """Shares and the number of tahap are fixed once a request of that year exists."""
    return PermintaanBLM.objects.filter(alokasi__tahun=konfigurasi.tahun).exists()


@transaction.atomic
def atur_jumlah_tahap(konfigurasi: KonfigurasiBLM, n: int) -> None:
    """Add or remove tahap at the end; the shares are reset to equal parts to re-enter."""
    konfigurasi = KonfigurasiBLM.objects.select_for_update().get(pk=konfigurasi.pk)
    if konfigurasi_terpakai(konfigurasi):
        raise ValidationError(_("Jumlah tahap tidak dapat diubah: sudah ada permintaan BLM tahun ini."))
    current = konfigurasi.tahap.count()
    if n == current:
        return
    konfigurasi.tahap.filter(nomor__gt=n).delete()
    for i in range(current + 1, n + 1):
        TahapBLM.objects.create(konfigurasi=konfigurasi, nomor=i, persen=Decimal("0.01"), syarat_lpj_sebelumnya=True)
    for tahap, persen in zip(konfigurasi.tahap.order_by("nomor"), porsi_rata(n), strict=True):
        tahap.persen = persen
        tahap.save(update_fields=["persen"])


# --- documents ---------------------------------------------------------------------


@transaction.atomic
def unggah_dokumen(alokasi: AlokasiBLM, user, nama: str, berkas) -> DokumenBLM:
    access.require(user, "blm.request", alokasi.wilayah_id)
    return DokumenBLM.objects.create(alokasi=alokasi, nama=nama.strip(), berkas=simpan_berkas(berkas, user))


# --- request and verification ------------------------------------------------------


@transaction.atomic
def ajukan_permintaan(
    alokasi: AlokasiBLM, nomor: int, user, nomor_surat: str = "", catatan: str = "", today=None, pada=None
) -> PermintaanBLM:
    """File the PP-BLM for tahap `nomor`, if it is eligible now. `pada` (default now) dates
    the filing: the demo files its 2012 requests on their own dates."""
    access.require(user, "blm.request", alokasi.wilayah_id)
    alokasi = AlokasiBLM.objects.select_for_update(of=("self",)).select_related("wilayah").get(pk=alokasi.pk)
    if today is None and pada is not None:
        today = timezone.localdate(pada)
    kelayakan = Kelayakan(alokasi, today=today)
    tahap = kelayakan.tahap_nomor(nomor)
    if tahap is None:
        raise ValidationError(
            _("Tahap %(n)s tidak ada dalam konfigurasi tahun %(t)s.") % {"n": nomor, "t": alokasi.tahun}
        )
    if nomor in kelayakan.permintaan:
        raise ValidationError(_("Tahap %(n)s sudah pernah diajukan.") % {"n": nomor})
    kurang = kelayakan.kurang(tahap)
    if kurang:
        raise ValidationError(kurang)
    now = pada or timezone.now()
    try:
        with transaction.atomic():
            permintaan = PermintaanBLM.objects.create(
                alokasi=alokasi,
                wilayah=alokasi.wilayah,
                nomor=nomor,
                jumlah=kelayakan.jumlah_tahap(nomor),
                nomor_surat=nomor_surat,
                catatan=catatan,
                diajukan_oleh=user,
                diajukan_pada=now,
                langkah=URUTAN_LANGKAH[0],
                langkah_sejak=now,
            )
    except IntegrityError:
        raise ValidationError(_("Tahap %(n)s sudah pernah diajukan.") % {"n": nomor}) from None
    _kirim(permintaan, user, now)
    permintaan.save(update_fields=["status", "langkah", "langkah_sejak"])
    return permintaan


def _putaran(permintaan: PermintaanBLM, jejak: list[JejakPermintaan] | None = None) -> list[JejakPermintaan]:
    """The trail since the last (re)submission."""
    rows = list(permintaan.jejak.all()) if jejak is None else jejak
    start = max((i for i, j in enumerate(rows) if j.tindakan == Tindakan.DIAJUKAN), default=0)
    return rows[start:]


def dapat_memverifikasi(permintaan: PermintaanBLM, user, jejak: list[JejakPermintaan] | None = None) -> bool:
    """The user can act on the request's current step now: he holds the step's role there, did
    not file it, and verified no other step of this round (the home page's to-do asks the same)."""
    if not (
        permintaan.status == StatusPermintaan.DIPROSES
        and permintaan.langkah
        and user.pk != permintaan.diajukan_oleh_id
        and access.has_cap(user, kapabilitas(permintaan.langkah), permintaan.wilayah_id)
    ):
        return False
    return not any(j.oleh_id == user.pk and j.tindakan == Tindakan.DISETUJUI for j in _putaran(permintaan, jejak))


def verifikasi_lain(permintaan: PermintaanBLM, jejak: list[JejakPermintaan] | None = None) -> JejakPermintaan | None:
    """The first verification of this round by someone other than the filer (None: none yet)."""
    return next(
        (j for j in _putaran(permintaan, jejak) if j.tindakan == Tindakan.DISETUJUI and not j.saat_pengajuan), None
    )


def dapat_menarik(permintaan: PermintaanBLM, user, jejak: list[JejakPermintaan] | None = None) -> bool:
    """The filer, or a peer holding the filer's role in the region, may withdraw the request
    until someone else has verified a step of it."""
    if permintaan.status != StatusPermintaan.DIPROSES:
        return False
    putaran = _putaran(permintaan, jejak)
    if verifikasi_lain(permintaan, putaran) is not None:
        return False
    if user.pk == permintaan.diajukan_oleh_id:
        return access.has_cap(user, "blm.request", permintaan.wilayah_id)
    peran = putaran[0].peran if putaran else ""
    return bool(peran) and access.peran_dengan(user, "blm.request", permintaan.wilayah_id, utamakan=(peran,)) == peran


@transaction.atomic
def verifikasi(
    permintaan: PermintaanBLM,
    user,
    setuju: bool,
    alasan: str = "",
    langkah: str | None = None,
    versi: int | None = None,
    pada=None,
):
    """Approve or return the request at its current step (`pada`: when; default now).

    `langkah` is the step the user saw on the page: when someone else acted first, the
    request has moved on and this call is refused instead of approving the wrong step.
    `versi` (the request's version on the page) refuses any stale post with what changed.
    """
    permintaan = PermintaanBLM.objects.select_for_update().get(pk=permintaan.pk)
    permintaan.versi = klaim_versi(PermintaanBLM, permintaan.pk, versi)
    if permintaan.terkunci:
        raise ValidationError(_("Permintaan ini sudah terverifikasi dan terkunci."))
    if permintaan.status != StatusPermintaan.DIPROSES:
        raise ValidationError(_("Permintaan ini tidak sedang dalam verifikasi."))
    if langkah is not None and langkah != permintaan.langkah:
        raise ValidationError(_("Permintaan ini sudah diproses orang lain; muat ulang halaman."))
    access.require(user, kapabilitas(permintaan.langkah), permintaan.wilayah_id)
    if user.pk == permintaan.diajukan_oleh_id:
        raise PermissionDenied(_("Pengaju permintaan tidak boleh memverifikasinya sendiri."))
    if any(j.oleh_id == user.pk and j.tindakan == Tindakan.DISETUJUI for j in _putaran(permintaan)):
        raise PermissionDenied(_("Satu orang hanya boleh memverifikasi satu langkah."))
    now = pada or timezone.now()
    current = permintaan.langkah
    if setuju:
        _jejak(permintaan, user, Tindakan.DISETUJUI, langkah=current, pada=now, peran=current)
        index = URUTAN_LANGKAH.index(current)
        if index + 1 < len(URUTAN_LANGKAH):
            permintaan.langkah = URUTAN_LANGKAH[index + 1]
            permintaan.langkah_sejak = now
        else:
            permintaan.status = StatusPermintaan.TERVERIFIKASI
            permintaan.langkah = ""
            permintaan.langkah_sejak = None
            permintaan.diverifikasi_pada = now
    else:
        if not alasan.strip():
            raise ValidationError(_("Tuliskan alasan pengembalian."))
        _jejak(permintaan, user, Tindakan.DIKEMBALIKAN, langkah=current, alasan=alasan.strip(), pada=now, peran=current)
        permintaan.status = StatusPermintaan.DIKEMBALIKAN
        permintaan.langkah = ""
        permintaan.langkah_sejak = None
    permintaan.save(update_fields=["status", "langkah", "langkah_sejak", "diverifikasi_pada", "versi"])
    return permintaan


@transaction.atomic
def ajukan_ulang(
    permintaan: PermintaanBLM,
    user,
    catatan: str | None = None,
    nomor_surat: str | None = None,
    versi: int | None = None,
):
    """Send a returned or withdrawn request again, from the first step."""
    access.require(user, "blm.request", permintaan.wilayah_id)
    permintaan = PermintaanBLM.objects.select_for_update().get(pk=permintaan.pk)
    permintaan.versi = klaim_versi(PermintaanBLM, permintaan.pk, versi)
    if permintaan.status not in TIDAK_AKTIF:
        raise ValidationError(_("Hanya permintaan yang dikembalikan atau ditarik yang dapat diajukan ulang."))
    now = timezone.now()
    if catatan is not None:
        permintaan.catatan = catatan
    if nomor_surat is not None:
        permintaan.nomor_surat = nomor_surat
    permintaan.diajukan_oleh = user
    _kirim(permintaan, user, now)
    permintaan.save()
    return permintaan


@transaction.atomic
def tarik_kembali(permintaan: PermintaanBLM, user, alasan: str, versi: int | None = None) -> PermintaanBLM:
    """Withdraw a request before anyone but its filer verified it ("tarik kembali"), with a
    reason kept in the trail; it can be corrected and sent again."""
    access.require(user, "blm.request", permintaan.wilayah_id)
    permintaan = PermintaanBLM.objects.select_for_update().get(pk=permintaan.pk)
    if permintaan.status != StatusPermintaan.DIPROSES:
        raise ValidationError(_("Hanya permintaan yang sedang dalam verifikasi yang dapat ditarik kembali."))
    jejak = list(permintaan.jejak.all())
    sudah = verifikasi_lain(permintaan, jejak)
    if sudah is not None:
        raise ValidationError(
            _("Permintaan sudah diverifikasi oleh %(nama)s (%(peran)s); tidak dapat ditarik kembali.")
            % {"nama": sudah.nama_oleh, "peran": sudah.peran_label}
        )
    if not dapat_menarik(permintaan, user, jejak):
        raise PermissionDenied(_("Hanya pengaju atau rekan dengan peran yang sama yang dapat menarik kembali."))
    if not alasan.strip():
        raise ValidationError(_("Tuliskan alasan penarikan."))
    permintaan.versi = klaim_versi(PermintaanBLM, permintaan.pk, versi)
    _jejak(
        permintaan,
        user,
        Tindakan.DITARIK,
        alasan=alasan.strip(),
        peran=access.peran_dengan(user, "blm.request", permintaan.wilayah_id, utamakan=PERAN_PENGAJU),
    )
    permintaan.status = StatusPermintaan.DITARIK
    permintaan.langkah = ""
    permintaan.langkah_sejak = None
    permintaan.save(update_fields=["status", "langkah", "langkah_sejak", "versi"])
    return permintaan


# --- payment -----------------------------------------------------------------------


@transaction.atomic
def bayar(
    permintaan: PermintaanBLM,
    user,
    tanggal: datetime.date,
    jumlah: int,
    nomor_bukti: str = "",
    versi: int | None = None,
    pada=None,
) -> PembayaranBLM:
    """Record the payment of a verified request; never more than the request nor than
    what is left of the allocation, and never twice. `pada` dates the trail (default now)."""
    access.require(user, "blm.pay", permintaan.wilayah_id)
    alokasi = kunci_alokasi(permintaan.alokasi_id)
    permintaan = PermintaanBLM.objects.select_for_update().get(pk=permintaan.pk)
    permintaan.versi = klaim_versi(PermintaanBLM, permintaan.pk, versi)
    if permintaan.status == StatusPermintaan.DIBAYAR:
        raise ValidationError(_("Permintaan ini sudah dibayar."))
    if permintaan.status != StatusPermintaan.TERVERIFIKASI:
        raise ValidationError(_("Permintaan belum selesai diverifikasi Satker; belum dapat dibayar."))
    if jumlah <= 0:
        raise ValidationError(_("Jumlah pembayaran harus lebih dari nol."))
    if jumlah > permintaan.jumlah:
        raise ValidationError(_("Jumlah pembayaran melebihi jumlah yang diminta."))
    if jumlah > alokasi.sisa:
        raise ValidationError(_("Jumlah pembayaran melebihi sisa alokasi (%(sisa)s).") % {"sisa": rp(alokasi.sisa)})
    with tolak_ganda(_("Pembayaran ditolak: permintaan sudah dibayar atau alokasi terlampaui.")):
        pembayaran = PembayaranBLM.objects.create(
            permintaan=permintaan,
            alokasi=alokasi,
            wilayah_id=permintaan.wilayah_id,
            tanggal=tanggal,
            jumlah=jumlah,
            nomor_bukti=nomor_bukti,
            dicatat_oleh=user,
        )
        AlokasiBLM.objects.filter(pk=alokasi.pk).update(terbayar=F("terbayar") + jumlah)
    permintaan.status = StatusPermintaan.DIBAYAR
    permintaan.save(update_fields=["status", "versi"])
    _jejak(
        permintaan,
        user,
        Tindakan.DIBAYAR,
        pada=pada,
        peran=access.peran_dengan(user, "blm.pay", permintaan.wilayah_id),
    )
    LpjBLM.objects.get_or_create(permintaan=permintaan, defaults={"wilayah_id": permintaan.wilayah_id})
    return pembayaran


# --- LPJ ---------------------------------------------------------------------------


def _lpj_terkunci(lpj_pk: int) -> LpjBLM:
    lpj = LpjBLM.objects.select_for_update(of=("self",)).select_related("permintaan__pembayaran").get(pk=lpj_pk)
    if not lpj.dapat_diubah:
        raise ValidationError(_("LPJ sudah diajukan atau diterima; tidak dapat diubah."))
    return lpj


@transaction.atomic
def tambah_belanja(
    lpj: LpjBLM, user, tanggal, uraian: str, jumlah: int, kegiatan_id=None, kegiatan: str = "", bukti=None
) -> BelanjaLPJ:
    access.require(user, "blm.lpj.entry", lpj.wilayah_id)
    lpj = _lpj_terkunci(lpj.pk)
    dibayar = lpj.permintaan.pembayaran.jumlah
    if lpj.realisasi + jumlah > dibayar:
        raise ValidationError(
            _("Jumlah belanja melebihi dana tahap ini yang dibayar (sisa %(s)s).") % {"s": rp(dibayar - lpj.realisasi)}
        )
    baris = BelanjaLPJ.objects.create(
        lpj=lpj,
        tanggal=tanggal,
        uraian=uraian,
        jumlah=jumlah,
        kegiatan_id=kegiatan_id,
        kegiatan=kegiatan,
        bukti=simpan_berkas(bukti, user) if bukti else None,
        dicatat_oleh=user,
    )
    LpjBLM.objects.filter(pk=lpj.pk).update(realisasi=F("realisasi") + jumlah)
    return baris


@transaction.atomic
def hapus_belanja(baris: BelanjaLPJ, user) -> None:
    access.require(user, "blm.lpj.entry", baris.lpj.wilayah_id)
    lpj = _lpj_terkunci(baris.lpj_id)
    baris = BelanjaLPJ.objects.get(pk=baris.pk, lpj=lpj)
    LpjBLM.objects.filter(pk=lpj.pk).update(realisasi=F("realisasi") - baris.jumlah)
    baris.delete()


@transaction.atomic
def ajukan_lpj(lpj: LpjBLM, user, pada=None) -> LpjBLM:
    access.require(user, "blm.lpj.entry", lpj.wilayah_id)
    lpj = _lpj_terkunci(lpj.pk)
    if not lpj.belanja.exists():
        raise ValidationError(_("LPJ belum berisi belanja."))
    lpj.status = StatusLpj.DIAJUKAN
    lpj.alasan = ""
    lpj.diajukan_oleh = user
    lpj.diajukan_pada = pada or timezone.now()
    lpj.save(update_fields=["status", "alasan", "diajukan_oleh", "diajukan_pada"])
    return lpj


@transaction.atomic
def putuskan_lpj(lpj: LpjBLM, user, terima: bool, alasan: str = "", pada=None) -> LpjBLM:
    """Korkot/Askot accepts the LPJ (unlocking the next tahap's prerequisite) or returns it."""
    access.require(user, "blm.lpj.accept", lpj.wilayah_id)
    lpj = LpjBLM.objects.select_for_update().get(pk=lpj.pk)
    if lpj.status != StatusLpj.DIAJUKAN:
        raise ValidationError(_("LPJ ini tidak sedang menunggu penerimaan."))
    if terima:
        lpj.status = StatusLpj.DITERIMA
        lpj.diterima_oleh = user
        lpj.diterima_pada = pada or timezone.now()
        lpj.alasan = ""
    else:
        if not alasan.strip():
            raise ValidationError(_("Tuliskan alasan pengembalian."))
        lpj.status = StatusLpj.DIKEMBALIKAN
        lpj.alasan = alasan.strip()
    lpj.save(update_fields=["status", "diterima_oleh", "diterima_pada", "alasan"])
    return lpj


# --- for other apps ----------------------------------------------------------------


def ringkasan(user, wilayah=None) -> dict:
    """Allocation and request figures for the user's scope (optionally under `wilayah`)."""
    alokasi = AlokasiBLM.objects.for_user(user)
    permintaan = PermintaanBLM.objects.for_user(user)
    if wilayah is not None:
        alokasi, permintaan = alokasi.in_region(wilayah), permintaan.in_region(wilayah)
    return {**alokasi.summary(), **permintaan.summary()}
