"""The kelurahan profile of a programme year: population, households, poor households, MBR
and the count of RT, RW and dusun, entered by the kelurahan's facilitator or BKM. The
dashboard's rates (participants per resident, share of poor households reached) divide by
these figures (`ProfilKelurahan.objects.angka(tahun)`)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .konflik import Berversi
from .querysets import ProfilKelurahanQuerySet

#: the figures of a profile, in the order forms, pages and spreadsheets show them
ANGKA = (
    "penduduk_l",
    "penduduk_p",
    "jumlah_kk",
    "kk_miskin",
    "jumlah_mbr",
    "jumlah_rt",
    "jumlah_rw",
    "jumlah_dusun",
)


def _jumlah(label):
    return models.PositiveIntegerField(label, default=0, validators=[MaxValueValidator(10_000_000)])


class ProfilKelurahan(Berversi):
    wilayah = models.ForeignKey(
        "kelurahan.Wilayah", verbose_name=_("kelurahan/desa"), on_delete=models.PROTECT, related_name="profil"
    )
    tahun = models.PositiveSmallIntegerField(
        _("tahun program"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    penduduk_l = _jumlah(_("penduduk laki-laki"))
    penduduk_p = _jumlah(_("penduduk perempuan"))
    jumlah_kk = _jumlah(_("jumlah KK"))
    kk_miskin = _jumlah(_("KK miskin"))
    jumlah_mbr = _jumlah(_("jumlah warga MBR"))
    jumlah_rt = _jumlah(_("jumlah RT"))
    jumlah_rw = _jumlah(_("jumlah RW"))
    jumlah_dusun = _jumlah(_("jumlah dusun"))
    sumber = models.CharField(
        _("sumber data"), max_length=200, blank=True, help_text=_("Mis. Profil Desa 2012, data BPS, pendataan BKM.")
    )
    diubah = models.DateTimeField(_("diubah"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    objects = ProfilKelurahanQuerySet.as_manager()

    class Meta:
        verbose_name = _("profil kelurahan")
        verbose_name_plural = _("profil kelurahan")
        ordering = ["wilayah", "-tahun"]
        constraints = [models.UniqueConstraint(fields=["wilayah", "tahun"], name="profil_kelurahan_per_tahun")]

    def __str__(self):
        return str(_("Profil %(w)s %(tahun)s") % {"w": self.wilayah_id, "tahun": self.tahun})

    @property
    def kode_wilayah(self) -> str:
        return self.wilayah_id

    @property
    def jumlah_penduduk(self) -> int:
        return self.penduduk_l + self.penduduk_p

    @property
    def persen_kk_miskin(self) -> float | None:
        return None if not self.jumlah_kk else 100 * self.kk_miskin / self.jumlah_kk

    def get_absolute_url(self):
        return reverse("kelurahan:profil", args=[self.wilayah_id, self.tahun])

    def clean(self):
        from .models import Tingkat, tingkat_dari_kode

        errors = {}
        if self.wilayah_id and tingkat_dari_kode(self.wilayah_id) != Tingkat.KELURAHAN:
            errors["wilayah"] = _("Profil hanya untuk kelurahan/desa.")
        if self.kk_miskin > self.jumlah_kk:
            errors["kk_miskin"] = _("KK miskin tidak boleh melebihi jumlah KK.")
        if self.jumlah_mbr > self.penduduk_l + self.penduduk_p:
            errors["jumlah_mbr"] = _("Warga MBR tidak boleh melebihi jumlah penduduk.")
        if self.jumlah_kk > self.penduduk_l + self.penduduk_p:
            errors["jumlah_kk"] = _("Jumlah KK tidak boleh melebihi jumlah penduduk.")
        if errors:
            raise ValidationError(errors)
