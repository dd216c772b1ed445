"""Sosialisasi: the facilitator's pengkondisian masyarakat (social conditions, stakeholder map,
informal outreach), the rembug warga sosialisasi with its inclusion check, and the
kelurahan government's commitments (Peran Pemda Kelurahan)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kelurahan.konflik import Berversi
from kelurahan.models import Pertemuan, Tingkat, Wilayah

from .querysets import (
    KegiatanInformalQuerySet,
    PemangkuQuerySet,
    PengkondisianQuerySet,
    PeranPemdaQuerySet,
    RembugWargaQuerySet,
)

DEFAULT_PERSEN_PEREMPUAN = Decimal("30.0")
DEFAULT_DISABILITAS = 1


def _kelurahan_only(wilayah_id: str | None) -> None:
    if wilayah_id and wilayah_id.count(".") + 1 != Tingkat.KELURAHAN:
        raise ValidationError({"wilayah": _("Wilayah harus kelurahan/desa.")})


class TargetInklusi(Berversi):
    """The national inclusion targets of a rembug warga, set by an administrator (one row)."""

    persen_perempuan = models.DecimalField(
        _("perempuan minimal (%)"),
        max_digits=4,
        decimal_places=1,
        default=DEFAULT_PERSEN_PEREMPUAN,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    jumlah_disabilitas = models.PositiveSmallIntegerField(
        _("penyandang disabilitas minimal (orang)"), default=DEFAULT_DISABILITAS
    )
    diubah = models.DateTimeField(_("diubah"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = _("target inklusi rembug warga")
        verbose_name_plural = _("target inklusi rembug warga")

    def __str__(self):
        return str(
            _("Perempuan ≥ %(p)s%%, disabilitas ≥ %(d)s orang")
            % {"p": self.persen_perempuan, "d": self.jumlah_disabilitas}
        )

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> TargetInklusi:
        obj = cls.objects.filter(pk=1).first()
        return obj if obj is not None else cls(pk=1)


class Pengkondisian(Berversi):
    """The facilitator's field orientation in one kelurahan before the rembug warga."""

    wilayah = models.OneToOneField(
        Wilayah, verbose_name=_("kelurahan/desa"), on_delete=models.PROTECT, related_name="pengkondisian"
    )
    kondisi_sosial = models.TextField(
        _("kondisi sosial masyarakat"),
        blank=True,
        help_text=_("Catatan orientasi lapangan: mata pencaharian, kelompok, kebiasaan, isu yang sedang hangat."),
    )
    tanggal_mulai = models.DateField(_("orientasi lapangan mulai"), null=True, blank=True)
    fasilitator = models.CharField(_("fasilitator"), max_length=150, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diubah = models.DateTimeField(_("diubah"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    objects = PengkondisianQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengkondisian masyarakat")
        verbose_name_plural = _("pengkondisian masyarakat")
        ordering = ["wilayah"]

    def __str__(self):
        return str(_("Pengkondisian masyarakat %(w)s") % {"w": self.wilayah})

    def clean(self):
        _kelurahan_only(self.wilayah_id)

    def get_absolute_url(self):
        return reverse("sosialisasi:pengkondisian", args=[self.wilayah_id])


class Tingkatan(models.TextChoices):
    RENDAH = "rendah", _("rendah")
    SEDANG = "sedang", _("sedang")
    TINGGI = "tinggi", _("tinggi")


class KategoriPemangku(models.TextChoices):
    PEMERINTAH_DESA = "pemerintah_desa", _("Pemerintah desa/kelurahan")
    TOKOH_MASYARAKAT = "tokoh_masyarakat", _("Tokoh masyarakat")
    TOKOH_AGAMA = "tokoh_agama", _("Tokoh agama")
    DUNIA_USAHA = "dunia_usaha", _("Dunia usaha")
    LEMBAGA_PNPM = "lembaga_pnpm", _("Lembaga PNPM (BKM, KSM, relawan)")
    KELOMPOK_PEREMPUAN = "kelompok_perempuan", _("Kelompok perempuan (PKK, majelis taklim)")
    PEMUDA = "pemuda", _("Pemuda (karang taruna)")
    KELOMPOK_RENTAN = "kelompok_rentan", _("Kelompok rentan/disabilitas")
    LAIN = "lain", _("Lainnya")


class Pemangku(Berversi):
    """A key person or body on the stakeholder map; those flagged are invited to the rembug."""

    pengkondisian = models.ForeignKey(
        Pengkondisian, verbose_name=_("pengkondisian"), on_delete=models.CASCADE, related_name="pemangku"
    )
    nama = models.CharField(_("nama orang/lembaga"), max_length=150)
    kategori = models.CharField(_("kategori"), max_length=30, choices=KategoriPemangku.choices)
    peran = models.CharField(_("peran/jabatan"), max_length=150, blank=True)
    pengaruh = models.CharField(_("pengaruh"), max_length=10, choices=Tingkatan.choices, default=Tingkatan.SEDANG)
    kepentingan = models.CharField(_("kepentingan"), max_length=10, choices=Tingkatan.choices, default=Tingkatan.SEDANG)
    kontak = models.CharField(_("kontak"), max_length=150, blank=True)
    diundang = models.BooleanField(_("diundang ke rembug warga"), default=True)
    catatan = models.CharField(_("catatan"), max_length=255, blank=True)
    history = HistoricalRecords()

    objects = PemangkuQuerySet.as_manager()

    class Meta:
        verbose_name = _("pemangku kepentingan")
        verbose_name_plural = _("peta pemangku kepentingan")
        ordering = ["pengkondisian", "kategori", "nama"]

    def __str__(self):
        return self.nama


class MediaInformal(models.TextChoices):
    LEAFLET = "leaflet", _("Leaflet")
    POSTER = "poster", _("Poster/spanduk")
    KUNJUNGAN = "kunjungan", _("Kunjungan/obrolan langsung")
    WHATSAPP = "whatsapp", _("Grup WhatsApp")
    PENGUMUMAN = "pengumuman", _("Pengumuman di masjid/pertemuan rutin")
    LAIN = "lain", _("Lainnya")


class KegiatanInformal(Berversi):
    """Informal outreach during pengkondisian: who was reached, how, when."""

    pengkondisian = models.ForeignKey(
        Pengkondisian, verbose_name=_("pengkondisian"), on_delete=models.CASCADE, related_name="kegiatan_informal"
    )
    tanggal = models.DateField(_("tanggal"))
    media = models.CharField(_("media"), max_length=20, choices=MediaInformal.choices)
    ke_pemerintah_desa = models.BooleanField(_("pemerintah desa/kelurahan"), default=False)
    ke_dunia_usaha = models.BooleanField(_("dunia usaha/pengusaha"), default=False)
    ke_tokoh_masyarakat = models.BooleanField(_("tokoh masyarakat"), default=False)
    jumlah_orang = models.PositiveIntegerField(_("perkiraan orang terjangkau"), null=True, blank=True)
    uraian = models.TextField(_("uraian"), blank=True)
    history = HistoricalRecords()

    objects = KegiatanInformalQuerySet.as_manager()

    class Meta:
        verbose_name = _("sosialisasi informal")
        verbose_name_plural = _("sosialisasi informal")
        ordering = ["pengkondisian", "-tanggal", "-id"]

    def __str__(self):
        return f"{self.get_media_display()} {self.tanggal:%d-%m-%Y}"

    def sasaran(self) -> list[str]:
        """Labels of the groups reached."""
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in ("ke_pemerintah_desa", "ke_dunia_usaha", "ke_tokoh_masyarakat")
            if getattr(self, name)
        ]

    def clean(self):
        if not (self.ke_pemerintah_desa or self.ke_dunia_usaha or self.ke_tokoh_masyarakat):
            raise ValidationError(_("Pilih paling sedikit satu kelompok yang dijangkau."))


@dataclass(frozen=True)
class HasilInklusi:
    """The inclusion figures of a meeting against targets."""

    laki_laki: int
    perempuan: int
    disabilitas: int
    target_persen_perempuan: Decimal
    target_disabilitas: int

    @property
    def jumlah(self) -> int:
        return self.laki_laki + self.perempuan

    @property
    def persen_perempuan(self) -> float | None:
        return None if self.jumlah == 0 else 100 * self.perempuan / self.jumlah

    @property
    def perempuan_cukup(self) -> bool:
        # integer comparison: perempuan / jumlah >= target / 100
        return self.jumlah > 0 and self.perempuan * 1000 >= int(self.target_persen_perempuan * 10) * self.jumlah

    @property
    def disabilitas_cukup(self) -> bool:
        return self.disabilitas >= self.target_disabilitas

    @property
    def memenuhi(self) -> bool:
        return self.perempuan_cukup and self.disabilitas_cukup

    def kekurangan(self) -> list[str]:
        """Readable reasons the meeting is below target (empty when it meets them)."""
        out = []
        if not self.perempuan_cukup:
            out.append(
                str(
                    _("Perempuan %(p)s%% dari %(n)s peserta, di bawah target %(t)s%%.")
                    % {
                        "p": "–"
                        if self.persen_perempuan is None
                        else number_format(round(self.persen_perempuan, 1), 1),
                        "n": self.jumlah,
                        "t": floatformat(self.target_persen_perempuan, -1),
                    }
                )
            )
        if not self.disabilitas_cukup:
            out.append(
                str(
                    _("Penyandang disabilitas %(d)s orang, di bawah target %(t)s orang.")
                    % {"d": self.disabilitas, "t": self.target_disabilitas}
                )
            )
        return out


class RembugWarga(Berversi):
    """A rembug warga sosialisasi: one Pertemuan (attendance, counters) plus its agenda,
    results and the inclusion check made when it is closed."""

    pertemuan = models.OneToOneField(
        Pertemuan, verbose_name=_("pertemuan"), on_delete=models.PROTECT, related_name="rembug_warga"
    )
    agenda = models.TextField(_("agenda"), blank=True)
    hasil = models.TextField(
        _("hasil"),
        blank=True,
        help_text=_("Apa yang dipahami dan disepakati warga (mis. SK lokasi PLP-BK, jadwal lokakarya berikutnya)."),
    )
    ditutup = models.DateTimeField(_("ditutup"), null=True, blank=True)
    ditutup_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # targets in force when the meeting was closed (the record keeps them if they change later)
    target_persen_perempuan = models.DecimalField(
        _("target perempuan (%)"), max_digits=4, decimal_places=1, null=True, blank=True, editable=False
    )
    target_disabilitas = models.PositiveSmallIntegerField(
        _("target disabilitas"), null=True, blank=True, editable=False
    )
    alasan = models.TextField(
        _("alasan/penjelasan"),
        blank=True,
        help_text=_("Wajib bila rembug ditutup di bawah target inklusi: mengapa, dan apa tindak lanjutnya."),
    )
    history = HistoricalRecords()

    objects = RembugWargaQuerySet.as_manager()

    class Meta:
        verbose_name = _("rembug warga sosialisasi")
        verbose_name_plural = _("rembug warga sosialisasi")
        ordering = ["-pertemuan__tanggal", "-id"]

    def __str__(self):
        return str(self.pertemuan)

    def get_absolute_url(self):
        return reverse("sosialisasi:rembug", args=[self.pk])

    @property
    def wilayah(self):
        return self.pertemuan.wilayah

    @property
    def wilayah_id(self):
        return self.pertemuan.wilayah_id

    @property
    def is_closed(self) -> bool:
        return self.ditutup is not None

    def inklusi(self, target: TargetInklusi | None = None) -> HasilInklusi:
        """Figures from the meeting's counters; against the targets kept at closing, else
        `target` (or the current targets)."""
        if self.is_closed and self.target_persen_perempuan is not None:
            persen, disabilitas = self.target_persen_perempuan, self.target_disabilitas or 0
        else:
            target = target or TargetInklusi.current()
            persen, disabilitas = target.persen_perempuan, target.jumlah_disabilitas
        p = self.pertemuan
        return HasilInklusi(p.jumlah_l, p.jumlah_p, p.jumlah_disabilitas, Decimal(persen), disabilitas)


class TahapPeran(models.TextChoices):
    PERSIAPAN = "persiapan", _("Persiapan")
    PERENCANAAN = "perencanaan", _("Perencanaan partisipatif")
    PEMASARAN = "pemasaran", _("Pemasaran")
    PEMBANGUNAN = "pembangunan", _("Pelaksanaan pembangunan")


class PeranPemda(Berversi):
    """A commitment of the kelurahan/desa government to facilitate a step of the programme."""

    wilayah = models.ForeignKey(
        Wilayah, verbose_name=_("kelurahan/desa"), on_delete=models.PROTECT, related_name="peran_pemda"
    )
    tahap = models.CharField(_("tahap"), max_length=20, choices=TahapPeran.choices)
    uraian = models.CharField(_("komitmen (apa)"), max_length=255)
    pelaksana = models.CharField(_("oleh siapa"), max_length=150)
    tenggat = models.DateField(_("paling lambat"), null=True, blank=True)
    selesai = models.BooleanField(_("sudah dilaksanakan"), default=False)
    tanggal_selesai = models.DateField(_("tanggal dilaksanakan"), null=True, blank=True)
    catatan = models.CharField(_("catatan"), max_length=255, blank=True)
    history = HistoricalRecords()

    objects = PeranPemdaQuerySet.as_manager()

    class Meta:
        verbose_name = _("peran pemda kelurahan")
        verbose_name_plural = _("peran pemda kelurahan")
        ordering = ["wilayah", "tenggat", "id"]

    def __str__(self):
        return self.uraian

    def clean(self):
        _kelurahan_only(self.wilayah_id)
        if self.tanggal_selesai and not self.selesai:
            self.selesai = True

    def terlambat(self, today) -> bool:
        return not self.selesai and self.tenggat is not None and self.tenggat < today
