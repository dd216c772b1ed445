"""Writes of the planning documents (RPLP, RTPLP, Aturan Bersama): their fields, their file,
the consultations that produced them and their status, each in one transaction. The status
moves only through `ubah_status`, by the roles that own each step, and every move is kept
(JejakDokumen) with who, in which role, when and why. A legalised document is frozen."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kelurahan import access
from kelurahan.konflik import klaim_versi
from kelurahan.models import JenisPertemuan, Pertemuan
from kelurahan.services import hapus_berkas, simpan_berkas

from .models_dokumen import DokumenPerencanaan, JejakDokumen, KonsultasiDokumen, StatusDokumen

S = StatusDokumen
FIELDS = ["jenis", "judul", "periode", "ringkasan", "dasar_jenis", "dasar_nomor", "dasar_tanggal"]
#: the role a user acts in when several fit (the trail names the owner of the step)
URUTAN_PERAN = (access.FASILITATOR, access.BKM, access.KORKOT, access.KMW, access.ADMIN)


@dataclass(frozen=True)
class Aksi:
    label: str
    dari: frozenset
    ke: str
    capability: str
    perlu_catatan: bool = False
    gaya: str = "primary"


#: the status steps: who may take them, from where to where
AKSI: dict[str, Aksi] = {
    "ajukan": Aksi(gettext_lazy("Ajukan untuk review"), frozenset({S.PROSES_AWAL}), S.REVIEW, "tipp.dokumen.entry"),
    "kembalikan": Aksi(
        gettext_lazy("Kembalikan untuk perbaikan"),
        frozenset({S.REVIEW, S.FINAL}),
        S.PROSES_AWAL,
        "tipp.dokumen.review",
        perlu_catatan=True,
        gaya="outline-danger",
    ),
    "finalkan": Aksi(gettext_lazy("Tetapkan final"), frozenset({S.REVIEW}), S.FINAL, "tipp.dokumen.review"),
    "sahkan": Aksi(gettext_lazy("Sahkan"), frozenset({S.FINAL}), S.DISAHKAN, "tipp.dokumen.sahkan", gaya="success"),
}


def aksi_untuk(user, dokumen: DokumenPerencanaan) -> list[tuple[str, Aksi]]:
    """The steps `user` may take on `dokumen` now (for the buttons)."""
    return [
        (kode, a)
        for kode, a in AKSI.items()
        if dokumen.status in a.dari and access.has_cap(user, a.capability, dokumen.wilayah_id)
    ]


def pastikan_belum_disahkan(dokumen: DokumenPerencanaan) -> None:
    if dokumen.beku:
        raise ValidationError(_("Dokumen sudah disahkan; isinya, berkasnya dan konsultasinya tidak dapat diubah lagi."))


def _kunci(dokumen: DokumenPerencanaan) -> DokumenPerencanaan:
    return DokumenPerencanaan.objects.select_for_update().get(pk=dokumen.pk)


@transaction.atomic
def simpan_dokumen(dokumen: DokumenPerencanaan, user=None, versi: int | None = None) -> DokumenPerencanaan:
    """Save a new document (status Proses Awal) or the fields of an existing one; `versi` is
    the version its page showed (stale: KonflikVersi). A legalised document is refused."""
    if not dokumen.wilayah.is_kelurahan:
        raise ValidationError(_("Dokumen perencanaan hanya untuk kelurahan/desa."))
    dokumen.full_clean(exclude=["wilayah", "berkas"])
    dokumen._history_user = user if getattr(user, "is_authenticated", False) else None
    if dokumen.pk is None:
        dokumen.status = S.PROSES_AWAL
        dokumen.save()
    else:
        pastikan_belum_disahkan(_kunci(dokumen))
        dokumen.versi = klaim_versi(DokumenPerencanaan, dokumen.pk, versi)
        dokumen.save(update_fields=[*FIELDS, "versi"])
    return dokumen


@transaction.atomic
def unggah_berkas(dokumen: DokumenPerencanaan, upload, user=None, versi: int | None = None) -> DokumenPerencanaan:
    """Attach the document's PDF (checked by plpbk.common.uploads), replacing an earlier one."""
    d = _kunci(dokumen)
    pastikan_belum_disahkan(d)
    lama = d.berkas
    d.berkas = simpan_berkas(upload, user, kinds=("pdf",))
    d.versi = klaim_versi(DokumenPerencanaan, d.pk, versi)
    d._history_user = user if getattr(user, "is_authenticated", False) else None
    d.save(update_fields=["berkas", "versi"])
    if lama is not None:
        hapus_berkas(lama)
    return d


