"""TIPP (Tim Inti Perencanaan Partisipatif): its formation in five steps, members, Pokja
(FGD then election) and the work plan (Rencana Kerja / Jadwal Pelaksanaan).

Every meeting (a step's meeting, an FGD, the election) is a kelurahan.Pertemuan linked
one-to-one; attendance lives there and is written by kelurahan.services only.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kelurahan.konflik import Berversi
from kelurahan.models import Kehadiran, Orang, Pertemuan, Wilayah

from .querysets import (
    AnggotaQuerySet,
    BuktiQuerySet,
    FGDQuerySet,
    KandidatQuerySet,
    KegiatanQuerySet,
    LangkahQuerySet,
    PemilihanQuerySet,
    PokjaQuerySet,
    RencanaKerjaQuerySet,
    TIPPQuerySet,
)

#: the five formation steps of the guideline, in order (number, short title, description)
LANGKAH = [
    (
        1,
        _("Pelatihan BKM dan perangkat"),
        _("Tim Koordinator Kabupaten/Kota dan Tim KMW melatih BKM dan perangkat kelurahan/desa."),
    ),
    (
        2,
        _("Pertemuan warga: syarat dan proses"),
        _("Pertemuan warga menyepakati syarat-syarat anggota dan proses pembentukan TIPP."),
    ),
    (
        3,
        _("Pertemuan dengan TKPKD"),
        _("BKM dan perangkat, didampingi Tim Koordinator, bertemu TKPKD untuk menindaklanjuti pembentukan TIPP."),
    ),
    (
        4,
        _("Pemilihan staf teknis Pemda"),
        _("TKPKD bersama dinas teknis memilih dan menunjuk staf teknis Pemda yang memenuhi syarat."),
    ),
    (
        5,
        _("Pertemuan warga: pembentukan Pokja"),
        _("BKM dan perangkat memfasilitasi pertemuan warga untuk membentuk Pokja-Pokja PLP-BK."),
    ),
]
JUMLAH_LANGKAH = len(LANGKAH)
LANGKAH_STAF_PEMDA = 4
LANGKAH_POKJA = 5


class PengaturanTIPP(Berversi):
    """Settings an administrator sets in the admin (one row): the gender target of a TIPP."""

    target_perempuan = models.PositiveSmallIntegerField(
        _("target anggota perempuan (%)"), default=30, validators=[MaxValueValidator(100)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pengaturan TIPP")
        verbose_name_plural = _("pengaturan TIPP")

    def __str__(self):
        return str(_("Target perempuan %(n)s%%") % {"n": self.target_perempuan})

    @classmethod
    def current(cls) -> PengaturanTIPP:
        return cls.objects.order_by("pk").first() or cls()


class TIPP(Berversi):
    wilayah = models.OneToOneField(
        Wilayah, verbose_name=_("kelurahan/desa"), on_delete=models.PROTECT, related_name="tipp"
    )
    dikukuhkan = models.DateField(_("tanggal pengukuhan"), null=True, blank=True)
    dikukuhkan_bkm = models.CharField(_("dikukuhkan oleh (BKM)"), max_length=150, blank=True)
    dikukuhkan_lurah = models.CharField(_("dikukuhkan oleh (Lurah/Kepala Desa)"), max_length=150, blank=True)
    nomor_sk = models.CharField(_("nomor SK pengukuhan"), max_length=100, blank=True)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    history = HistoricalRecords()

    objects = TIPPQuerySet.as_manager()

    class Meta:
        verbose_name = _("TIPP")
        verbose_name_plural = _("TIPP")
        ordering = ["wilayah"]

    def __str__(self):
        return str(_("TIPP %(w)s") % {"w": self.wilayah.label})

    @property
    def kode_wilayah(self) -> str:
        return self.wilayah_id

    def get_absolute_url(self):
        return reverse("tipp:detail", args=[self.wilayah_id])


class LangkahTIPP(Berversi):
    """One of the five formation steps; done only after the one before it."""

    tipp = models.ForeignKey(TIPP, verbose_name=_("TIPP"), on_delete=models.CASCADE, related_name="langkah")
    nomor = models.PositiveSmallIntegerField(
        _("langkah"), validators=[MinValueValidator(1), MaxValueValidator(JUMLAH_LANGKAH)]
    )
    pertemuan = models.OneToOneField(
        Pertemuan,
        verbose_name=_("pertemuan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="langkah_tipp",
    )
    hasil = models.TextField(
        _("hasil kesepakatan"), blank=True, help_text=_("Mis. syarat anggota TIPP yang disepakati (langkah 2).")
    )
    selesai = models.DateField(_("selesai pada"), null=True, blank=True)
    history = HistoricalRecords()

    objects = LangkahQuerySet.as_manager()

    class Meta:
        verbose_name = _("langkah pembentukan TIPP")
        verbose_name_plural = _("langkah pembentukan TIPP")
        ordering = ["tipp", "nomor"]
        constraints = [models.UniqueConstraint(fields=["tipp", "nomor"], name="tipp_langkah_unik")]

    def __str__(self):
        return f"{self.nomor}. {self.judul}"

    @property
    def judul(self) -> str:
        return str(LANGKAH[self.nomor - 1][1])

    @property
    def uraian(self) -> str:
        return str(LANGKAH[self.nomor - 1][2])

    @property
    def is_done(self) -> bool:
        return self.selesai is not None

    @property
    def kode_wilayah(self) -> str:
        return self.tipp.wilayah_id

    def get_absolute_url(self):
        return reverse("tipp:langkah", args=[self.pk])


class JenisBukti(models.TextChoices):
    SK = "sk", _("SK")
    BERITA_ACARA = "berita_acara", _("Berita acara")
    NOTULEN = "notulen", _("Notulen")
    FOTO = "foto", _("Foto")
    LAIN = "lain", _("Lainnya")


def bukti_path(instance, filename):
    """Upload path of the former BuktiLangkah file field (named by migration 0001 only)."""
    return f"tipp/bukti/{instance.langkah.tipp.wilayah_id}/{filename}"


class BuktiLangkah(models.Model):
    """Evidence of a step (SK, berita acara), checked by plpbk.common.uploads before saving."""

    langkah = models.ForeignKey(LangkahTIPP, verbose_name=_("langkah"), on_delete=models.CASCADE, related_name="bukti")
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisBukti.choices)
    berkas = models.OneToOneField(
        "kelurahan.Berkas", verbose_name=_("berkas"), on_delete=models.PROTECT, related_name="bukti_langkah"
    )
    keterangan = models.CharField(_("keterangan"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = BuktiQuerySet.as_manager()

    class Meta:
        verbose_name = _("bukti langkah")
        verbose_name_plural = _("bukti langkah")
        ordering = ["langkah", "id"]

    def __str__(self):
        return f"{self.get_jenis_display()}: {self.berkas.nama_asli}"

    @property
    def kode_wilayah(self) -> str:
        return self.langkah.tipp.wilayah_id


class AsalAnggota(models.TextChoices):
    BKM = "bkm", _("BKM")
    PERANGKAT = "perangkat", _("Perangkat kelurahan/desa")
    PEMDA = "pemda", _("Staf teknis Pemda")
    RELAWAN = "relawan", _("Relawan")
    KELOMPOK_PEDULI = "kelompok_peduli", _("Kelompok peduli")


class AnggotaTIPP(Berversi):
    tipp = models.ForeignKey(TIPP, verbose_name=_("TIPP"), on_delete=models.CASCADE, related_name="anggota")
    orang = models.ForeignKey(Orang, verbose_name=_("orang"), on_delete=models.PROTECT, related_name="anggota_tipp")
    asal = models.CharField(_("asal"), max_length=20, choices=AsalAnggota.choices)
    peran = models.CharField(_("peran dalam tim"), max_length=100, default="Anggota")
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"), null=True, blank=True)
    history = HistoricalRecords()

    objects = AnggotaQuerySet.as_manager()

    class Meta:
        verbose_name = _("anggota TIPP")
        verbose_name_plural = _("anggota TIPP")
        ordering = ["tipp", "asal", "orang__nama"]
        constraints = [models.UniqueConstraint(fields=["tipp", "orang"], name="tipp_anggota_unik")]

    def __str__(self):
        return f"{self.orang} ({self.get_asal_display()})"

    @property
    def kode_wilayah(self) -> str:
        return self.tipp.wilayah_id

    def clean(self):
        if self.selesai and self.mulai and self.selesai < self.mulai:
            raise ValidationError({"selesai": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})


class Pokja(Berversi):
    """A working group (e.g. Pokja ND) formed through FGDs in the KBK and then an election."""

    tipp = models.ForeignKey(TIPP, verbose_name=_("TIPP"), on_delete=models.CASCADE, related_name="pokja")
    nama = models.CharField(_("nama"), max_length=100, help_text=_("Mis. Pokja ND"))
    tugas = models.TextField(_("tugas"), blank=True)
    history = HistoricalRecords()

    objects = PokjaQuerySet.as_manager()

    class Meta:
        verbose_name = _("pokja")
        verbose_name_plural = _("pokja")
        ordering = ["tipp", "nama"]
        constraints = [models.UniqueConstraint(fields=["tipp", "nama"], name="tipp_pokja_unik")]

    def __str__(self):
        return self.nama

    @property
    def kode_wilayah(self) -> str:
        return self.tipp.wilayah_id

    def get_absolute_url(self):
        return reverse("tipp:pokja", args=[self.pk])


class FGD(Berversi):
    """A focused group discussion in a community base group (KBK) and the criteria it agreed."""

    pokja = models.ForeignKey(Pokja, verbose_name=_("pokja"), on_delete=models.CASCADE, related_name="fgd")
    pertemuan = models.OneToOneField(
        Pertemuan, verbose_name=_("pertemuan"), on_delete=models.PROTECT, related_name="fgd"
    )
    kbk = models.CharField(_("KBK"), max_length=150, help_text=_("Kelompok belajar/basis komunitas tempat FGD."))
    kriteria = models.TextField(_("kriteria yang disepakati"), help_text=_("Satu kriteria per baris."))
    history = HistoricalRecords()

    objects = FGDQuerySet.as_manager()

    class Meta:
        verbose_name = _("FGD")
        verbose_name_plural = _("FGD")
        ordering = ["pokja", "pertemuan__tanggal", "pk"]

    def __str__(self):
        return f"FGD {self.kbk}"

    @property
    def daftar_kriteria(self) -> list[str]:
        return [line.strip() for line in self.kriteria.splitlines() if line.strip()]

    @property
    def kode_wilayah(self) -> str:
        return self.pertemuan.wilayah_id


class Pemilihan(Berversi):
    """The election of a Pokja's members at a meeting, by the criteria the FGDs agreed.
    The result is computed from the votes (see tipp.election), never typed."""

    pokja = models.OneToOneField(Pokja, verbose_name=_("pokja"), on_delete=models.CASCADE, related_name="pemilihan")
    pertemuan = models.OneToOneField(
        Pertemuan, verbose_name=_("pertemuan"), on_delete=models.PROTECT, related_name="pemilihan"
    )
    kriteria = models.TextField(_("kriteria yang berlaku"), help_text=_("Satu kriteria per baris."))
    kursi = models.PositiveSmallIntegerField(_("jumlah kursi"), validators=[MinValueValidator(1)])
    kursi_perempuan_min = models.PositiveSmallIntegerField(
        _("kursi perempuan paling sedikit"),
        null=True,
        blank=True,
        help_text=_("Kosongkan bila tidak ada aturan kursi perempuan."),
    )
    history = HistoricalRecords()

    objects = PemilihanQuerySet.as_manager()

    class Meta:
        verbose_name = _("pemilihan")
        verbose_name_plural = _("pemilihan")

    def __str__(self):
        return str(_("Pemilihan %(p)s") % {"p": self.pokja})

    @property
    def daftar_kriteria(self) -> list[str]:
        return [line.strip() for line in self.kriteria.splitlines() if line.strip()]

    @property
    def kode_wilayah(self) -> str:
        return self.pertemuan.wilayah_id

    def get_absolute_url(self):
        return reverse("tipp:pokja", args=[self.pokja_id])

    def clean(self):
        if self.kursi_perempuan_min is not None and self.kursi and self.kursi_perempuan_min > self.kursi:
            raise ValidationError({"kursi_perempuan_min": _("Kursi perempuan tidak boleh melebihi jumlah kursi.")})


class Pemilih(models.Model):
    """A voter: always one attendance row of the election meeting."""

    pemilihan = models.ForeignKey(Pemilihan, on_delete=models.CASCADE, related_name="pemilih")
    kehadiran = models.OneToOneField(Kehadiran, on_delete=models.CASCADE, related_name="pemilih")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pemilih")
        verbose_name_plural = _("pemilih")

    def __str__(self):
        return str(self.kehadiran_id)


class Kandidat(models.Model):
    pemilihan = models.ForeignKey(
        Pemilihan, verbose_name=_("pemilihan"), on_delete=models.CASCADE, related_name="kandidat"
    )
    orang = models.ForeignKey(Orang, verbose_name=_("orang"), on_delete=models.PROTECT, related_name="kandidat_pokja")
    memenuhi_kriteria = models.BooleanField(_("memenuhi kriteria"), default=True)
    suara = models.PositiveIntegerField(_("suara"), default=0)
    history = HistoricalRecords()

    objects = KandidatQuerySet.as_manager()

    class Meta:
        verbose_name = _("kandidat")
        verbose_name_plural = _("kandidat")
        ordering = ["pemilihan", "orang__nama"]
        constraints = [models.UniqueConstraint(fields=["pemilihan", "orang"], name="tipp_kandidat_unik")]

    def __str__(self):
        return self.orang.nama

    @property
    def kode_wilayah(self) -> str:
        return self.pemilihan.pertemuan.wilayah_id


class TahapKegiatan(models.TextChoices):
    PERSIAPAN = "persiapan", _("Persiapan")
    PEMETAAN = "pemetaan", _("Pemetaan swadaya")
    RPLP = "rplp", _("Penyusunan RPLP")
    RTPLP = "rtplp", _("Penyusunan RTPLP")
    ATURAN = "aturan", _("Aturan bersama")
    PEMASARAN = "pemasaran", _("Pemasaran")
    LAIN = "lain", _("Lainnya")


TAHAP_URUTAN = {value: i for i, value in enumerate(TahapKegiatan.values)}


class RencanaKerja(Berversi):
    """The TIPP work plan of a kelurahan; approving it freezes a baseline of every activity."""

    wilayah = models.OneToOneField(
        Wilayah, verbose_name=_("kelurahan/desa"), on_delete=models.PROTECT, related_name="rencana_kerja"
    )
    disetujui = models.DateField(_("disetujui pada"), null=True, blank=True)
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    history = HistoricalRecords()

    objects = RencanaKerjaQuerySet.as_manager()

    class Meta:
        verbose_name = _("rencana kerja TIPP")
        verbose_name_plural = _("rencana kerja TIPP")
        ordering = ["wilayah"]

    def __str__(self):
        return str(_("Rencana kerja %(w)s") % {"w": self.wilayah.label})

    @property
    def is_approved(self) -> bool:
        return self.disetujui is not None

    @property
    def kode_wilayah(self) -> str:
        return self.wilayah_id

    def get_absolute_url(self):
        return reverse("tipp:rencana", args=[self.wilayah_id])


class Kegiatan(Berversi):
    """One activity of the plan: planned values (editable), their baseline copy (frozen on
    approval) and the actual start/finish/progress (updated afterwards)."""

    rencana = models.ForeignKey(
        RencanaKerja, verbose_name=_("rencana kerja"), on_delete=models.CASCADE, related_name="kegiatan"
    )
    tahap = models.CharField(_("tahap"), max_length=20, choices=TahapKegiatan.choices)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    nama = models.CharField(_("kegiatan"), max_length=200)
    mulai = models.DateField(_("mulai (rencana)"))
    durasi = models.PositiveSmallIntegerField(
        _("durasi (hari)"), validators=[MinValueValidator(1), MaxValueValidator(1825)]
    )
    volume = models.DecimalField(_("volume"), max_digits=12, decimal_places=2, default=1)
    satuan = models.CharField(_("satuan"), max_length=30)
    penanggung_jawab = models.CharField(_("penanggung jawab"), max_length=150)
    baseline_mulai = models.DateField(_("mulai (baseline)"), null=True, blank=True, editable=False)
    baseline_durasi = models.PositiveSmallIntegerField(_("durasi (baseline)"), null=True, blank=True, editable=False)
    baseline_volume = models.DecimalField(
        _("volume (baseline)"), max_digits=12, decimal_places=2, null=True, blank=True, editable=False
    )
    mulai_aktual = models.DateField(_("mulai (aktual)"), null=True, blank=True)
    selesai_aktual = models.DateField(_("selesai (aktual)"), null=True, blank=True)
    progres = models.PositiveSmallIntegerField(_("progres (%)"), default=0, validators=[MaxValueValidator(100)])
    history = HistoricalRecords()

    objects = KegiatanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")
        ordering = ["rencana", "urutan", "mulai", "pk"]

    def __str__(self):
        return self.nama

    @property
    def selesai(self) -> datetime.date:
        """Planned last day (inclusive)."""
        return self.mulai + datetime.timedelta(days=self.durasi - 1)

    @property
    def baseline_selesai(self) -> datetime.date | None:
        if self.baseline_mulai is None or self.baseline_durasi is None:
            return None
        return self.baseline_mulai + datetime.timedelta(days=self.baseline_durasi - 1)

    @property
    def kode_wilayah(self) -> str:
        return self.rencana.wilayah_id

    def rencana_persen(self, pada: datetime.date, baseline: bool = True) -> float:
        """Share of this activity planned done by the end of day `pada` (0-100, linear)."""
        mulai = self.baseline_mulai if baseline and self.baseline_mulai else self.mulai
        durasi = self.baseline_durasi if baseline and self.baseline_durasi else self.durasi
        hari = (pada - mulai).days + 1
        return max(0.0, min(100.0, 100.0 * hari / durasi))

    def clean(self):
        if self.selesai_aktual and self.mulai_aktual and self.selesai_aktual < self.mulai_aktual:
            raise ValidationError(
                {"selesai_aktual": _("Tanggal selesai aktual tidak boleh sebelum tanggal mulai aktual.")}
            )


class ProgresKegiatan(models.Model):
    """A progress report of an activity on a date; the actual S-curve is read from these."""

    kegiatan = models.ForeignKey(Kegiatan, verbose_name=_("kegiatan"), on_delete=models.CASCADE, related_name="laporan")
    tanggal = models.DateField(_("tanggal laporan"))
    persen = models.PositiveSmallIntegerField(_("progres (%)"), validators=[MaxValueValidator(100)])
    catatan = models.CharField(_("catatan"), max_length=300, blank=True)
    dilaporkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("laporan progres")
        verbose_name_plural = _("laporan progres")
        ordering = ["kegiatan", "tanggal", "pk"]

    def __str__(self):
        return f"{self.kegiatan}: {self.persen}% ({self.tanggal})"


from .models_dokumen import (  # noqa: E402, F401  (the planning documents, kept apart)
    DokumenPerencanaan,
    JejakDokumen,
    JenisDasarHukum,
    JenisDokumen,
    KonsultasiDokumen,
    StatusDokumen,
)
