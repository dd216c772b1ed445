"""After BLM reaches the BKM: the community groups (KSM) that carry out the works, their
proposals (usulan kegiatan) tied to the approved work plan's activities, the BKM's
disbursements to them per tahap, progress reports with photos, and the berita acara of
inspection and handover to a maintenance group (KPP).

Money is whole Rupiah. The totals the dashboard sums (a proposal's `dicairkan`, `progres`,
`dana_terpakai`) are kept on the proposal by blm.services_ksm under the allocation's row lock,
with constraints refusing an impossible state (more disbursed than approved).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kelurahan.konflik import Berversi
from kelurahan.models import Orang, Wilayah

from .querysets_ksm import (
    AnggotaKsmQuerySet,
    BeritaAcaraQuerySet,
    FotoQuerySet,
    KsmQuerySet,
    LaporanQuerySet,
    PencairanQuerySet,
    UsulanQuerySet,
)


class KSM(Berversi):
    """A community group (Kelompok Swadaya Masyarakat) of a kelurahan, formed in a rembug
    (a shared Pertemuan whose attendance is the shared entry) and set by the BKM's decree."""

    wilayah = models.ForeignKey(Wilayah, verbose_name=_("kelurahan/desa"), on_delete=models.PROTECT, related_name="ksm")
    nama = models.CharField(_("nama KSM"), max_length=150)
    alamat = models.CharField(_("alamat sekretariat"), max_length=200, blank=True)
    dibentuk = models.DateField(_("tanggal dibentuk"))
    ketua = models.ForeignKey(
        Orang, verbose_name=_("ketua"), null=True, blank=True, on_delete=models.PROTECT, related_name="ketua_ksm"
    )
    pertemuan = models.OneToOneField(
        "kelurahan.Pertemuan",
        verbose_name=_("rembug pembentukan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ksm",
    )
    nomor_sk = models.CharField(_("nomor SK BKM"), max_length=100, blank=True)
    sk = models.OneToOneField(
        "kelurahan.Berkas",
        verbose_name=_("SK BKM (pindaian)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sk_ksm",
    )
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    history = HistoricalRecords()

    objects = KsmQuerySet.as_manager()

    class Meta:
        verbose_name = _("KSM")
        verbose_name_plural = _("KSM")
        ordering = ["wilayah", "nama"]
        constraints = [models.UniqueConstraint(fields=["wilayah", "nama"], name="blm_ksm_nama_unik")]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("blm:ksm", args=[self.pk])

    @property
    def kode_wilayah(self) -> str:
        return self.wilayah_id

    def komposisi(self) -> dict[str, int]:
        """Members by sex, poor and disabled, read from the person records (one query)."""
        from django.db.models import Count

        return self.anggota.aggregate(
            jumlah=Count("pk"),
            laki_laki=Count("pk", filter=Q(orang__jenis_kelamin="L")),
            perempuan=Count("pk", filter=Q(orang__jenis_kelamin="P")),
            miskin=Count("pk", filter=Q(orang__miskin=True)),
            disabilitas=Count("pk", filter=Q(orang__disabilitas=True)),
        )


class AnggotaKSM(models.Model):
    """A member of a KSM: a person of the shared register (sex, poor, disability live there)."""

    ksm = models.ForeignKey(KSM, verbose_name=_("KSM"), on_delete=models.CASCADE, related_name="anggota")
    orang = models.ForeignKey(Orang, verbose_name=_("orang"), on_delete=models.PROTECT, related_name="anggota_ksm")
    jabatan = models.CharField(_("jabatan dalam KSM"), max_length=60, default="Anggota")
    history = HistoricalRecords()

    objects = AnggotaKsmQuerySet.as_manager()

    class Meta:
        verbose_name = _("anggota KSM")
        verbose_name_plural = _("anggota KSM")
        ordering = ["ksm", "pk"]
        constraints = [models.UniqueConstraint(fields=["ksm", "orang"], name="blm_anggota_ksm_sekali")]

    def __str__(self):
        return f"{self.orang} ({self.jabatan})"


class StatusUsulan(models.TextChoices):
    DRAF = "draf", _("Draf (disusun BKM)")
    DIAJUKAN = "diajukan", _("Diverifikasi BKM, menunggu Fasilitator")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan untuk diperbaiki")
    DISETUJUI = "disetujui", _("Terverifikasi Fasilitator")


class UsulanKegiatan(Berversi):
    """A KSM's proposal for (part of) an activity of the approved work plan: volume, place,
    cost by source of funds and beneficiaries. Editable as a draft or when returned; the BKM
    verifies it by submitting it, the Fasilitator verifies it (then it is frozen) or returns it."""

    ksm = models.ForeignKey(KSM, verbose_name=_("KSM"), on_delete=models.PROTECT, related_name="usulan")
    wilayah = models.ForeignKey(Wilayah, on_delete=models.PROTECT, related_name="+", editable=False)
    alokasi = models.ForeignKey(
        "blm.AlokasiBLM", verbose_name=_("alokasi BLM"), on_delete=models.PROTECT, related_name="usulan_ksm"
    )
    kegiatan = models.ForeignKey(
        "tipp.Kegiatan", verbose_name=_("kegiatan rencana kerja"), on_delete=models.PROTECT, related_name="usulan_ksm"
    )
    nama = models.CharField(_("uraian pekerjaan"), max_length=200)
    volume = models.DecimalField(
        _("volume"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)], default=1
    )
    satuan = models.CharField(_("satuan"), max_length=30)
    rt = models.CharField(_("lokasi RT"), max_length=3, blank=True)
    rw = models.CharField(_("lokasi RW"), max_length=3)
    biaya_blm = models.BigIntegerField(_("dana BLM (Rp)"), default=0, validators=[MinValueValidator(0)])
    biaya_apbd = models.BigIntegerField(_("APBD (Rp)"), default=0, validators=[MinValueValidator(0)])
    biaya_swadaya = models.BigIntegerField(_("swadaya masyarakat (Rp)"), default=0, validators=[MinValueValidator(0)])
    biaya_lain = models.BigIntegerField(_("sumber lain/CSR (Rp)"), default=0, validators=[MinValueValidator(0)])
    penerima_jiwa = models.PositiveIntegerField(_("penerima manfaat (jiwa)"), default=0)
    penerima_perempuan = models.PositiveIntegerField(_("penerima manfaat perempuan"), default=0)
    penerima_miskin = models.PositiveIntegerField(_("penerima manfaat miskin"), default=0)
    penerima_kk = models.PositiveIntegerField(_("penerima manfaat (KK)"), default=0)
    penerima_kk_miskin = models.PositiveIntegerField(_("penerima manfaat KK miskin"), default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=StatusUsulan.choices, default=StatusUsulan.DRAF, editable=False
    )
    alasan = models.TextField(_("alasan pengembalian"), blank=True, editable=False)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    diajukan_pada = models.DateTimeField(_("diverifikasi BKM pada"), null=True, blank=True, editable=False)
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    diverifikasi_pada = models.DateTimeField(_("diverifikasi Fasilitator pada"), null=True, blank=True, editable=False)
    # kept by blm.services_ksm, under the allocation's lock
    dicairkan = models.BigIntegerField(_("sudah dicairkan (Rp)"), default=0, editable=False)
    progres = models.PositiveSmallIntegerField(_("progres fisik (%)"), default=0, editable=False)
    dana_terpakai = models.BigIntegerField(_("dana terpakai (Rp)"), default=0, editable=False)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    history = HistoricalRecords()

    objects = UsulanQuerySet.as_manager()

    SUMBER = ("biaya_blm", "biaya_apbd", "biaya_swadaya", "biaya_lain")

    class Meta:
        verbose_name = _("usulan kegiatan KSM")
        verbose_name_plural = _("usulan kegiatan KSM")
        ordering = ["ksm", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(biaya_blm__gte=0, biaya_apbd__gte=0, biaya_swadaya__gte=0, biaya_lain__gte=0),
                name="blm_usulan_biaya_tidak_negatif",
            ),
            models.CheckConstraint(
                condition=Q(penerima_perempuan__lte=F("penerima_jiwa"), penerima_miskin__lte=F("penerima_jiwa")),
                name="blm_usulan_penerima_wajar",
            ),
            models.CheckConstraint(
                condition=Q(penerima_kk_miskin__lte=F("penerima_kk")),
                name="blm_usulan_kk_miskin_wajar",
                violation_error_message=_("KK miskin penerima manfaat tidak boleh lebih dari jumlah KK."),
            ),
            models.CheckConstraint(
                condition=Q(dicairkan__gte=0, dicairkan__lte=F("biaya_blm")), name="blm_usulan_cair_tidak_lebih"
            ),
            models.CheckConstraint(condition=Q(progres__lte=100), name="blm_usulan_progres_wajar"),
        ]

    def __str__(self):
        return f"{self.nama} ({self.ksm})"

    def get_absolute_url(self):
        return reverse("blm:usulan", args=[self.pk])

    @property
    def kode_wilayah(self) -> str:
        return self.wilayah_id

    @property
    def jumlah_biaya(self) -> int:
        return sum(getattr(self, f) or 0 for f in self.SUMBER)

    @property
    def dapat_diubah(self) -> bool:
        return self.status in (StatusUsulan.DRAF, StatusUsulan.DIKEMBALIKAN)

    @property
    def sisa_cair(self) -> int:
        return self.biaya_blm - self.dicairkan

    @property
    def lokasi(self) -> str:
        return f"RT {self.rt or '-'} / RW {self.rw}"

    def rincian_sumber(self) -> list[tuple[str, int]]:
        return [(str(self._meta.get_field(f).verbose_name).replace(" (Rp)", ""), getattr(self, f)) for f in self.SUMBER]


