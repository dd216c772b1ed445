"""Writes of sosialisasi that touch several rows: creating a rembug warga with its
Pertemuan, closing it with the inclusion check, changing the targets."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kelurahan import access, konflik, siklus
from kelurahan.konflik import klaim
from kelurahan.models import JenisPertemuan, Pertemuan, StatusPertemuan, Wilayah

from .models import HasilInklusi, Pengkondisian, PeranPemda, RembugWarga, TahapPeran, TargetInklusi


@transaction.atomic
def buat_rembug(
    wilayah: Wilayah,
    *,
    judul: str,
    tanggal: datetime.date,
    tempat: str = "",
    mulai: datetime.time | None = None,
    selesai: datetime.time | None = None,
    agenda: str = "",
    hasil: str = "",
    user=None,
) -> RembugWarga:
    """A new rembug warga sosialisasi and its Pertemuan (jenis "sosialisasi")."""
    if not wilayah.is_kelurahan:
        raise ValidationError(_("Rembug warga dicatat di tingkat kelurahan/desa."))
    pertemuan = Pertemuan.objects.create(
        jenis=JenisPertemuan.SOSIALISASI,
        judul=judul,
        wilayah=wilayah,
        tanggal=tanggal,
        tempat=tempat,
        mulai=mulai,
        selesai=selesai,
        dibuat_oleh=user if getattr(user, "is_authenticated", False) else None,
    )
    return RembugWarga.objects.create(pertemuan=pertemuan, agenda=agenda, hasil=hasil)


@transaction.atomic
def hubungkan_rembug(pertemuan: Pertemuan, *, agenda: str = "", hasil: str = "") -> RembugWarga:
    """Record an existing meeting (e.g. the desa workshop that served as the rembug) as a
    rembug warga sosialisasi, without copying it."""
    rembug, _created = RembugWarga.objects.get_or_create(
        pertemuan=pertemuan, defaults={"agenda": agenda, "hasil": hasil}
    )
    return rembug


@transaction.atomic
def ubah_rembug(rembug: RembugWarga, *, versi: int | None = None, **fields) -> RembugWarga:
    """Change the meeting's and the rembug's own fields together; `versi` is the rembug's
    version the form was shown with (a stale one raises KonflikVersi)."""
    siklus.pastikan_terbuka(rembug.pertemuan_id)
    klaim(rembug, versi)
    pertemuan_fields = {"judul", "tanggal", "tempat", "mulai", "selesai", "notulen"}
    pertemuan = rembug.pertemuan
    for name, value in fields.items():
        setattr(pertemuan if name in pertemuan_fields else rembug, name, value)
    changed_p = [n for n in fields if n in pertemuan_fields]
    if changed_p:
        pertemuan.save(update_fields=[*changed_p, "diubah"])
    rembug.save()
    return rembug


def cek_inklusi(rembug: RembugWarga, target: TargetInklusi | None = None) -> HasilInklusi:
    """The check made at closing, always against the targets in force now."""
    target = target or TargetInklusi.current()
    p = rembug.pertemuan
    return HasilInklusi(
        p.jumlah_l, p.jumlah_p, p.jumlah_disabilitas, Decimal(target.persen_perempuan), target.jumlah_disabilitas
    )


@transaction.atomic
def tutup_rembug(rembug: RembugWarga, *, alasan: str = "", user=None, pada=None) -> HasilInklusi:
    """Close a rembug warga. Below the inclusion targets it closes only with a written
    justification; the targets applied are kept on the record. `pada`: when (default now)."""
    given = rembug
    rembug = RembugWarga.objects.select_for_update().select_related("pertemuan").get(pk=given.pk)
    if rembug.is_closed:
        raise ValidationError(_("Rembug warga ini sudah ditutup."))
    # read the counters inside the transaction, as the attendance service left them
    rembug.pertemuan.refresh_from_db(fields=["jumlah_l", "jumlah_p", "jumlah_disabilitas", "jumlah_miskin"])
    target = TargetInklusi.current()
    hasil = cek_inklusi(rembug, target)
    if hasil.jumlah == 0:
        raise ValidationError(_("Daftar hadir masih kosong: catat peserta dulu sebelum menutup rembug warga."))
    alasan = (alasan or "").strip()
    if not hasil.memenuhi and len(alasan) < 20:
        raise ValidationError(
            {
                "alasan": [
                    *hasil.kekurangan(),
                    _("Tuliskan alasan dan tindak lanjutnya (paling sedikit 20 huruf) untuk menutup rembug ini."),
                ]
            }
        )
    rembug.ditutup = pada or timezone.now()
    rembug.ditutup_oleh = user if getattr(user, "is_authenticated", False) else None
    rembug.target_persen_perempuan = target.persen_perempuan
    rembug.target_disabilitas = target.jumlah_disabilitas
    rembug.alasan = alasan
    rembug.save()
    if rembug.pertemuan.status == StatusPertemuan.DRAF:
        # the record lifecycle: the rembug's meeting closes with it, its figures frozen
        siklus.tutup(rembug.pertemuan, user if getattr(user, "is_authenticated", False) else None, pada=pada)
    for name in ("ditutup", "ditutup_oleh_id", "target_persen_perempuan", "target_disabilitas", "alasan"):
        setattr(given, name, getattr(rembug, name))
    return hasil


@transaction.atomic
def buka_kembali(rembug: RembugWarga, *, alasan: str, user=None) -> RembugWarga:
    """Reopen a closed rembug (to correct the daftar hadir) through the meeting's lifecycle:
    a verifier role and a reason; the check runs again at closing."""
    rembug = RembugWarga.objects.select_for_update().select_related("pertemuan").get(pk=rembug.pk)
    if rembug.pertemuan.status != StatusPertemuan.DRAF:
        siklus.buka_kembali(rembug.pertemuan, user, alasan)  # reopens the rembug (lepas_tutup)
        rembug.refresh_from_db()
        return rembug
    return lepas_tutup(rembug)


def lepas_tutup(rembug: RembugWarga) -> RembugWarga:
    rembug.ditutup = None
    rembug.ditutup_oleh = None
    rembug.target_persen_perempuan = None
    rembug.target_disabilitas = None
    rembug.save()
    return rembug


@transaction.atomic
def ubah_target(*, persen_perempuan: Decimal, jumlah_disabilitas: int, versi: int | None = None) -> TargetInklusi:
    target = TargetInklusi.current()
    klaim(target, versi)
    target.persen_perempuan = Decimal(persen_perempuan)
    target.jumlah_disabilitas = jumlah_disabilitas
    target.full_clean()
    target.save()
    return target


def _rembug_dibuka_kembali(sender, pertemuan, **kwargs):
    rembug = RembugWarga.objects.filter(pertemuan=pertemuan, ditutup__isnull=False).first()
    if rembug is not None:
        lepas_tutup(rembug)


def _rembug_harus_ditutup_dulu(sender, pertemuan, **kwargs):
    if RembugWarga.objects.filter(pertemuan=pertemuan, ditutup__isnull=True).exists():
        raise ValidationError(
            _("Pertemuan ini adalah rembug warga: tutup lewat halaman rembug warga (dengan cek inklusi).")
        )


siklus.dibuka_kembali.connect(_rembug_dibuka_kembali, dispatch_uid="sosialisasi_rembug_dibuka_kembali")
siklus.sebelum_tutup.connect(_rembug_harus_ditutup_dulu, dispatch_uid="sosialisasi_rembug_sebelum_tutup")


@transaction.atomic
def tandai_peran(peran: PeranPemda, versi: int | None) -> PeranPemda:
    """Mark a commitment done, or not done again, from the version its page showed."""
    if versi is None:
        raise konflik.KonflikVersi(peran, 0)
    klaim(peran, versi)
    peran.selesai = not peran.selesai
    peran.tanggal_selesai = timezone.localdate() if peran.selesai else None
    peran.save()
    return peran


def pengkondisian_for(wilayah: Wilayah, user=None) -> Pengkondisian:
    """The kelurahan's pengkondisian record, created empty on first use."""
    obj, _created = Pengkondisian.objects.get_or_create(
        wilayah=wilayah, defaults={"dibuat_oleh": user if getattr(user, "is_authenticated", False) else None}
    )
    return obj


