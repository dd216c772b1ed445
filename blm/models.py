"""BLM (Bantuan Langsung Masyarakat): allocations per kelurahan and year, the tahap
configuration of a programme year, requests (PP-BLM) with their verification trail,
payments and accountability reports (LPJ).

Money is whole Rupiah. Totals that the dashboard sums (an allocation's `jumlah` and
`terbayar`, an LPJ's `realisasi`) are kept on the row by blm.services, under a row lock,
with database constraints that refuse an impossible state (paid more than allocated).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kelurahan.konflik import Berversi
from kelurahan.models import Peran, Wilayah

from .querysets import (  # noqa: F401 (TIDAK_AKTIF is the statuses' home for other modules)
    TIDAK_AKTIF,
    AlokasiQuerySet,
    BelanjaQuerySet,
    DokumenQuerySet,
    LpjQuerySet,
    PembayaranQuerySet,
    PermintaanQuerySet,
)
from .rantai import URUTAN_LANGKAH, Langkah  # noqa: F401 (the chain, for the modules reading models)

SERATUS = Decimal("100")


def bagi_tahap(total: int, persen: list[Decimal]) -> list[int]:
    """Split a whole-Rupiah amount by shares (percent with two decimals, summing to 100):
    every part but the last is rounded down, the last takes the remainder, so the parts
    always sum to `total`."""
    if not persen:
        return []
    parts = [total * int(Decimal(p) * 100) // 10000 for p in persen[:-1]]
    return [*parts, total - sum(parts)]


class KonfigurasiBLM(Berversi):
    """How BLM is paid in a programme year: the tahap, their shares and prerequisites.
    Entered by an administrator (the guideline changes by year)."""

    tahun = models.PositiveSmallIntegerField(_("tahun program"), unique=True)
    catatan = models.TextField(_("catatan / dasar pedoman"), blank=True)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("konfigurasi tahap BLM")
        verbose_name_plural = _("konfigurasi tahap BLM")
        ordering = ["-tahun"]

    def __str__(self):
        return _("Konfigurasi BLM %(tahun)s") % {"tahun": self.tahun}

    def get_absolute_url(self):
        return reverse("blm:konfigurasi_ubah", args=[self.pk])


class TahapBLM(models.Model):
    """One configured tahap: its share, request deadline and the prerequisites the portal
    checks itself from what the other apps recorded."""

    konfigurasi = models.ForeignKey(
        KonfigurasiBLM, verbose_name=_("konfigurasi"), on_delete=models.CASCADE, related_name="tahap"
    )
    nomor = models.PositiveSmallIntegerField(_("tahap ke"))
    persen = models.DecimalField(
        _("porsi (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(SERATUS)],
    )
    batas_pengajuan = models.DateField(_("batas pengajuan"), null=True, blank=True)
    syarat_tipp = models.BooleanField(_("TIPP sudah terbentuk"), default=False)
    syarat_rencana_kerja = models.BooleanField(_("rencana kerja TIPP disetujui"), default=False)
    syarat_rtplp = models.BooleanField(_("RTPLP disahkan"), default=False)
    syarat_lpj_sebelumnya = models.BooleanField(_("LPJ tahap sebelumnya diterima"), default=False)
    syarat_persen_sebelumnya = models.PositiveSmallIntegerField(
        _("minimal % tahap sebelumnya terpakai"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    syarat_dokumen = models.CharField(
        _("dokumen yang wajib diunggah"),
        max_length=120,
        blank=True,
        help_text=_('Nama dokumen, mis. "Berita acara rembug warga". Kosongkan bila tidak ada.'),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tahap BLM")
        verbose_name_plural = _("tahap BLM")
        ordering = ["konfigurasi", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["konfigurasi", "nomor"], name="blm_tahap_nomor_unik"),
            models.CheckConstraint(condition=Q(persen__gt=0, persen__lte=100), name="blm_tahap_persen_wajar"),
        ]

    def __str__(self):
        return _("Tahap %(n)s") % {"n": self.nomor}

    def clean(self):
        if self.nomor == 1 and (self.syarat_lpj_sebelumnya or self.syarat_persen_sebelumnya):
            raise ValidationError(_("Tahap 1 tidak punya tahap sebelumnya; hapus syarat tahap sebelumnya."))

    def daftar_syarat(self) -> list[str]:
        """The prerequisites in words, for the configuration and status pages."""
        out = []
        if self.nomor > 1:
            out.append(_("Tahap %(n)s sudah dibayar") % {"n": self.nomor - 1})
        if self.syarat_tipp:
            out.append(str(_("TIPP sudah terbentuk")))
        if self.syarat_rencana_kerja:
            out.append(str(_("Rencana kerja TIPP disetujui")))
        if self.syarat_rtplp:
            out.append(str(_("RTPLP disahkan")))
        if self.syarat_lpj_sebelumnya and self.nomor > 1:
            out.append(_("LPJ Tahap %(n)s diterima Korkot/Askot") % {"n": self.nomor - 1})
        if self.syarat_persen_sebelumnya and self.nomor > 1:
            out.append(
                _("Minimal %(p)s%% dana Tahap %(n)s terpakai")
                % {"p": self.syarat_persen_sebelumnya, "n": self.nomor - 1}
            )
        if self.syarat_dokumen:
            out.append(_("Dokumen \u201c%(d)s\u201d diunggah") % {"d": self.syarat_dokumen})
        return out


class AlokasiBLM(Berversi):
    """The BLM a kelurahan receives in a programme year, by source of funds."""

    wilayah = models.ForeignKey(
        Wilayah, verbose_name=_("kelurahan/desa"), on_delete=models.PROTECT, related_name="alokasi_blm"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun program"))
    apbn = models.BigIntegerField(_("APBN (Rp)"), default=0, validators=[MinValueValidator(0)])
    apbd_provinsi = models.BigIntegerField(_("APBD provinsi (Rp)"), default=0, validators=[MinValueValidator(0)])
    apbd_kabkota = models.BigIntegerField(_("APBD kabupaten/kota (Rp)"), default=0, validators=[MinValueValidator(0)])
    swadaya = models.BigIntegerField(_("swadaya/CSR (Rp)"), default=0, validators=[MinValueValidator(0)])
    jumlah = models.BigIntegerField(_("jumlah alokasi (Rp)"), default=0, editable=False)
    terbayar = models.BigIntegerField(_("sudah dibayar (Rp)"), default=0, editable=False)
    bank_nama = models.CharField(_("nama bank"), max_length=100)
    bank_rekening = models.CharField(_("nomor rekening BKM"), max_length=40)
    bank_atas_nama = models.CharField(_("rekening atas nama"), max_length=150)
    batas_waktu = models.DateField(_("batas waktu pemanfaatan"))
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    history = HistoricalRecords()

    objects = AlokasiQuerySet.as_manager()

    SUMBER = ("apbn", "apbd_provinsi", "apbd_kabkota", "swadaya")

    class Meta:
        verbose_name = _("alokasi BLM")
        verbose_name_plural = _("alokasi BLM")
        ordering = ["-tahun", "wilayah"]
        constraints = [
            models.UniqueConstraint(fields=["wilayah", "tahun"], name="blm_alokasi_satu_per_tahun"),
            models.CheckConstraint(
                condition=Q(apbn__gte=0, apbd_provinsi__gte=0, apbd_kabkota__gte=0, swadaya__gte=0),
                name="blm_alokasi_sumber_tidak_negatif",
            ),
            models.CheckConstraint(
                condition=Q(jumlah=F("apbn") + F("apbd_provinsi") + F("apbd_kabkota") + F("swadaya")),
                name="blm_alokasi_jumlah_sama_sumber",
            ),
            models.CheckConstraint(
                condition=Q(terbayar__gte=0, terbayar__lte=F("jumlah")), name="blm_alokasi_bayar_tidak_lebih"
            ),
        ]

    def __str__(self):
        return f"BLM {self.tahun} {self.wilayah}"

    def get_absolute_url(self):
        return reverse("blm:wilayah", args=[self.wilayah_id]) + f"?tahun={self.tahun}"

    def save(self, *args, **kwargs):
        self.jumlah = sum(getattr(self, f) or 0 for f in self.SUMBER)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "jumlah"}
        super().save(*args, **kwargs)

    @property
    def sisa(self) -> int:
        return self.jumlah - self.terbayar

    @property
    def persen_terbayar(self) -> float | None:
        return None if not self.jumlah else 100 * self.terbayar / self.jumlah

    def rincian_sumber(self) -> list[tuple[str, int]]:
        return [(str(self._meta.get_field(f).verbose_name).replace(" (Rp)", ""), getattr(self, f)) for f in self.SUMBER]


class DokumenBLM(models.Model):
    """A document a tahap prerequisite names (e.g. "Berita acara rembug warga")."""

    alokasi = models.ForeignKey(AlokasiBLM, verbose_name=_("alokasi"), on_delete=models.CASCADE, related_name="dokumen")
    nama = models.CharField(_("nama dokumen"), max_length=120)
    berkas = models.OneToOneField(
        "kelurahan.Berkas", verbose_name=_("berkas"), on_delete=models.PROTECT, related_name="dokumen_blm"
    )
    history = HistoricalRecords()

    objects = DokumenQuerySet.as_manager()

    class Meta:
        verbose_name = _("dokumen BLM")
        verbose_name_plural = _("dokumen BLM")
        ordering = ["alokasi", "nama"]

    def __str__(self):
        return self.nama

    @property
    def kode_wilayah(self) -> str:
        return self.alokasi.wilayah_id


class StatusPermintaan(models.TextChoices):
    DIPROSES = "diproses", _("Dalam verifikasi")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")
    DITARIK = "ditarik", _("Ditarik kembali")
    TERVERIFIKASI = "terverifikasi", _("Terverifikasi, menunggu pembayaran")
    DIBAYAR = "dibayar", _("Dibayar")


class PermintaanBLM(Berversi):
    """A request (PP-BLM) for one tahap of an allocation. One per tahap: a returned
    request is corrected and sent again, not filed twice."""

    alokasi = models.ForeignKey(
        AlokasiBLM, verbose_name=_("alokasi"), on_delete=models.PROTECT, related_name="permintaan"
    )
    wilayah = models.ForeignKey(Wilayah, verbose_name=_("kelurahan/desa"), on_delete=models.PROTECT, related_name="+")
    nomor = models.PositiveSmallIntegerField(_("tahap"))
    jumlah = models.BigIntegerField(_("jumlah diminta (Rp)"))
    status = models.CharField(
        _("status"), max_length=20, choices=StatusPermintaan.choices, default=StatusPermintaan.DIPROSES, db_index=True
    )
    langkah = models.CharField(_("menunggu verifikasi"), max_length=20, choices=Langkah.choices, blank=True)
    langkah_sejak = models.DateTimeField(_("menunggu sejak"), null=True, blank=True)
    nomor_surat = models.CharField(_("nomor surat"), max_length=80, blank=True)
    catatan = models.TextField(_("catatan"), blank=True)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("diajukan oleh")
    )
    diajukan_pada = models.DateTimeField(_("diajukan pada"))
    diverifikasi_pada = models.DateTimeField(_("terverifikasi pada"), null=True, blank=True)
    history = HistoricalRecords()

    objects = PermintaanQuerySet.as_manager()

    class Meta:
        verbose_name = _("permintaan BLM (PP-BLM)")
        verbose_name_plural = _("permintaan BLM (PP-BLM)")
        ordering = ["-diajukan_pada", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["alokasi", "nomor"], name="blm_permintaan_satu_per_tahap"),
            models.CheckConstraint(condition=Q(jumlah__gt=0), name="blm_permintaan_jumlah_positif"),
        ]
        indexes = [models.Index(fields=["status", "langkah"])]

    def __str__(self):
        return _("PP-BLM Tahap %(n)s %(w)s") % {"n": self.nomor, "w": self.wilayah}

    def get_absolute_url(self):
        return reverse("blm:permintaan", args=[self.pk])

    @property
    def terkunci(self) -> bool:
        """Verified requests are locked: nothing on them changes but the payment."""
        return self.status in (StatusPermintaan.TERVERIFIKASI, StatusPermintaan.DIBAYAR)


class Tindakan(models.TextChoices):
    DIAJUKAN = "diajukan", _("Diajukan")
    DISETUJUI = "disetujui", _("Disetujui")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")
    DITARIK = "ditarik", _("Ditarik kembali")
    DIBAYAR = "dibayar", _("Dibayar")


class JejakPermintaan(models.Model):
    """One signature of the trail: submitted by / acknowledged by / verified by, with date."""

    permintaan = models.ForeignKey(PermintaanBLM, on_delete=models.CASCADE, related_name="jejak")
    langkah = models.CharField(_("langkah"), max_length=20, blank=True)
    tindakan = models.CharField(_("tindakan"), max_length=20, choices=Tindakan.choices)
    alasan = models.TextField(_("alasan"), blank=True)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    nama_oleh = models.CharField(_("nama"), max_length=150)
    #: the role the person acted in (kelurahan.models.Peran), printed beside the name
    peran = models.CharField(_("peran"), max_length=20, blank=True)
    #: a step passed by filing: the filer holds the role of the chain's first step
    saat_pengajuan = models.BooleanField(_("diverifikasi saat pengajuan"), default=False)
    pada = models.DateTimeField(_("tanggal"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jejak permintaan")
        verbose_name_plural = _("jejak permintaan")
        ordering = ["pada", "id"]

    def __str__(self):
        return f"{self.get_tindakan_display()} {self.nama_oleh}"

    @property
    def label(self) -> str:
        if self.tindakan == Tindakan.DIAJUKAN:
            return str(_("Diserahkan oleh"))
        if self.tindakan == Tindakan.DIKEMBALIKAN:
            return str(_("Dikembalikan oleh"))
        if self.tindakan == Tindakan.DITARIK:
            return str(_("Ditarik kembali oleh"))
        if self.tindakan == Tindakan.DIBAYAR:
            return str(_("Pembayaran dicatat oleh"))
        if self.saat_pengajuan:
            return str(_("Diverifikasi saat pengajuan oleh"))
        if self.langkah in (Langkah.FASILITATOR, Langkah.PJOK):
            return str(_("Diketahui oleh"))
        return str(_("Diverifikasi oleh"))

    @property
    def peran_label(self) -> str:
        """The person's real role: the one recorded, else the step's role (older rows)."""
        if self.peran in Peran.values:
            return str(Peran(self.peran).label)
        if self.langkah in Langkah.values:
            return str(Langkah(self.langkah).label)
        return ""


class PembayaranBLM(models.Model):
    """The payment of a verified request; at most one per request (a database constraint)."""

    permintaan = models.OneToOneField(
        PermintaanBLM, verbose_name=_("permintaan"), on_delete=models.PROTECT, related_name="pembayaran"
    )
    alokasi = models.ForeignKey(AlokasiBLM, on_delete=models.PROTECT, related_name="pembayaran")
    wilayah = models.ForeignKey(Wilayah, on_delete=models.PROTECT, related_name="+")
    tanggal = models.DateField(_("tanggal bayar"))
    jumlah = models.BigIntegerField(_("jumlah dibayar (Rp)"))
    nomor_bukti = models.CharField(_("nomor SP2D/bukti transfer"), max_length=80, blank=True)
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dicatat_pada = models.DateTimeField(_("dicatat pada"), auto_now_add=True)
    history = HistoricalRecords()

    objects = PembayaranQuerySet.as_manager()

    class Meta:
        verbose_name = _("pembayaran BLM")
        verbose_name_plural = _("pembayaran BLM")
        ordering = ["-tanggal", "-id"]
        constraints = [models.CheckConstraint(condition=Q(jumlah__gt=0), name="blm_pembayaran_jumlah_positif")]

    def __str__(self):
        return _("Pembayaran %(p)s") % {"p": self.permintaan}


class StatusLpj(models.TextChoices):
    DRAFT = "draft", _("Sedang disusun")
    DIAJUKAN = "diajukan", _("Menunggu penerimaan Korkot/Askot")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan untuk diperbaiki")
    DITERIMA = "diterima", _("Diterima")


class LpjBLM(models.Model):
    """The accountability report of a paid tahap; `realisasi` is the sum of its lines."""

    permintaan = models.OneToOneField(PermintaanBLM, on_delete=models.PROTECT, related_name="lpj")
    wilayah = models.ForeignKey(Wilayah, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=StatusLpj.choices, default=StatusLpj.DRAFT)
    realisasi = models.BigIntegerField(_("realisasi (Rp)"), default=0, editable=False)
    alasan = models.TextField(_("alasan pengembalian"), blank=True)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diajukan_pada = models.DateTimeField(null=True, blank=True)
    diterima_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diterima_pada = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    objects = LpjQuerySet.as_manager()

    class Meta:
        verbose_name = _("LPJ BLM")
        verbose_name_plural = _("LPJ BLM")
        constraints = [models.CheckConstraint(condition=Q(realisasi__gte=0), name="blm_lpj_realisasi_tidak_negatif")]

    def __str__(self):
        return _("LPJ Tahap %(n)s %(w)s") % {"n": self.permintaan.nomor, "w": self.wilayah}

    def get_absolute_url(self):
        return reverse("blm:lpj", args=[self.pk])

    @property
    def dapat_diubah(self) -> bool:
        return self.status in (StatusLpj.DRAFT, StatusLpj.DIKEMBALIKAN)

    def persen_tahap(self, dibayar: int) -> float | None:
        return None if not dibayar else 100 * self.realisasi / dibayar

    def persen_alokasi(self, alokasi_jumlah: int) -> float | None:
        return None if not alokasi_jumlah else 100 * self.realisasi / alokasi_jumlah


class BelanjaLPJ(models.Model):
    """One spending line of an LPJ, tied to an activity of the approved TIPP work plan."""

    lpj = models.ForeignKey(LpjBLM, on_delete=models.CASCADE, related_name="belanja")
    tanggal = models.DateField(_("tanggal"))
    uraian = models.CharField(_("uraian"), max_length=200)
    kegiatan_id = models.PositiveIntegerField(_("kegiatan rencana kerja"), null=True, blank=True)
    kegiatan = models.CharField(_("kegiatan rencana kerja"), max_length=200, blank=True)
    jumlah = models.BigIntegerField(_("jumlah (Rp)"), validators=[MinValueValidator(1)])
    bukti = models.OneToOneField(
        "kelurahan.Berkas",
        verbose_name=_("bukti/kuitansi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="belanja_lpj",
    )
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    dicatat_pada = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = BelanjaQuerySet.as_manager()

    class Meta:
        verbose_name = _("belanja LPJ")
        verbose_name_plural = _("belanja LPJ")
        ordering = ["tanggal", "id"]
        constraints = [models.CheckConstraint(condition=Q(jumlah__gt=0), name="blm_belanja_jumlah_positif")]

    def __str__(self):
        return self.uraian

    @property
    def kode_wilayah(self) -> str:
        return self.lpj.wilayah_id


from .models_ksm import (  # noqa: E402, F401  (the KSM stage, kept apart)
    KSM,
    AnggotaKSM,
    BeritaAcaraKSM,
    FotoProgres,
    JenisBeritaAcara,
    LaporanProgres,
    PencairanKSM,
    StatusUsulan,
    TitikFoto,
    UsulanKegiatan,
)
