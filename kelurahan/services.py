"""Writes of the shared core. The attendance service is the only code that writes
`Kehadiran` rows and the counters on `Pertemuan`, always in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Max, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from plpbk.uploads import CONTENT_TYPES, IMAGES_AND_PDF, validate_upload

from .models import Berkas, Kehadiran, Lampiran, Orang, Pertemuan
from .signals import data_berubah

MAX_ROWS_PER_SAVE = 5000


@dataclass
class BarisKehadiran:
    """One attendance row as entered or imported; `orang_id` when a registered person was chosen."""

    nama: str
    jenis_kelamin: str
    unsur: str = ""
    alamat: str = ""
    rt: str = ""
    rw: str = ""
    miskin: bool = False
    disabilitas: bool = False
    orang_id: int | None = None
    baris: int | None = None  # row number in the source (form or spreadsheet), for messages


def normalise_nama(nama: str) -> str:
    return " ".join(nama.split()).casefold()


def _identity(row: BarisKehadiran) -> tuple:
    if row.orang_id:
        return ("orang", row.orang_id)
    return ("nama", normalise_nama(row.nama), row.jenis_kelamin, row.rt.strip(), row.rw.strip())


def _label(row: BarisKehadiran) -> str:
    return _("Baris %(n)s") % {"n": row.baris} if row.baris else row.nama


@transaction.atomic
def tambah_kehadiran(pertemuan: Pertemuan, rows: Sequence[BarisKehadiran], user=None) -> list[Kehadiran]:
    """Add attendance rows to a meeting, all or nothing.

    A row naming no registered person is matched to one person of the meeting's region
    with the same name and sex, or registers a new person there. The same person twice
    (in the batch or already on the list) is refused with the rows named.
    """
    if len(rows) > MAX_ROWS_PER_SAVE:
        raise ValidationError(_("Paling banyak %(n)s baris sekali simpan.") % {"n": MAX_ROWS_PER_SAVE})
    pertemuan = Pertemuan.objects.select_for_update().get(pk=pertemuan.pk)
    existing = list(pertemuan.kehadiran.values_list("orang_id", "nama", "jenis_kelamin", "rt", "rw"))
    hadir_orang = {o for o, *_rest in existing}

    chosen_ids = {r.orang_id for r in rows if r.orang_id}
    chosen = (
        {o.pk: o for o in Orang.objects.filter(pk__in=chosen_ids).in_region(pertemuan.wilayah)} if chosen_ids else {}
    )
    unnamed = [r for r in rows if not r.orang_id]
    matches: dict[tuple, list[Orang]] = {}
    if unnamed:
        names = {normalise_nama(r.nama) for r in unnamed}
        candidates = Orang.objects.annotate(nama_kecil=Lower("nama")).filter(
            wilayah=pertemuan.wilayah, nama_kecil__in=names
        )
        for o in candidates:
            matches.setdefault((normalise_nama(o.nama), o.jenis_kelamin), []).append(o)

    errors, seen = [], {}
    resolved: list[tuple[BarisKehadiran, Orang | None]] = []
    for row in rows:
        if row.orang_id and row.orang_id not in chosen:
            errors.append(
                _("%(row)s: orang yang dipilih tidak terdaftar di wilayah pertemuan ini.") % {"row": _label(row)}
            )
            continue
        orang = chosen.get(row.orang_id) if row.orang_id else None
        if orang is None:
            found = matches.get((normalise_nama(row.nama), row.jenis_kelamin), [])
            orang = found[0] if len(found) == 1 else None
        key = ("orang", orang.pk) if orang else _identity(row)
        if key in seen:
            errors.append(
                _("%(row)s: %(nama)s sudah ada di %(other)s.")
                % {"row": _label(row), "nama": row.nama, "other": _label(seen[key])}
            )
            continue
        seen[key] = row
        if orang and orang.pk in hadir_orang:
            errors.append(
                _("%(row)s: %(nama)s sudah tercatat hadir di pertemuan ini.") % {"row": _label(row), "nama": row.nama}
            )
            continue
        resolved.append((row, orang))
    if errors:
        raise ValidationError(errors)

    new_people = [
        Orang(
            nama=" ".join(row.nama.split()),
            jenis_kelamin=row.jenis_kelamin,
            disabilitas=row.disabilitas,
            miskin=row.miskin,
            alamat=row.alamat,
            rt=row.rt,
            rw=row.rw,
            wilayah_id=pertemuan.wilayah_id,
        )
        for row, orang in resolved
        if orang is None
    ]
    if new_people:
        # both SQLite >= 3.35 and PostgreSQL return the new keys from a bulk insert
        created = iter(bulk_create_with_history(new_people, Orang, batch_size=1000, default_user=user))
        resolved = [(row, orang if orang is not None else next(created)) for row, orang in resolved]

    start = (pertemuan.kehadiran.aggregate(m=Max("urutan"))["m"] or 0) + 1
    objs = [
        Kehadiran(
            pertemuan=pertemuan,
            orang=orang,
            urutan=start + i,
            nama=row.nama.strip(),
            jenis_kelamin=row.jenis_kelamin,
            unsur=row.unsur.strip(),
            alamat=row.alamat.strip(),
            rt=row.rt.strip(),
            rw=row.rw.strip(),
            miskin=row.miskin,
            disabilitas=row.disabilitas,
        )
        for i, (row, orang) in enumerate(resolved)
    ]
    bulk_create_with_history(objs, Kehadiran, batch_size=1000, default_user=user)
    hitung_ulang(pertemuan)
    return objs


@transaction.atomic
def hapus_kehadiran(pertemuan: Pertemuan, kehadiran_ids: Sequence[int]) -> int:
    pertemuan = Pertemuan.objects.select_for_update().get(pk=pertemuan.pk)
    deleted = 0
    for k in pertemuan.kehadiran.filter(pk__in=kehadiran_ids):
        k.delete()
        deleted += 1
    hitung_ulang(pertemuan)
    return deleted


@transaction.atomic
def ubah_kehadiran(kehadiran: Kehadiran, **fields) -> Kehadiran:
    pertemuan = Pertemuan.objects.select_for_update().get(pk=kehadiran.pertemuan_id)
    for name, value in fields.items():
        setattr(kehadiran, name, value)
    kehadiran.full_clean(exclude=["pertemuan", "orang"])
    kehadiran.save()
    hitung_ulang(pertemuan)
    return kehadiran


def hitung_ulang(pertemuan: Pertemuan) -> Pertemuan:
    """Recount the meeting's counters from its rows; call inside the writing transaction."""
    totals = pertemuan.kehadiran.aggregate(
        l=Count("pk", filter=Q(jenis_kelamin="L")),
        p=Count("pk", filter=Q(jenis_kelamin="P")),
        d=Count("pk", filter=Q(disabilitas=True)),
        m=Count("pk", filter=Q(miskin=True)),
    )
    Pertemuan.objects.filter(pk=pertemuan.pk).update(
        jumlah_l=totals["l"],
        jumlah_p=totals["p"],
        jumlah_disabilitas=totals["d"],
        jumlah_miskin=totals["m"],
        versi=F("versi") + 1,
    )
    data_berubah.send(sender=Pertemuan, kode=[pertemuan.wilayah_id])
    pertemuan.refresh_from_db(fields=["jumlah_l", "jumlah_p", "jumlah_disabilitas", "jumlah_miskin", "versi"])
    return pertemuan


