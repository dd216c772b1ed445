"""The shared core: where (Wilayah), who (Lembaga, Orang, Jabatan), who came (Pertemuan,
Kehadiran), and who may see what (Akses)."""

import secrets
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .konflik import Berversi
from .models_berkas import Berkas, berkas_path  # noqa: F401  (uploaded files, kept apart; migrations name berkas_path here)
from .querysets import (
    AksesQuerySet,
    KehadiranQuerySet,
    LampiranQuerySet,
    LembagaQuerySet,
    LokasiProgramQuerySet,
    OrangQuerySet,
    PertemuanQuerySet,
    WilayahQuerySet,
)

KODE_PATTERN = r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$"


class Tingkat(models.IntegerChoices):
    PROVINSI = 1, _("Provinsi")
    KABKOTA = 2, _("Kabupaten/Kota")
    KECAMATAN = 3, _("Kecamatan")
    KELURAHAN = 4, _("Kelurahan/Desa")


def tingkat_dari_kode(kode: str) -> int:
    return kode.count(".") + 1


class Wilayah(Berversi):
    """A region; its Kemendagri code is both the key and the path (`32.04.05.2004`)."""

    kode = models.CharField(
        _("kode"),
        max_length=13,
        primary_key=True,
        validators=[RegexValidator(KODE_PATTERN, _("Kode wilayah harus berbentuk PP.KK.CC.DDDD."))],
    )
    nama = models.CharField(_("nama"), max_length=100)
    tingkat = models.PositiveSmallIntegerField(_("tingkat"), choices=Tingkat.choices, db_index=True)
    induk = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="anak",
    )
    kode_bps = models.CharField(_("kode BPS"), max_length=10, blank=True)
    #: kelurahan/desa in the official list at or below this region (1 for a kelurahan), kept
    #: by kelurahan.signals and import_wilayah so a national dashboard need not count 83,762 rows
    jumlah_kelurahan = models.PositiveIntegerField(_("jumlah kelurahan/desa"), default=0, editable=False)

    objects = WilayahQuerySet.as_manager()

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["kode"]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("kelurahan:wilayah", args=[self.kode])

    @property
    def jenis(self) -> str:
        """The kind the programme writes before the name: Provinsi, Kabupaten, Kota, Kecamatan,
        Kelurahan, Desa (a kabupaten/kota's name already carries its kind)."""
        if self.tingkat == Tingkat.PROVINSI:
            return str(_("Provinsi"))
        if self.tingkat == Tingkat.KABKOTA:
            return str(_("Kota")) if int(self.kode[3:5]) >= 71 else str(_("Kabupaten"))
        if self.tingkat == Tingkat.KECAMATAN:
            return str(_("Kecamatan"))
        return str(_("Kelurahan")) if self.kode[9] == "1" else str(_("Desa"))

    @property
    def label(self) -> str:
        if self.tingkat == Tingkat.KABKOTA:
            return self.nama
        return f"{self.jenis} {self.nama}"

    @property
    def is_kelurahan(self) -> bool:
        return self.tingkat == Tingkat.KELURAHAN

    def kode_leluhur(self) -> list[str]:
        """Codes of the ancestors, top first: 32.04.05.2004 -> [32, 32.04, 32.04.05]."""
        parts = self.kode.split(".")
        return [".".join(parts[:i]) for i in range(1, len(parts))]

    def jalur(self) -> list["Wilayah"]:
        """This region and its ancestors, top first, in one query."""
        return list(Wilayah.objects.filter(kode__in=[*self.kode_leluhur(), self.kode]).order_by("tingkat"))

    def contains(self, kode: str) -> bool:
        return kode == self.kode or kode.startswith(self.kode + ".")


class LokasiProgram(Berversi):
    """A kelurahan/desa taken into PLP-BK in a programme year (its cohort)."""

    wilayah = models.OneToOneField(
        Wilayah, verbose_name=_("kelurahan/desa"), on_delete=models.PROTECT, related_name="lokasi_program"
    )
    tahun = models.PositiveSmallIntegerField(_("tahun program"))
    angkatan = models.CharField(_("angkatan"), max_length=40, blank=True)
    history = HistoricalRecords()

    objects = LokasiProgramQuerySet.as_manager()

    class Meta:
        verbose_name = _("lokasi program")
        verbose_name_plural = _("lokasi program")
        ordering = ["wilayah"]

    def __str__(self):
        return f"{self.wilayah} ({self.tahun})"

    def clean(self):
        if self.wilayah_id and tingkat_dari_kode(self.wilayah_id) != Tingkat.KELURAHAN:
            raise ValidationError({"wilayah": _("Lokasi program harus kelurahan/desa.")})


