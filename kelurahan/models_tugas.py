"""Server-side work state shared by every app server: background jobs (`Tugas`) and import
previews waiting for their confirmation (`PratinjauImpor`).

A job is asked by one user within his scope; its result is a `Berkas` served only to him
(kelurahan:tugas_unduh), and a finished result is reused for the same kind, parameters,
scope and data stamp (kelurahan.tugas)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import access


class StatusTugas(models.TextChoices):
    ANTRI = "antri", _("antri")
    BERJALAN = "berjalan", _("berjalan")
    SELESAI = "selesai", _("selesai")
    GAGAL = "gagal", _("gagal")


def lingkup_user(user) -> str:
    """The user's regions as one string ("*": the whole country), stored with a job so that a
    job without one region stays visible while the user's scope is unchanged."""
    codes = access.region_codes(user)
    return "*" if codes is None else ",".join(codes)


class TugasQuerySet(models.QuerySet):
    def for_user(self, user):
        """The user's own jobs, still within his regions: a job about a region by the region's
        code, a job over all his regions as long as those regions are the same."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(pemohon=user).filter(
            (Q(kode_wilayah__isnull=False) & access.scope_q(user, "kode_wilayah"))
            | Q(kode_wilayah__isnull=True, lingkup=lingkup_user(user))
        )


class Tugas(models.Model):
    """One background job: what (kind + parameters), for whom, where, how far, and its file."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    jenis = models.CharField(_("jenis"), max_length=60)
    judul = models.CharField(_("judul"), max_length=200)
    parameter = models.JSONField(_("parameter"), default=dict, blank=True)
    pemohon = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pemohon"), on_delete=models.CASCADE, related_name="+"
    )
    kode_wilayah = models.CharField(_("kode wilayah"), max_length=13, null=True, blank=True)
    lingkup = models.TextField(_("lingkup"), blank=True)
    kapabilitas = models.CharField(_("kapabilitas"), max_length=40, default="print")
    status = models.CharField(_("status"), max_length=10, choices=StatusTugas.choices, default=StatusTugas.ANTRI)
    progres = models.PositiveSmallIntegerField(_("progres (%)"), default=0)
    pesan = models.CharField(_("pesan"), max_length=500, blank=True)
    hasil = models.ForeignKey(
        "kelurahan.Berkas",
        verbose_name=_("hasil"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    stempel = models.CharField(_("stempel data"), max_length=200, blank=True)
    kunci = models.CharField(_("kunci"), max_length=64, db_index=True)
    dari_simpanan = models.BooleanField(_("dari simpanan"), default=False)
    dibuat = models.DateTimeField(_("dibuat"), default=timezone.now)
    mulai = models.DateTimeField(_("mulai"), null=True, blank=True)
    selesai_pada = models.DateTimeField(_("selesai"), null=True, blank=True)

    objects = TugasQuerySet.as_manager()

    class Meta:
        verbose_name = _("tugas latar")
        verbose_name_plural = _("tugas latar")
        ordering = ["-dibuat"]
        indexes = [models.Index(fields=["pemohon", "-dibuat"], name="tugas_pemohon_dibuat")]

    def __str__(self):
        return self.judul

    def get_absolute_url(self):
        return reverse("kelurahan:tugas", args=[self.pk])

    @property
    def berjalan(self) -> bool:
        return self.status in {StatusTugas.ANTRI, StatusTugas.BERJALAN}

    @property
    def siap(self) -> bool:
        return self.status == StatusTugas.SELESAI and self.hasil_id is not None


class PratinjauImpor(models.Model):
    """An import checked and waiting for the user's confirmation: the rows live here, the
    session keeps only this id (a preview of thousands of rows would otherwise travel with
    every request of the user)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    pengguna = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    jenis = models.CharField(_("jenis"), max_length=60)
    kunci_objek = models.CharField(_("objek"), max_length=60)
    data = models.JSONField(_("data"))
    dibuat = models.DateTimeField(_("dibuat"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("pratinjau impor")
        verbose_name_plural = _("pratinjau impor")

    def __str__(self):
        return f"{self.jenis} {self.kunci_objek}"