@transaction.atomic
def tambah_konsultasi(
    dokumen: DokumenPerencanaan,
    *,
    tanggal: datetime.date,
    tempat: str = "",
    hasil: str = "",
    judul: str = "",
    user=None,
) -> KonsultasiDokumen:
    """Record a consultation meeting that discussed the document (a shared Pertemuan, whose
    attendance is entered on the shared page)."""
    d = _kunci(dokumen)
    pastikan_belum_disahkan(d)
    judul = judul or _("Konsultasi %(jenis)s: %(judul)s") % {"jenis": d.get_jenis_display(), "judul": d.judul}
    pertemuan = Pertemuan.objects.create(
        jenis=JenisPertemuan.LAIN,
        judul=judul[:200],
        wilayah_id=d.wilayah_id,
        tanggal=tanggal,
        tempat=tempat,
        dibuat_oleh=user if getattr(user, "is_authenticated", False) else None,
    )
    return KonsultasiDokumen.objects.create(dokumen=d, pertemuan=pertemuan, hasil=hasil)


@transaction.atomic
def ubah_status(
    dokumen: DokumenPerencanaan, aksi: str, user, versi: int | None = None, catatan: str = "", pada=None
) -> DokumenPerencanaan:
    """Take status step `aksi` (AKSI). `user` None: a step made by the portal itself (the demo),
    no role checked. Sending to review needs a consultation; legalising needs the legal basis
    (number and date) and the document's file; returning it needs a note."""
    langkah = AKSI.get(aksi)
    if langkah is None:
        raise ValidationError(_("Langkah status tidak dikenal."))
    if user is not None and not access.has_cap(user, langkah.capability, dokumen.wilayah_id):
        raise PermissionDenied
    d = _kunci(dokumen)
    if d.status not in langkah.dari:
        raise ValidationError(
            _("Dokumen ini berstatus %(status)s; langkah “%(aksi)s” tidak dapat dilakukan.")
            % {"status": d.get_status_display(), "aksi": langkah.label}
        )
    catatan = " ".join((catatan or "").split())
    if langkah.perlu_catatan and not catatan:
        raise ValidationError(_("Tuliskan apa yang harus diperbaiki."))
    if aksi == "ajukan" and not d.konsultasi.exists():
        raise ValidationError(_("Catat dulu konsultasi warga yang membahas dokumen ini sebelum mengajukannya."))
    if aksi == "sahkan":
        kurang = []
        if not d.dasar_nomor or not d.dasar_tanggal:
            kurang.append(_("nomor dan tanggal dasar hukum"))
        if d.berkas_id is None:
            kurang.append(_("berkas dokumen (PDF)"))
        if kurang:
            raise ValidationError(_("Belum dapat disahkan; lengkapi dulu: %(k)s.") % {"k": ", ".join(kurang)})
    pada = pada or timezone.now()
    dari = d.status
    d.versi = klaim_versi(DokumenPerencanaan, d.pk, d.versi if versi is None else versi)
    d.status = langkah.ke
    if aksi == "sahkan":
        d.disahkan = d.dasar_tanggal
    d._history_user = user
    d.save(update_fields=["status", "disahkan", "versi"])
    JejakDokumen.objects.create(
        dokumen=d,
        dari=dari,
        ke=d.status,
        oleh=user,
        peran=access.peran_dengan(user, langkah.capability, d.wilayah_id, utamakan=URUTAN_PERAN) if user else "",
        pada=pada,
        catatan=catatan,
    )
    return d
