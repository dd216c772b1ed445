"""Uploaded files: one Berkas per file, owned by a record of any app through a OneToOneField,
served only through the scoped view (kelurahan:berkas)."""

import uuid
from pathlib import Path, PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .querysets import BerkasQuerySet


def berkas_path(instance, filename: str) -> str:
    """`berkas/<yyyy>/<mm>/<uuid4 hex><ext>`: nothing in the path tells whose file it is or
    what it was called; the original name stays in the record."""
    now = timezone.localtime()
    suffix = PurePath(filename).suffix.lower()[:6]
    return f"berkas/{now:%Y}/{now:%m}/{uuid.uuid4().hex}{suffix}"


class Berkas(models.Model):
    """One uploaded file. The record that owns it points here with a OneToOneField (a meeting's
    Lampiran, a TIPP step's bukti, a BLM document, a spending line's receipt); that owner's
    region and capability decide who may open it (`Berkas.objects.for_user`, kelurahan:berkas).
    Written once by `kelurahan.services.simpan_berkas`, never changed.

    Owners point here rather than Berkas pointing at them (nullable FKs would make the core
    import the domain apps) or a generic relation (no database integrity, and the scope rule
    would need a content-type switch): each owner keeps its own `for_user`, the database keeps
    the link, and a new kind of upload is one OneToOneField on its model."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    berkas = models.FileField(_("berkas"), upload_to=berkas_path, max_length=255)
    nama_asli = models.CharField(_("nama berkas asli"), max_length=255)
    tipe_isi = models.CharField(_("tipe isi"), max_length=100)
    ukuran = models.PositiveBigIntegerField(_("ukuran (bita)"), default=0)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    diunggah = models.DateTimeField(_("diunggah"), default=timezone.now)

    objects = BerkasQuerySet.as_manager()

    class Meta:
        verbose_name = _("berkas")
        verbose_name_plural = _("berkas")
        ordering = ["diunggah"]

    def __str__(self):
        return self.nama_asli

    def get_absolute_url(self):
        return reverse("kelurahan:berkas", args=[self.pk])

    @property
    def is_image(self) -> bool:
        return self.tipe_isi.startswith("image/")

    @property
    def is_pdf(self) -> bool:
        return self.tipe_isi == "application/pdf"

    @property
    def file_uri(self) -> str:
        """URI of the stored file for print templates: file:// on the filesystem storage (the PDF
        fetcher reads media/), the bytes as a data: URI on a storage without local paths (S3)."""
        try:
            return Path(self.berkas.path).resolve().as_uri()
        except NotImplementedError:
            import base64

            with self.berkas.open("rb") as fh:
                return f"data:{self.tipe_isi};base64,{base64.b64encode(fh.read()).decode()}"

    @classmethod
    def relasi_pemilik(cls) -> list:
        """The OneToOneFields of owning models that point here (found, not listed: the core
        imports no domain app)."""
        return [rel for rel in cls._meta.related_objects if rel.one_to_one]

    def pemilik(self):
        """The owning record, or None for a file no record holds."""
        for rel in self.relasi_pemilik():
            try:
                return getattr(self, rel.get_accessor_name())
            except rel.related_model.DoesNotExist:
                continue
        return None