class JenisLembaga(models.TextChoices):
    SATKER = "satker", _("Satker/SNVT PBL")
    TKPP = "tkpp", _("TKPP")
    TKPKD = "tkpkd", _("TKPKD")
    KMP = "kmp", _("KMP")
    KMW = "kmw", _("KMW")
    KORKOT = "korkot", _("Korkot/Askot")
    TIM_TEKNIS = "tim_teknis", _("Tim Teknis/Dinas")
    PJOK = "pjok", _("PJOK")
    CAMAT = "camat", _("Camat")
    FASILITATOR = "fasilitator", _("Fasilitator")
    BKM = "bkm", _("BKM/LKM")
    PERANGKAT = "perangkat", _("Perangkat kelurahan/desa")
    TIPP = "tipp", _("TIPP")
    POKJA = "pokja", _("Pokja")
    KSM = "ksm", _("KSM")
    KELOMPOK_PEDULI = "kelompok_peduli", _("Kelompok Peduli")


# Levels a body may be attached to; None stands for the national level (no region).
TINGKAT_LEMBAGA: dict[str, set[int | None]] = {
    JenisLembaga.SATKER: {Tingkat.PROVINSI},
    JenisLembaga.TKPP: {Tingkat.PROVINSI, Tingkat.KABKOTA},
    JenisLembaga.TKPKD: {Tingkat.PROVINSI, Tingkat.KABKOTA},
    JenisLembaga.KMP: {None},
    JenisLembaga.KMW: {Tingkat.PROVINSI},
    JenisLembaga.KORKOT: {Tingkat.KABKOTA},
    JenisLembaga.TIM_TEKNIS: {Tingkat.KABKOTA},
    JenisLembaga.PJOK: {Tingkat.KECAMATAN},
    JenisLembaga.CAMAT: {Tingkat.KECAMATAN},
    JenisLembaga.FASILITATOR: {Tingkat.KELURAHAN, Tingkat.KECAMATAN},
    JenisLembaga.BKM: {Tingkat.KELURAHAN},
    JenisLembaga.PERANGKAT: {Tingkat.KELURAHAN},
    JenisLembaga.TIPP: {Tingkat.KELURAHAN},
    JenisLembaga.POKJA: {Tingkat.KELURAHAN},
    JenisLembaga.KSM: {Tingkat.KELURAHAN},
    JenisLembaga.KELOMPOK_PEDULI: {
        None,
        Tingkat.PROVINSI,
        Tingkat.KABKOTA,
        Tingkat.KECAMATAN,
        Tingkat.KELURAHAN,
    },
}


