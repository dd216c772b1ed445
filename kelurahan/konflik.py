"""Optimistic locking, one mechanism for every record edited through a form (portal and
admin): the record carries `versi` (`Berversi`), the page carries the version it was shown
with (`VersiFormMixin`, a hidden field), and a post made from a stale page, or one without a
version, is refused with who changed what since, and saves nothing.

Two guards: the form's clean() locks the row for the rest of the request's transaction
(ATOMIC_REQUESTS; SELECT ... FOR UPDATE on PostgreSQL, BEGIN IMMEDIATE on SQLite) and
compares; the write itself moves the version with one conditional UPDATE (`klaim_versi`:
UPDATE ... SET versi = n + 1 WHERE versi = n), so two posts from the same version can never
both succeed, whoever calls the service. Callers then save the object with the new version
so its history records it.

Why not django-concurrency: it raises on save and leaves the "who changed what" message and
the re-shown form to every view anyway; the history-based message below is the portal's own."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .riwayat import PRIBADI, display, field_of, tracked

#: fields never listed as "what changed"
DIABAIKAN = frozenset({"versi", "diubah"})
VERSI_MAKS = 2_147_483_647


class Berversi(models.Model):
    """A record edited through forms: every save made from a page moves `versi` on."""

    versi = models.PositiveIntegerField(gettext_lazy("versi"), default=1, db_default=1, editable=False)

    class Meta:
        abstract = True


def berversi(model) -> bool:
    return any(f.name == "versi" for f in model._meta.concrete_fields)


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
    if not hasattr(obj, "history"):  # a record without history (regions): no details to tell
        return {"oleh": "", "medan": []}
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[:50])
    terbaru = records[0] if records else None
    dasar = next((r for r in records if r.versi <= versi_lama), None)
    medan = []
    if terbaru is not None and dasar is not None and terbaru is not dasar:
        for change in terbaru.diff_against(dasar, included_fields=tracked(terbaru)).changes:
            if change.field in DIABAIKAN or change.field in PRIBADI:
                continue
            field = field_of(type(obj), change.field)
            label = str(field.verbose_name) if field is not None else change.field
            medan.append((label, display(field, change.old), display(field, change.new)))
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


def cek_versi(obj, versi: int | None) -> None:
    """Refuse a post from a stale page or without a version (KonflikVersi); inside a
    transaction the row stays locked until it ends, so the save that follows is safe."""
    rows = type(obj)._default_manager.filter(pk=obj.pk)
    if not transaction.get_autocommit():
        rows = rows.select_for_update()
    current = rows.values_list("versi", flat=True).first()
    if current is not None and versi != current:
        raise KonflikVersi(type(obj)._default_manager.get(pk=obj.pk), versi or 0)


class VersiFormMixin:
    """A form that edits one versioned record (a ModelForm's instance, or `versi_dari`):
    it carries the record's version in a hidden `versi` field, refuses a stale or missing
    one in clean(), and (ModelForms) moves the version when saving. Forms with a crispy
    layout render it through `helper.render_hidden_fields`."""

    def __init__(self, *args, versi_dari=None, **kwargs):
        super().__init__(*args, **kwargs)
        record = versi_dari if versi_dari is not None else getattr(self, "instance", None)
        saved = record is not None and record.pk is not None and not record._state.adding
        self.versi_dari = record if saved and berversi(type(record)) else None
        if self.versi_dari is not None:
            self.fields["versi"] = forms.IntegerField(
                widget=forms.HiddenInput, required=False, min_value=0, max_value=VERSI_MAKS, initial=record.versi
            )

    def clean(self):
        data = super().clean()
        if self.versi_dari is not None:
            self.errors.pop("versi", None)  # a mangled version counts as none: refused below
            try:
                cek_versi(self.versi_dari, data.get("versi"))
            except KonflikVersi as exc:
                isi_versi_baru(self, exc)
                self.add_error(None, forms.ValidationError(exc.messages[0], code="konflik"))
        return data

    def save(self, commit=True):
        if self.versi_dari is not None:
            klaim(self.instance, self.cleaned_data.get("versi"))
        return super().save(commit)


def klaim(obj, versi: int | None) -> None:
    """Before saving a record that exists: move its version on, from `versi` when given
    (the version its page showed; a stale one raises KonflikVersi)."""
    if obj.pk is not None and not obj._state.adding:
        obj.versi = klaim_versi(type(obj), obj.pk, versi)
        _klaim_pertemuan_bersama(obj)


def hapus(obj, versi: int | None) -> None:
    """Delete a versioned record only from the version its page showed: a stale or missing
    version is refused (KonflikVersi) and nothing is deleted, so a delete from an old page
    cannot throw away an edit made since."""
    with transaction.atomic():
        if versi is None:
            raise KonflikVersi(type(obj)._default_manager.get(pk=obj.pk), 0)
        klaim_versi(type(obj), obj.pk, versi)
        obj.delete()


def _klaim_pertemuan_bersama(obj) -> None:
    """A meeting can serve two records (the desa lokakarya that was also the rembug warga):
    both edit pages show the meeting's fields, so a save through one makes a page of the
    other stale."""
    pertemuan_id = getattr(obj, "pertemuan_id", None)
    if pertemuan_id is None:
        return
    from kelurahan.models import Pertemuan

    for rel in Pertemuan._meta.related_objects:
        if rel.one_to_one and berversi(rel.related_model):
            rows = rel.related_model._default_manager.filter(**{rel.field.attname: pertemuan_id})
            if rel.related_model is type(obj):
                rows = rows.exclude(pk=obj.pk)
            rows.update(versi=F("versi") + 1)


def isi_versi_baru(form, exc: KonflikVersi, field: str = "versi"):
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


class VersiAdminMixin:
    """The same guard in the Django admin: the change form carries the record's version
    (a hidden field at the end of the last fieldset) and a stale or version-less save is
    refused with the same message; inline rows saved with it move their own versions."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        if not berversi(self.model):
            return super().get_form(request, obj, change, **kwargs)
        if "fields" not in kwargs:  # (get_fields() asks with fields=None: all of them)
            from django.contrib.admin.utils import flatten_fieldsets

            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        if kwargs["fields"] is not None:  # the version is the form's own field, not the model's
            kwargs["fields"] = [f for f in kwargs["fields"] if f != "versi"]
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (VersiFormMixin, form), {"__module__": form.__module__})

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None or not berversi(self.model) or not fieldsets:
            return fieldsets
        name, options = fieldsets[-1]
        fields = [f for f in options.get("fields", ()) if f != "versi"]
        return [*fieldsets[:-1], (name, {**options, "fields": [*fields, "versi"]})]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for obj in getattr(formset, "changed_objects", []):
            row = obj[0] if isinstance(obj, tuple) else obj
            if berversi(type(row)):
                klaim_versi(type(row), row.pk, None)
