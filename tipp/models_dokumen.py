"""The planning documents of a kelurahan: RPLP (the five-year neighbourhood plan), RTPLP (the
plan of the priority area) and the Aturan Bersama (community agreement). Each goes Proses Awal
→ Review → Final → Disahkan (tipp.dokumen writes the status and its trail); the consultations
that produced it are shared meetings (kelurahan.Pertemuan); once legalised it is frozen."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kelurahan.konflik import Berversi

from .querysets import DokumenQuerySet, KonsultasiQuerySet


class JenisDokumen(models.TextChoices):
    RPLP = "rplp", _("RPLP")
    RTPLP = "rtplp", _("RTPLP")
    ATURAN_BERSAMA = "aturan_bersama", _("Aturan Bersama")


class StatusDokumen(models.TextChoices):
    PROSES_AWAL = "proses_awal", _("Proses Awal")
    REVIEW = "review", _("Review")
    FINAL = "final", _("Final")
    DISAHKAN = "disahkan", _("Disahkan")


class JenisDasarHukum(models.TextChoices):
    PERDES = "perdes", _("Peraturan Desa")
    SK_KADES = "sk_kades", _("SK Kepala Desa/Lurah")
    SK_BUPATI = "sk_bupati", _("SK Bupati/Walikota")
    BERITA_ACARA = "berita_acara", _("Berita acara rembug warga")


class DokumenPerencanaan(Berversi):
    wilayah = models.ForeignKey(
        "kelurahan.Wilayah",
        verbose_name=_("kelurahan/desa"),
        on_delete=models.PROTECT,
        related_name="dokumen_perencanaan",
    )
    jenis = models.CharField(_("jenis dokumen"), max_length=20, choices=JenisDokumen.choices)
    judul = models.CharField(_("judul"), max_length=200)
    periode = models.CharField(_("periode"), max_length=40, blank=True, help_text=_("Mis. 2012–2016."))
    ringkasan = models.TextField(_("ringkasan isi"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=StatusDokumen.choices, default=StatusDokumen.PROSES_AWAL, editable=False
    )
    dasar_jenis = models.CharField(_("jenis dasar hukum"), max_length=20, choices=JenisDasarHukum.choices, blank=True)
    dasar_nomor = models.CharField(_("nomor dasar hukum"), max_length=100, blank=True)
    dasar_tanggal = models.DateField(_("tanggal dasar hukum"), null=True, blank=True)
    berkas = models.OneToOneField(
        "kelurahan.Berkas",
        verbose_name=_("berkas dokumen"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dokumen_perencanaan",
        editable=False,
    )
    disahkan = models.DateField(_("tanggal disahkan"), null=True, blank=True, editable=False)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    history = HistoricalRecords()

    objects = DokumenQuerySet.as_manager()

    class Meta:
        verbose_name = _("dokumen perencanaan")
        verbose_name_plural = _("dokumen perencanaan")
        ordering = ["wilayah", "jenis", "pk"]
        indexes = [models.Index(fields=["wilayah", "jenis", "status"])]

    def __str__(self):
        return f"{self.get_jenis_display()}: {self.judul}"

    @property
    def kode_wilayah(self) -> str:
        return self.wilayah_id

    @property
    def beku(self) -> bool:
        """Legalised: nothing about it changes any more."""
        return self.status == StatusDokumen.DISAHKAN

    @property
    def dasar_hukum(self) -> str:
        """ "Peraturan Desa No. 5 Tahun 2012" style text, or "" when not filled."""
        if not self.dasar_nomor:
            return ""
        jenis = self.get_dasar_jenis_display() if self.dasar_jenis else _("Nomor")
        return f"{jenis} No. {self.dasar_nomor}"

    def get_absolute_url(self):
        return reverse("tipp:dokumen", args=[self.pk])


class JejakDokumen(models.Model):
    """One status change of a document: from, to, who (in which role), when, and a note."""

    dokumen = models.ForeignKey(DokumenPerencanaan, on_delete=models.CASCADE, related_name="jejak")
    dari = models.CharField(_("dari"), max_length=20, choices=StatusDokumen.choices)
    ke = models.CharField(_("ke"), max_length=20, choices=StatusDokumen.choices)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    peran = models.CharField(_("peran"), max_length=20, blank=True)
    pada = models.DateTimeField(_("pada"))
    catatan = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("jejak dokumen")
        verbose_name_plural = _("jejak dokumen")
        ordering = ["dokumen", "pada", "id"]

    def __str__(self):
        return f"{self.dokumen_id}: {self.dari} → {self.ke}"

    @property
    def nama_oleh(self) -> str:
        if self.oleh is None:
            return "-"
        return self.oleh.get_full_name() or self.oleh.username

    @property
    def label_peran(self) -> str:
        from kelurahan.models import Peran

        return str(Peran(self.peran).label) if self.peran in Peran.values else self.peran


class KonsultasiDokumen(models.Model):
    """A consultation meeting that discussed the document (its attendance is the shared entry)."""

    dokumen = models.ForeignKey(
        DokumenPerencanaan, verbose_name=_("dokumen"), on_delete=models.CASCADE, related_name="konsultasi"
    )
    pertemuan = models.OneToOneField(
        "kelurahan.Pertemuan", verbose_name=_("pertemuan"), on_delete=models.PROTECT, related_name="konsultasi_dokumen"
    )
    hasil = models.TextField(_("hasil konsultasi"), blank=True)
    history = HistoricalRecords()

    objects = KonsultasiQuerySet.as_manager()

    class Meta:
        verbose_name = _("konsultasi dokumen")
        verbose_name_plural = _("konsultasi dokumen")
        ordering = ["dokumen", "pertemuan__tanggal", "pk"]

    def __str__(self):
        return str(self.pertemuan)

    @property
    def kode_wilayah(self) -> str:
        return self.dokumen.wilayah_id