class DapatDibatalkan(Berversi):
    """A record corrected through an edit page (versioned) or withdrawn ("dibatalkan") with a
    reason: a withdrawn record stays, with who withdrew it, when and why, and counts for
    nothing (totals, ceilings, the one-per-tahap and one-per-kind rules)."""

    dibatalkan_pada = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True, editable=False)
    dibatalkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    alasan_batal = models.TextField(_("alasan pembatalan"), blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def dibatalkan(self) -> bool:
        return self.dibatalkan_pada is not None


class PencairanKSM(DapatDibatalkan):
    """The BKM's transfer of BLM to a KSM for one tahap of a verified proposal, with its
    receipt; at most one per proposal and tahap (a database constraint)."""

    usulan = models.ForeignKey(
        UsulanKegiatan, verbose_name=_("usulan"), on_delete=models.PROTECT, related_name="pencairan"
    )
    alokasi = models.ForeignKey("blm.AlokasiBLM", on_delete=models.PROTECT, related_name="pencairan_ksm")
    wilayah = models.ForeignKey(Wilayah, on_delete=models.PROTECT, related_name="+")
    tahap = models.PositiveSmallIntegerField(_("tahap"), validators=[MinValueValidator(1), MaxValueValidator(10)])
    tanggal = models.DateField(_("tanggal pencairan"))
    jumlah = models.BigIntegerField(_("jumlah (Rp)"), validators=[MinValueValidator(1)])
    kuitansi = models.OneToOneField(
        "kelurahan.Berkas", verbose_name=_("kuitansi"), on_delete=models.PROTECT, related_name="pencairan_ksm"
    )
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dicatat_pada = models.DateTimeField(_("dicatat pada"), auto_now_add=True)
    history = HistoricalRecords()

    objects = PencairanQuerySet.as_manager()

    class Meta:
        verbose_name = _("pencairan BKM ke KSM")
        verbose_name_plural = _("pencairan BKM ke KSM")
        ordering = ["usulan", "tahap"]
        constraints = [
            models.UniqueConstraint(
                fields=["usulan", "tahap"],
                condition=Q(dibatalkan_pada__isnull=True),
                name="blm_pencairan_ksm_satu_per_tahap",
            ),
            models.CheckConstraint(condition=Q(jumlah__gt=0), name="blm_pencairan_ksm_positif"),
        ]

    def __str__(self):
        return _("Pencairan tahap %(n)s %(u)s") % {"n": self.tahap, "u": self.usulan}

    @property
    def kode_wilayah(self) -> str:
        return self.wilayah_id


class LaporanProgres(DapatDibatalkan):
    """A progress report of a proposal's works on a date: physical %, funds used so far,
    labour days (HOK) of men and women, problems met."""

    usulan = models.ForeignKey(
        UsulanKegiatan, verbose_name=_("usulan"), on_delete=models.PROTECT, related_name="laporan"
    )
    wilayah = models.ForeignKey(Wilayah, on_delete=models.PROTECT, related_name="+")
    tanggal = models.DateField(_("tanggal laporan"))
    persen = models.PositiveSmallIntegerField(_("progres fisik (%)"), validators=[MaxValueValidator(100)])
    dana_terpakai = models.BigIntegerField(_("dana terpakai s.d. tanggal ini (Rp)"), validators=[MinValueValidator(0)])
    hok_l = models.PositiveIntegerField(_("HOK laki-laki"), default=0)
    hok_p = models.PositiveIntegerField(_("HOK perempuan"), default=0)
    masalah = models.TextField(_("permasalahan"), blank=True)
    dilaporkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    dicatat_pada = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = LaporanQuerySet.as_manager()

    class Meta:
        verbose_name = _("laporan progres KSM")
        verbose_name_plural = _("laporan progres KSM")
        ordering = ["usulan", "tanggal", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(persen__lte=100, dana_terpakai__gte=0), name="blm_laporan_ksm_wajar")
        ]

    def __str__(self):
        return f"{self.usulan}: {self.persen}% ({self.tanggal:%d-%m-%Y})"

    @property
    def kode_wilayah(self) -> str:
        return self.wilayah_id

    @property
    def hok(self) -> int:
        return self.hok_l + self.hok_p