class Lembaga(Berversi):
    """An actor body of the programme (BKM, PJOK, TKPP, Pokja …) attached to a region."""

    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisLembaga.choices)
    nama = models.CharField(_("nama"), max_length=200)
    wilayah = models.ForeignKey(
        Wilayah,
        verbose_name=_("wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lembaga",
        help_text=_("Kosong untuk lembaga tingkat nasional."),
    )
    keterangan = models.TextField(_("keterangan"), blank=True)
    history = HistoricalRecords()

    objects = LembagaQuerySet.as_manager()

    class Meta:
        verbose_name = _("lembaga")
        verbose_name_plural = _("lembaga")
        ordering = ["jenis", "nama"]

    def __str__(self):
        return self.nama

    def clean(self):
        allowed = TINGKAT_LEMBAGA.get(self.jenis, set())
        tingkat = tingkat_dari_kode(self.wilayah_id) if self.wilayah_id else None
        if tingkat not in allowed:
            raise ValidationError(
                {
                    "wilayah": _("%(jenis)s tidak dapat dilekatkan pada tingkat wilayah ini.")
                    % {"jenis": self.get_jenis_display()}
                }
            )


class JenisKelamin(models.TextChoices):
    L = "L", _("Laki-laki")
    P = "P", _("Perempuan")


class Orang(Berversi):
    """A person: a resident, a board member, an official. Personal data (disability,
    poverty) stays on the person; attendance rows copy what the paper list said."""

    nama = models.CharField(_("nama"), max_length=150)
    jenis_kelamin = models.CharField(_("jenis kelamin"), max_length=1, choices=JenisKelamin.choices)
    disabilitas = models.BooleanField(_("penyandang disabilitas"), default=False)
    miskin = models.BooleanField(_("warga miskin (MBR)"), default=False)
    telepon = models.CharField(_("telepon"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    alamat = models.CharField(_("alamat"), max_length=200, blank=True)
    rt = models.CharField(_("RT"), max_length=3, blank=True)
    rw = models.CharField(_("RW"), max_length=3, blank=True)
    wilayah = models.ForeignKey(
        Wilayah, verbose_name=_("wilayah domisili"), on_delete=models.PROTECT, related_name="orang"
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    history = HistoricalRecords()

    objects = OrangQuerySet.as_manager()

    class Meta:
        verbose_name = _("orang")
        verbose_name_plural = _("orang")
        ordering = ["nama"]
        indexes = [models.Index(fields=["wilayah", "nama"])]

    def __str__(self):
        return self.nama

    @property
    def rt_rw(self) -> str:
        if self.rt or self.rw:
            return f"{self.rt or '-'}/{self.rw or '-'}"
        return ""


class Jabatan(models.Model):
    """A person's position in a body for a period (Ketua BKM 2011–2014)."""

    orang = models.ForeignKey(Orang, verbose_name=_("orang"), on_delete=models.CASCADE, related_name="jabatan")
    lembaga = models.ForeignKey(Lembaga, verbose_name=_("lembaga"), on_delete=models.CASCADE, related_name="jabatan")
    jabatan = models.CharField(_("jabatan"), max_length=100)
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["lembaga", "-mulai"]

    def __str__(self):
        return f"{self.jabatan} {self.lembaga}: {self.orang}"

    def clean(self):
        if self.selesai and self.mulai and self.selesai < self.mulai:
            raise ValidationError({"selesai": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})


class JenisPertemuan(models.TextChoices):
    LOKAKARYA = "lokakarya", _("Lokakarya")
    SOSIALISASI = "sosialisasi", _("Sosialisasi/rembug warga")
    TIPP = "tipp", _("Pembentukan TIPP")
    FGD = "fgd", _("FGD")
    PEMILIHAN = "pemilihan", _("Pemilihan")
    LAIN = "lain", _("Lainnya")


class StatusPertemuan(models.TextChoices):
    DRAF = "draf", _("Draf")
    DITUTUP = "ditutup", _("Ditutup")
    DIVERIFIKASI = "diverifikasi", _("Diverifikasi")


class Pertemuan(Berversi):
    """Any meeting of the programme. Each app links its own record one-to-one to it; the
    counters are kept by kelurahan.services only, in the same transaction as the rows."""

    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisPertemuan.choices)
    judul = models.CharField(_("judul"), max_length=200)
    wilayah = models.ForeignKey(Wilayah, verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="pertemuan")
    tanggal = models.DateField(_("tanggal"))
    mulai = models.TimeField(_("jam mulai"), null=True, blank=True)
    selesai = models.TimeField(_("jam selesai"), null=True, blank=True)
    tempat = models.CharField(_("tempat"), max_length=200, blank=True)
    notulen = models.TextField(_("notulen"), blank=True)
    jumlah_l = models.PositiveIntegerField(_("laki-laki"), default=0, editable=False)
    jumlah_p = models.PositiveIntegerField(_("perempuan"), default=0, editable=False)
    jumlah_disabilitas = models.PositiveIntegerField(_("disabilitas"), default=0, editable=False)
    jumlah_miskin = models.PositiveIntegerField(_("warga miskin"), default=0, editable=False)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    diubah = models.DateTimeField(_("diubah"), auto_now=True)
    # the record lifecycle (kelurahan.siklus writes these, nothing else)
    status = models.CharField(
        _("status"), max_length=20, choices=StatusPertemuan.choices, default=StatusPertemuan.DRAF, editable=False
    )
    revisi = models.PositiveIntegerField(_("revisi"), default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["diubah"])

    objects = PertemuanQuerySet.as_manager()

    class Meta:
        verbose_name = _("pertemuan")
        verbose_name_plural = _("pertemuan")
        ordering = ["-tanggal", "-id"]
        indexes = [
            models.Index(fields=["wilayah", "tanggal"]),
            # the meetings waiting for verification (home and region counters) without a scan
            models.Index(
                fields=["wilayah"], condition=models.Q(status="ditutup"), name="pertemuan_menunggu_verifikasi"
            ),
        ]

    def __str__(self):
        return f"{self.judul} ({self.tanggal:%d-%m-%Y})"

    @property
    def jumlah_hadir(self) -> int:
        return self.jumlah_l + self.jumlah_p

    @property
    def persen_perempuan(self) -> float | None:
        """Share of women in percent, or None for an empty meeting."""
        total = self.jumlah_hadir
        return None if total == 0 else 100 * self.jumlah_p / total

    def get_absolute_url(self):
        return reverse("kelurahan:kehadiran", args=[self.pk])

    @property
    def terbuka(self) -> bool:
        return self.status == StatusPertemuan.DRAF

    def pastikan_terbuka(self) -> None:
        """The one guard every writer of a meeting (attendance, the apps' forms) calls first."""
        if not self.terbuka:
            raise ValidationError(
                _(
                    "Pertemuan sudah ditutup (%(status)s); daftar hadir dan isiannya tidak dapat diubah. "
                    "Buka kembali untuk mengoreksi."
                )
                % {"status": self.get_status_display().lower()}
            )


class Kehadiran(models.Model):
    """One row of a daftar hadir, as the paper list says it on the day."""

    pertemuan = models.ForeignKey(
        Pertemuan, verbose_name=_("pertemuan"), on_delete=models.CASCADE, related_name="kehadiran"
    )
    orang = models.ForeignKey(Orang, verbose_name=_("orang"), on_delete=models.PROTECT, related_name="kehadiran")
    urutan = models.PositiveIntegerField(_("no"))
    nama = models.CharField(_("nama"), max_length=150)
    jenis_kelamin = models.CharField(_("L/P"), max_length=1, choices=JenisKelamin.choices)
    unsur = models.CharField(_("unsur/jabatan"), max_length=100, blank=True)
    alamat = models.CharField(_("alamat"), max_length=200, blank=True)
    rt = models.CharField(_("RT"), max_length=3, blank=True)
    rw = models.CharField(_("RW"), max_length=3, blank=True)
    miskin = models.BooleanField(_("warga miskin"), default=False)
    disabilitas = models.BooleanField(_("disabilitas"), default=False)
    kunci = models.UUIDField(
        _("kunci entri"),
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("Dibuat oleh perangkat saat baris diketik; kiriman ulang baris yang sama tidak menambah baris."),
    )
    history = HistoricalRecords()

    objects = KehadiranQuerySet.as_manager()

    class Meta:
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        ordering = ["pertemuan", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["pertemuan", "orang"], name="kehadiran_satu_orang_sekali"),
        ]

    def __str__(self):
        return f"{self.urutan}. {self.nama}"

    @property
    def rt_rw(self) -> str:
        if self.rt or self.rw:
            return f"{self.rt or '-'}/{self.rw or '-'}"
        return ""


class Peran(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    SATKER = "satker", _("Satker/SNVT PBL")
    # the stored code stays "pemda": the team is the Pemda's TKPP, and accounts keep their value
    PEMDA = "pemda", _("TKPP (Pemda)")
    KMW = "kmw", _("KMW")
    KORKOT = "korkot", _("Korkot/Askot")
    PPK = "ppk", _("PPK")
    PJOK = "pjok", _("PJOK")
    FASILITATOR = "fasilitator", _("Fasilitator")
    BKM = "bkm", _("BKM")


TINGKAT_PERAN: dict[str, set[int | None]] = {
    Peran.ADMIN: {None, Tingkat.PROVINSI, Tingkat.KABKOTA},
    Peran.SATKER: {Tingkat.PROVINSI},
    Peran.PEMDA: {Tingkat.PROVINSI, Tingkat.KABKOTA},
    Peran.KMW: {Tingkat.PROVINSI},
    Peran.KORKOT: {Tingkat.KABKOTA},
    Peran.PPK: {Tingkat.PROVINSI, Tingkat.KABKOTA},
    Peran.PJOK: {Tingkat.KECAMATAN},
    Peran.FASILITATOR: {Tingkat.KECAMATAN, Tingkat.KELURAHAN},
    Peran.BKM: {Tingkat.KELURAHAN},
}


class Akses(Berversi):
    """A user's role in a region (and everything below it). National when no region."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pengguna"), on_delete=models.CASCADE, related_name="akses"
    )
    peran = models.CharField(_("peran"), max_length=20, choices=Peran.choices)
    wilayah = models.ForeignKey(
        Wilayah,
        verbose_name=_("wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="akses",
        help_text=_("Kosong berarti seluruh Indonesia (hanya administrator)."),
    )
    orang = models.ForeignKey(
        Orang, verbose_name=_("orang"), null=True, blank=True, on_delete=models.SET_NULL, related_name="akses"
    )
    history = HistoricalRecords()

    objects = AksesQuerySet.as_manager()

    class Meta:
        verbose_name = _("akses")
        verbose_name_plural = _("akses")
        ordering = ["user", "peran"]
        constraints = [models.UniqueConstraint(fields=["user", "peran", "wilayah"], name="akses_unik")]

    def __str__(self):
        return f"{self.get_peran_display()} — {self.wilayah or _('Nasional')}"

    def clean(self):
        tingkat = tingkat_dari_kode(self.wilayah_id) if self.wilayah_id else None
        if tingkat not in TINGKAT_PERAN.get(self.peran, set()):
            raise ValidationError({"wilayah": _("Peran ini tidak berlaku pada tingkat wilayah tersebut.")})


class JenisLampiran(models.TextChoices):
    FOTO = "foto", _("Foto kegiatan")
    DAFTAR_HADIR = "daftar_hadir", _("Pindaian daftar hadir")
    LAIN = "lain", _("Lainnya")


def lampiran_path(instance, filename: str) -> str:
    """Upload path of the former Lampiran file field (named by migration 0002 only)."""
    suffix = PurePath(filename).suffix.lower()[:6]
    return f"lampiran/{instance.pertemuan_id}/{secrets.token_hex(8)}{suffix}"


class Lampiran(models.Model):
    """A file attached to a meeting: a photo, the scanned paper list, another document.
    Shared by every app that uses Pertemuan; the file itself is a Berkas."""

    pertemuan = models.ForeignKey(
        Pertemuan, verbose_name=_("pertemuan"), on_delete=models.CASCADE, related_name="lampiran"
    )
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisLampiran.choices, default=JenisLampiran.FOTO)
    berkas = models.OneToOneField(Berkas, verbose_name=_("berkas"), on_delete=models.PROTECT, related_name="lampiran")
    keterangan = models.CharField(_("keterangan"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = LampiranQuerySet.as_manager()

    class Meta:
        verbose_name = _("lampiran")
        verbose_name_plural = _("lampiran")
        ordering = ["pertemuan", "jenis", "id"]

    def __str__(self):
        return self.keterangan or self.get_jenis_display()

    @property
    def kode_wilayah(self) -> str:
        return self.pertemuan.wilayah_id

    @property
    def kapabilitas_berkas(self) -> str:
        """A scanned daftar hadir shows who is poor or disabled: only roles holding
        "data_pribadi" may open it."""
        return "data_pribadi" if self.jenis == JenisLampiran.DAFTAR_HADIR else "view"

    @property
    def is_image(self) -> bool:
        return self.berkas.is_image

    @property
    def file_uri(self) -> str:
        return self.berkas.file_uri


from .models_akun import WajibGantiSandi  # noqa: E402, F401  (an account's forced password change)
from .models_profil import ANGKA, ProfilKelurahan  # noqa: E402, F401  (the kelurahan profile per year)
from .models_siklus import AksiSiklus, JejakPertemuan  # noqa: E402, F401  (the lifecycle trail, kept apart)
from .models_tugas import PratinjauImpor, StatusTugas, Tugas  # noqa: E402, F401  (jobs and previews, kept apart)