# --- files -------------------------------------------------------------------------


def simpan_berkas(upload, user=None, kinds=IMAGES_AND_PDF) -> Berkas:
    """Check `upload` (plpbk.uploads: size, type, content) and store it under a random name,
    keeping its original name, content type, size and uploader in the record. Raises
    ValidationError (in Indonesian) when refused; nothing is stored then."""
    kind = validate_upload(upload, kinds)
    berkas = Berkas(
        nama_asli=PurePath(upload.name or f"berkas.{kind}").name[:255],
        tipe_isi=CONTENT_TYPES[kind],
        ukuran=upload.size,
        diunggah_oleh=user if getattr(user, "is_authenticated", False) else None,
    )
    berkas.berkas.save(upload.name or f"berkas.{kind}", upload, save=False)
    berkas.save()
    return berkas


def hapus_berkas(berkas: Berkas) -> None:
    """Delete the record; the stored file goes once the transaction commits."""
    storage, name = berkas.berkas.storage, berkas.berkas.name
    berkas.delete()
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def tambah_lampiran(pertemuan: Pertemuan, user, upload, jenis: str, keterangan: str = "") -> Lampiran:
    return Lampiran.objects.create(
        pertemuan=pertemuan, jenis=jenis, keterangan=keterangan, berkas=simpan_berkas(upload, user)
    )


@transaction.atomic
def hapus_lampiran(lampiran: Lampiran) -> None:
    """Removes a wrong upload; its Berkas and file go with it (kelurahan.signals)."""
    lampiran.delete()