class TitikFoto(models.IntegerChoices):
    NOL = 0, _("0%")
    SETENGAH = 50, _("50%")
    SELESAI = 100, _("100%")


class FotoProgres(models.Model):
    """A photo of the works at 0, 50 or 100 % (an image Berkas)."""

    laporan = models.ForeignKey(
        LaporanProgres, verbose_name=_("laporan"), on_delete=models.CASCADE, related_name="foto"
    )
    titik = models.PositiveSmallIntegerField(_("foto progres"), choices=TitikFoto.choices)
    berkas = models.OneToOneField(
        "kelurahan.Berkas", verbose_name=_("berkas"), on_delete=models.PROTECT, related_name="foto_ksm"
    )
    keterangan = models.CharField(_("keterangan"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = FotoQuerySet.as_manager()

    class Meta:
        verbose_name = _("foto progres KSM")
        verbose_name_plural = _("foto progres KSM")
        ordering = ["laporan", "titik", "pk"]

    def __str__(self):
        return self.keterangan or self.get_titik_display()

    @property
    def kode_wilayah(self) -> str:
        return self.laporan.wilayah_id

    @property
    def file_uri(self) -> str:
        return self.berkas.file_uri


class JenisBeritaAcara(models.TextChoices):
    PEMERIKSAAN = "pemeriksaan", _("Berita acara pemeriksaan pekerjaan")
    SERAH_TERIMA = "serah_terima", _("Berita acara serah terima ke KPP")


class BeritaAcaraKSM(DapatDibatalkan):
    """The inspection of finished works, then their handover to a maintenance group (KPP), one
    of each per proposal. The inspection can be corrected until the handover; the handover
    closes the proposal (its disbursements, reports and inspection are frozen) and is only
    withdrawn, with a reason, to reopen it."""

    usulan = models.ForeignKey(
        UsulanKegiatan, verbose_name=_("usulan"), on_delete=models.PROTECT, related_name="berita_acara"
    )
    wilayah = models.ForeignKey(Wilayah, on_delete=models.PROTECT, related_name="+", editable=False)
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisBeritaAcara.choices)
    tanggal = models.DateField(_("tanggal"))
    nomor = models.CharField(_("nomor berita acara"), max_length=80, blank=True)
    hasil = models.TextField(_("hasil pemeriksaan / isi serah terima"))
    nama_kpp = models.CharField(_("nama KPP (kelompok pemelihara)"), max_length=150, blank=True)
    ketua_kpp = models.CharField(_("ketua KPP"), max_length=150, blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    history = HistoricalRecords()

    objects = BeritaAcaraQuerySet.as_manager()

    class Meta:
        verbose_name = _("berita acara KSM")
        verbose_name_plural = _("berita acara KSM")
        ordering = ["usulan", "tanggal", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["usulan", "jenis"],
                condition=Q(dibatalkan_pada__isnull=True),
                name="blm_berita_acara_ksm_sekali",
            )
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.usulan}"

    def get_absolute_url(self):
        return reverse("blm:usulan", args=[self.usulan_id])

    @property
    def kode_wilayah(self) -> str:
        return self.wilayah_id