#: rembug warga below target listed on the page of a region above kelurahan
DI_BAWAH_DITAMPILKAN = 10


def ringkasan_wilayah(user, wilayah) -> dict:
    """The region page's sosialisasi section: rembug warga with their inclusion flag, the
    pengkondisian summary and the Peran Pemda commitments (kelurahan), or counts and the
    meetings below target (higher regions), in a fixed number of queries."""
    target = TargetInklusi.current()
    rembug = RembugWarga.objects.for_user(user).in_region(wilayah).with_inklusi(target)
    data = {"target": target, "boleh_ubah": access.has_cap(user, "sosialisasi.entry", wilayah)}
    if wilayah.is_kelurahan:
        data["rembug"] = list(rembug.select_related("pertemuan").order_by("-pertemuan__tanggal", "-pk"))
        data["di_bawah"] = [r for r in data["rembug"] if r.di_bawah_target]
        data["pengkondisian"] = (
            Pengkondisian.objects.for_user(user)
            .filter(wilayah=wilayah)
            .annotate(
                n_pemangku=Count("pemangku", distinct=True),
                n_diundang=Count("pemangku", filter=Q(pemangku__diundang=True), distinct=True),
                n_informal=Count("kegiatan_informal", distinct=True),
            )
            .first()
        )
        peran = list(PeranPemda.objects.for_user(user).filter(wilayah=wilayah))
        today = timezone.localdate()
        for p in peran:
            p.is_terlambat = p.terlambat(today)
        data["peran"] = [(value, label, [p for p in peran if p.tahap == value]) for value, label in TahapPeran.choices]
        data["peran_total"] = len(peran)
        data["peran_selesai"] = sum(1 for p in peran if p.selesai)
    else:
        data["counts"] = RembugWarga.objects.for_user(user).in_region(wilayah).ringkasan_inklusi(target)
        data["di_bawah"] = list(
            rembug.filter(di_bawah_target=True)
            .select_related("pertemuan__wilayah")
            .order_by("-pertemuan__tanggal", "-pk")[:DI_BAWAH_DITAMPILKAN]
        )
    return data
