"""Optimistic locking for forms that edit one object: the page carries the object's `versi`;
a post made from a stale page is refused with what changed since, and saves nothing.

`klaim_versi` bumps the version with one conditional UPDATE, so two posts from the same
version can never both succeed (on any database). Callers then save the object with the new
version so its history records it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

#: fields never listed as "what changed"
DIABAIKAN = frozenset({"versi", "diubah"})


class KonflikVersi(ValidationError):
    """A post from a stale page. `versi_baru` is the current version (the re-shown form
    carries it, so sending again after review is a deliberate overwrite)."""

    def __init__(self, obj, versi_lama: int):
        self.versi_baru = obj.versi
        self.perubahan = perubahan_sejak(obj, versi_lama)
        super().__init__(pesan_konflik(obj, self.perubahan))


def pesan_konflik(obj, perubahan: dict) -> str:
    text = _(
        "Data ini sudah diubah orang lain sejak halaman Anda dibuka%(oleh)s. Isian Anda belum disimpan; "
        "periksa perubahan berikut lalu kirim ulang bila masih perlu."
    ) % {"oleh": perubahan["oleh"]}
    rincian = "; ".join(f"{label}: {lama} → {baru}" for label, lama, baru in perubahan["medan"])
    if rincian:
        text += " " + _("Yang berubah: %(rincian)s.") % {"rincian": rincian}
    return text


def perubahan_sejak(obj, versi_lama: int) -> dict:
    """{"oleh": " (oleh A, 16 Mei 2012 10.00)", "medan": [(label, before, after)]} between the
    state the user saw (the last history record at `versi_lama`) and now."""
    from kelurahan.views.riwayat import PRIBADI, _display, _field, tracked

    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[:50])
    terbaru = records[0] if records else None
    dasar = next((r for r in records if r.versi <= versi_lama), None)
    medan = []
    if terbaru is not None and dasar is not None and terbaru is not dasar:
        for change in terbaru.diff_against(dasar, included_fields=tracked(terbaru)).changes:
            if change.field in DIABAIKAN or change.field in PRIBADI:
                continue
            field = _field(type(obj), change.field)
            label = str(field.verbose_name) if field is not None else change.field
            medan.append((label, _display(field, change.old), _display(field, change.new)))
    penulis = []
    for r in records:
        if r.versi <= versi_lama:
            break
        if r.history_user is not None:
            name = r.history_user.get_full_name() or r.history_user.username
            if name not in penulis:
                penulis.append(name)
    oleh = ""
    if terbaru is not None and penulis:
        oleh = " " + _("(oleh %(nama)s, %(waktu)s)") % {
            "nama": ", ".join(penulis),
            "waktu": date_format(localtime(terbaru.history_date), "j F Y H:i"),
        }
    return {"oleh": oleh, "medan": medan}


def klaim_versi(model, pk, versi: int | None) -> int:
    """Move the object from `versi` to `versi + 1` or raise KonflikVersi; None (a client that
    sent no version) just bumps it. Returns the new version."""
    rows = model._default_manager.filter(pk=pk)
    if versi is None:
        rows.update(versi=F("versi") + 1)
        return rows.values_list("versi", flat=True).get()
    if rows.filter(versi=versi).update(versi=F("versi") + 1) == 0:
        raise KonflikVersi(model._default_manager.get(pk=pk), versi)
    return versi + 1


def segarkan(form, exc: KonflikVersi, field: str = "versi"):
    """Put the current version into a re-shown bound form."""
    data = form.data.copy()
    data[field] = str(exc.versi_baru)
    form.data = data
    return form


def baca_versi(value) -> int | None:
    """A posted version, or None when absent or not a sane number."""
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) < 10 else None


def perubahan_daftar(pertemuan, sejak) -> str:
    """The conflict message of an attendance list: rows added or removed since `sejak` (the
    time the page was rendered, ISO text) and by whom."""
    from django.utils.dateparse import parse_datetime

    from kelurahan.models import Kehadiran

    records = Kehadiran.history.filter(pertemuan_id=pertemuan.pk).select_related("history_user")
    waktu = parse_datetime(sejak or "") if isinstance(sejak, str) and len(sejak) < 40 else None
    if waktu is not None:
        records = records.filter(history_date__gt=waktu)
    records = list(records.order_by("-history_date", "-history_id")[:20])
    tambah = [r.nama for r in records if r.history_type == "+"]
    hapus = [r.nama for r in records if r.history_type == "-"]
    ubah = [r.nama for r in records if r.history_type == "~"]
    oleh = sorted({(r.history_user.get_full_name() or r.history_user.username) for r in records if r.history_user})
    bagian = []
    if tambah:
        bagian.append(_("ditambah: %(n)s") % {"n": ", ".join(tambah)})
    if hapus:
        bagian.append(_("dihapus: %(n)s") % {"n": ", ".join(hapus)})
    if ubah:
        bagian.append(_("diubah: %(n)s") % {"n": ", ".join(ubah)})
    text = _("Daftar hadir sudah diubah orang lain sejak halaman Anda dimuat%(oleh)s.") % {
        "oleh": (" " + _("(oleh %(nama)s)") % {"nama": ", ".join(oleh)}) if oleh else ""
    }
    if bagian:
        text += " " + "; ".join(bagian) + "."
    return text + " " + _("Tidak ada yang dihapus; periksa daftar terbaru di bawah lalu ulangi bila masih perlu.")
