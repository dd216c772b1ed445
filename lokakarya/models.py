"""Lokakarya Orientasi: orientation workshops at four levels (Nasional/Provinsi,
Kota/Kabupaten, Kecamatan, Kelurahan/Desa). Each is a shared `Pertemuan` (title, date,
place, minutes, attendance) plus what a workshop records."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kelurahan.konflik import Berversi
from kelurahan.models import Pertemuan

from .querysets import LokakaryaQuerySet, NarasumberQuerySet

#: the two goals the seed lists for every lokakarya orientasi
TUJUAN_SEED = [
    "Terbangunnya kesadaran tentang pentingnya bersinergi dan berbagi peran masing-masing di jajaran "
    "pemerintah daerah dan stake holder lainnya dalam mendukung pelaksanaan program PLP-BK",
    "Perangkat pemda mampu mensosialisasikan program PLP-BK di tingkat lingkungan kerjanya dan kepada masyarakat luas",
]


class TingkatLokakarya(models.IntegerChoices):
    """The level equals the level of the region the workshop is attached to."""

    NASIONAL_PROVINSI = 1, _("Nasional/Provinsi")
    KOTA_KABUPATEN = 2, _("Kota/Kabupaten")
    KECAMATAN = 3, _("Kecamatan")
    KELURAHAN = 4, _("Kelurahan/Desa")


class SumberDana(models.TextChoices):
    APBN = "apbn", _("APBN")
    APBD = "apbd", _("APBD")
    CSR = "csr", _("CSR")
    SWADAYA = "swadaya", _("Swadaya")


def lines(text: str) -> list[str]:
    return [line.strip(" \t-•·") for line in (text or "").splitlines() if line.strip(" \t-•·")]


class Lokakarya(Berversi):
    pertemuan = models.OneToOneField(
        Pertemuan, verbose_name=_("pertemuan"), on_delete=models.PROTECT, related_name="lokakarya"
    )
    tingkat = models.PositiveSmallIntegerField(_("tingkat"), choices=TingkatLokakarya.choices, db_index=True)
    penyelenggara = models.CharField(_("penyelenggara"), max_length=200)
    fasilitator = models.TextField(_("fasilitator"), blank=True, help_text=_("Satu nama per baris."))
    unsur = models.TextField(
        _("unsur peserta yang diundang"), blank=True, help_text=_("Satu unsur per baris, mis. Bappeda, Dinas PU, BKM.")
    )
    tujuan = models.TextField(_("tujuan"), blank=True, help_text=_("Satu tujuan per baris."))
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("Satu acara per baris, boleh dengan jam."))
    hasil_kesepakatan = models.TextField(_("hasil kesepakatan"), blank=True, help_text=_("Satu kesepakatan per baris."))
    sumber_dana = models.CharField(_("sumber dana"), max_length=10, choices=SumberDana.choices, default=SumberDana.APBN)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    diubah = models.DateTimeField(_("diubah"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    objects = LokakaryaQuerySet.as_manager()

    class Meta:
        verbose_name = _("lokakarya")
        verbose_name_plural = _("lokakarya")
        ordering = ["-pk"]

    def __str__(self):
        return self.pertemuan.judul

    def get_absolute_url(self):
        return reverse("lokakarya:detail", args=[self.pk])

    @property
    def wilayah(self):
        return self.pertemuan.wilayah

    @property
    def wilayah_id(self):
        return self.pertemuan.wilayah_id

    def daftar_tujuan(self) -> list[str]:
        return lines(self.tujuan)

    def daftar_agenda(self) -> list[str]:
        return lines(self.agenda)

    def daftar_kesepakatan(self) -> list[str]:
        return lines(self.hasil_kesepakatan)

    def daftar_fasilitator(self) -> list[str]:
        return lines(self.fasilitator)

    def daftar_unsur(self) -> list[str]:
        return lines(self.unsur)


class Narasumber(models.Model):
    """A speaker and the material presented."""

    lokakarya = models.ForeignKey(
        Lokakarya, verbose_name=_("lokakarya"), on_delete=models.CASCADE, related_name="narasumber"
    )
    nama = models.CharField(_("nama"), max_length=150)
    jabatan = models.CharField(_("jabatan/instansi"), max_length=200, blank=True)
    materi = models.CharField(_("materi"), max_length=300, blank=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    history = HistoricalRecords()

    objects = NarasumberQuerySet.as_manager()

    class Meta:
        verbose_name = _("narasumber")
        verbose_name_plural = _("narasumber")
        ordering = ["lokakarya", "urutan", "pk"]

    def __str__(self):
        return self.nama
