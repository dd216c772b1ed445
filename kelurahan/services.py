"""Writes of the shared core. The attendance service is the only code that writes
`Kehadiran` rows and the counters on `Pertemuan`, always in one transaction."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Max, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from plpbk.common.uploads import CONTENT_TYPES, IMAGES_AND_PDF, validate_upload

from .models import Berkas, Kehadiran, Lampiran, Orang, Pertemuan

MAX_ROWS_PER_SAVE = 5000


@dataclass
class BarisKehadiran:
    """One attendance row as entered or imported; `orang_id` when a registered person was chosen,
    `kunci` when the device made an id for the row (a resend of that id is not a new row)."""

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
    kunci: uuid.UUID | None = None


def normalise_nama(nama: str) -> str:
    return " ".join(nama.split()).casefold()


def _identity(nama: str, jenis_kelamin: str, rt: str, rw: str, unsur: str) -> tuple:
    """Who a typed row is: the same name is another person when RT/RW or unsur differ."""
    return ("nama", normalise_nama(nama), jenis_kelamin, rt.strip(), rw.strip(), normalise_nama(unsur))


def _rt_rw_cocok(orang: Orang, row: BarisKehadiran) -> bool:
    """A registered person can be the typed one unless a known RT or RW says otherwise."""
    return all(not a or not b or a == b for a, b in ((orang.rt, row.rt.strip()), (orang.rw, row.rw.strip())))


def _label(row: BarisKehadiran) -> str:
    return _("Baris %(n)s") % {"n": row.baris} if row.baris else row.nama


def _sama_dengan(k: Kehadiran) -> str:
    """ "no. 4, Asep Sunandar, RT/RW 03/01, Warga": which row of the list a refused row matches."""
    parts = [_("no. %(n)s") % {"n": k.urutan}, k.nama]
    if k.rt_rw:
        parts.append(_("RT/RW %(rtrw)s") % {"rtrw": k.rt_rw})
    if k.unsur:
        parts.append(k.unsur)
    return ", ".join(parts)


@transaction.atomic
def tambah_kehadiran(pertemuan: Pertemuan, rows: Sequence[BarisKehadiran], user=None) -> list[Kehadiran]:
    """Add attendance rows to a meeting, all or nothing; returns the rows (resent ones included).

    A row whose `kunci` is already saved in this meeting is a resend: the saved row is returned
    and nothing is added. A row naming no registered person is linked to the one person of the
    meeting's region with the same name and sex whose RT/RW do not differ, or registers a new person there. Only
    the same person twice (in the batch or already on the list) is refused, naming the row it
    matches. Queries do not grow with the length of the list.
    """
    if len(rows) > MAX_ROWS_PER_SAVE:
        raise ValidationError(_("Paling banyak %(n)s baris sekali simpan.") % {"n": MAX_ROWS_PER_SAVE})
    pertemuan = Pertemuan.objects.select_for_update().get(pk=pertemuan.pk)

    keys = {r.kunci for r in rows if r.kunci}
    resent: dict[uuid.UUID, Kehadiran] = {}
    if keys:
        for k in Kehadiran.objects.filter(kunci__in=keys):
            if k.pertemuan_id != pertemuan.pk:
                raise ValidationError(_("Kunci entri %(kunci)s milik pertemuan lain.") % {"kunci": k.kunci})
            resent[k.kunci] = k
    fresh = [r for r in rows if not (r.kunci and r.kunci in resent)]
    if not fresh:
        return [resent[r.kunci] for r in rows]
    pertemuan.pastikan_terbuka()

    chosen_ids = {r.orang_id for r in fresh if r.orang_id}
    chosen = (
        {o.pk: o for o in Orang.objects.filter(pk__in=chosen_ids).in_region(pertemuan.wilayah)} if chosen_ids else {}
    )
    unnamed = [r for r in fresh if not r.orang_id]
    names = {normalise_nama(r.nama) for r in unnamed}
    matches: dict[tuple, list[Orang]] = {}
    if names:
        candidates = Orang.objects.annotate(nama_kecil=Lower("nama")).filter(
            wilayah=pertemuan.wilayah, nama_kecil__in=names
        )
        for o in candidates:
            matches.setdefault((normalise_nama(o.nama), o.jenis_kelamin), []).append(o)
    # only the rows of the list that could clash: the chosen people and the typed names
    clash = Q(orang_id__in=chosen_ids) if chosen_ids else Q(pk__in=[])
    if names:
        clash |= Q(nama_kecil__in=names)
    listed = list(pertemuan.kehadiran.annotate(nama_kecil=Lower("nama")).filter(clash))
    by_orang = {k.orang_id: k for k in listed}
    by_identity = {_identity(k.nama, k.jenis_kelamin, k.rt, k.rw, k.unsur): k for k in listed}

    errors, seen = [], {}
    resolved: list[tuple[BarisKehadiran, Orang | None]] = []
    for row in fresh:
        if row.orang_id and row.orang_id not in chosen:
            errors.append(
                _("%(row)s: orang yang dipilih tidak terdaftar di wilayah pertemuan ini.") % {"row": _label(row)}
            )
            continue
        orang = chosen.get(row.orang_id) if row.orang_id else None
        identity = _identity(row.nama, row.jenis_kelamin, row.rt, row.rw, row.unsur)
        if orang is None:
            found = [
                o
                for o in matches.get((normalise_nama(row.nama), row.jenis_kelamin), [])
                if _rt_rw_cocok(o, row) and o.pk not in by_orang
            ]
            if len(found) == 1:
                orang = found[0]
        key = ("orang", orang.pk) if orang else identity
        if key in seen:
            errors.append(
                _("%(row)s: %(nama)s sudah ada di %(other)s.")
                % {"row": _label(row), "nama": row.nama, "other": _label(seen[key])}
            )
            continue
        seen[key] = row
        same = by_orang.get(orang.pk) if orang else by_identity.get(identity)
        if same is not None:
            pesan = _("%(nama)s sudah tercatat hadir di pertemuan ini (sama dengan %(sama)s).") % {
                "nama": row.nama,
                "sama": _sama_dengan(same),
            }
            errors.append(f"{_label(row)}: {pesan}" if row.baris else pesan)
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
            kunci=row.kunci,
        )
        for i, (row, orang) in enumerate(resolved)
    ]
    bulk_create_with_history(objs, Kehadiran, batch_size=1000, default_user=user)
    hitung_ulang(pertemuan)
    made = iter(objs)
    return [resent[r.kunci] if r.kunci and r.kunci in resent else next(made) for r in rows]


@transaction.atomic
def hapus_kehadiran(pertemuan: Pertemuan, kehadiran_ids: Sequence[int]) -> int:
    pertemuan = Pertemuan.objects.select_for_update().get(pk=pertemuan.pk)
    pertemuan.pastikan_terbuka()
    deleted = 0
    for k in pertemuan.kehadiran.filter(pk__in=kehadiran_ids):
        k.delete()
        deleted += 1
    hitung_ulang(pertemuan)
    return deleted


@transaction.atomic
def ubah_kehadiran(kehadiran: Kehadiran, **fields) -> Kehadiran:
    pertemuan = Pertemuan.objects.select_for_update().get(pk=kehadiran.pertemuan_id)
    pertemuan.pastikan_terbuka()
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
    pertemuan.refresh_from_db(fields=["jumlah_l", "jumlah_p", "jumlah_disabilitas", "jumlah_miskin", "versi"])
    return pertemuan


# --- files -------------------------------------------------------------------------


def simpan_berkas(upload, user=None, kinds=IMAGES_AND_PDF) -> Berkas:
    """Check `upload` (plpbk.common.uploads: size, type, content) and store it under a random name,
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
