"""The trail of a meeting record's lifecycle (kelurahan.siklus writes it): closed, verified,
reopened with a reason."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AksiSiklus(models.TextChoices):
    TUTUP = "tutup", _("ditutup")
    VERIFIKASI = "verifikasi", _("diverifikasi")
    BUKA_KEMBALI = "buka_kembali", _("dibuka kembali")


class JejakPertemuan(models.Model):
    """One step of a meeting record's lifecycle: who, in which role, when, and why (a reopening)."""

    pertemuan = models.ForeignKey("kelurahan.Pertemuan", on_delete=models.CASCADE, related_name="jejak")
    aksi = models.CharField(_("aksi"), max_length=20, choices=AksiSiklus.choices)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    peran = models.CharField(_("peran"), max_length=20, blank=True)
    pada = models.DateTimeField(_("pada"))
    alasan = models.TextField(_("alasan"), blank=True)
    revisi = models.PositiveIntegerField(_("revisi"), default=0)

    class Meta:
        verbose_name = _("jejak pertemuan")
        verbose_name_plural = _("jejak pertemuan")
        ordering = ["pertemuan", "pada", "id"]

    def __str__(self):
        return f"{self.pertemuan_id} {self.aksi} {self.pada:%Y-%m-%d}"

    @property
    def nama_oleh(self) -> str:
        if self.oleh is None:
            return "-"
        return self.oleh.get_full_name() or self.oleh.username

    @property
    def label_peran(self) -> str:
        from .models import Peran

        return str(Peran(self.peran).label) if self.peran in Peran.values else self.peran
