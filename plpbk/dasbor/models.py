"""The dashboard's summary: one row of additive figures per kelurahan (and per region and
year for meetings held above kelurahan level), so a dashboard sums a region's rows instead of
its meetings and their app records; and the same added up per province, programme year and
cohort, so the national dashboard sums a few hundred rows instead of 11,000.

Writes never compute figures, and reads never write. Any write of a record the dashboard counts
(a save, a queryset update, a bulk write, raw SQL) adds a `PerubahanRingkasan` mark for its
region through a database trigger (plpbk.dasbor.pemicu), in the writer's transaction. The
marks are recounted afterwards, in short transactions of their own (plpbk.dasbor.ringkasan:
`hitung_ringkasan --tanda` on a schedule, and a few regions right after each write request);
the new day's work-plan slippage likewise (`--hari-baru`, HariRingkasan). A dashboard only reads
the rows, and says when they were counted and how many marks in its scope wait.
"""

import datetime

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kelurahan.konflik import Berversi
from kelurahan.querysets import ScopedQuerySet

from . import figures


class AngkaRingkasan(models.Model):
    """The figures a summary row holds (one field per stored figure of plpbk.dasbor.figures,
    added below), and the programme year and cohort of its kelurahan (from LokasiProgram when
    counted; empty above kelurahan level)."""

    tahun_program = models.PositiveSmallIntegerField(null=True)
    angkatan = models.CharField(max_length=40, null=True)

    BUKAN_ANGKA = ()

    class Meta:
        abstract = True


for _angka in figures.TERSIMPAN:
    AngkaRingkasan.add_to_class(_angka.nama, _angka.field())

#: the additive figures, summed by the dashboard, and the dates, which add up as the earliest (minima)
AngkaRingkasan.ANGKA = [a.nama for a in figures.TERSIMPAN if a.tambah == "sum"]
AngkaRingkasan.SEJAK = [a.nama for a in figures.TERSIMPAN if a.tambah == "min"]


class Ringkasan(AngkaRingkasan):
    """Figures of what is recorded in one region: for a kelurahan everything (`tahun` 0, the
    programme year is its LokasiProgram's); above kelurahan level only meetings, per year of
    their date (`tahun`), which is how the dashboard's year filter treats them."""

    wilayah = models.ForeignKey("kelurahan.Wilayah", on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField(default=0)
    #: how far a programme location is behind on HariRingkasan.kunci_tanggal (plpbk.dasbor.perhatian:
    #: reasons x SATU + their days; 0 when on time or not a location): today's attention list is
    #: read in this order instead of testing every rule on every row. Not a figure, not archived.
    kunci_perhatian = models.BigIntegerField(default=0)

    objects = ScopedQuerySet.as_manager()

    #: fields of this model that are not figures (figures.periksa) nor kept by the archive
    BUKAN_ANGKA = ("kunci_perhatian",)

    class Meta:
        verbose_name = _("ringkasan dasbor")
        verbose_name_plural = _("ringkasan dasbor")
        constraints = [models.UniqueConstraint(fields=["wilayah", "tahun"], name="ringkasan_satu_per_wilayah_tahun")]
        indexes = [
            models.Index(
                fields=["-kunci_perhatian", "wilayah"],
                condition=models.Q(kunci_perhatian__gt=0),
                name="ringkasan_kunci_perhatian",
            ),
            # the same for one programme year (the dashboard's year filter)
            models.Index(
                fields=["tahun_program", "-kunci_perhatian", "wilayah"],
                condition=models.Q(kunci_perhatian__gt=0),
                name="ringkasan_kunci_tahun",
            ),
        ]

    def __str__(self):
        return f"{self.wilayah_id} {self.tahun or ''}".strip()


class RingkasanProvinsi(AngkaRingkasan):
    """The summary rows of a province added up per programme year and cohort (kelurahan rows,
    `tahun` 0) and per year (rows above kelurahan level), so the national dashboard sums a few
    hundred rows whatever the filter. Recounted with the province's rows (plpbk.dasbor.ringkasan)."""

    provinsi = models.ForeignKey("kelurahan.Wilayah", on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("ringkasan dasbor provinsi")
        verbose_name_plural = _("ringkasan dasbor provinsi")

    def __str__(self):
        return f"{self.provinsi_id} {self.tahun or ''} {self.tahun_program or ''} {self.angkatan or ''}".strip()


# a figure field added by hand here, or a stored figure without its field, stops the start
figures.periksa(Ringkasan)
figures.periksa(RingkasanProvinsi)


class HariArsip(models.Model):
    """A day whose summary rows were kept (plpbk.dasbor.arsip): the figures as they stood at the
    end of `tanggal`, copied at the roll-over into the next day. A dashboard read "as of" a past
    date reads the latest kept day on or before it."""

    tanggal = models.DateField(unique=True)
    disalin = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hari arsip ringkasan")
        verbose_name_plural = _("hari arsip ringkasan")

    def __str__(self):
        return self.tanggal.isoformat()


class ArsipRingkasan(AngkaRingkasan):
    """A kelurahan (or higher-level) summary row as it stood at the end of day `tanggal`: the
    fields of Ringkasan, copied by one INSERT ... SELECT (plpbk.dasbor.arsip)."""

    tanggal = models.DateField()
    wilayah = models.ForeignKey("kelurahan.Wilayah", on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField(default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("arsip ringkasan dasbor")
        verbose_name_plural = _("arsip ringkasan dasbor")
        constraints = [
            models.UniqueConstraint(fields=["tanggal", "wilayah", "tahun"], name="arsip_ringkasan_satu_per_hari")
        ]

    def __str__(self):
        return f"{self.tanggal} {self.wilayah_id} {self.tahun or ''}".strip()


class ArsipRingkasanProvinsi(AngkaRingkasan):
    """A province's summed row (RingkasanProvinsi) as it stood at the end of day `tanggal`."""

    tanggal = models.DateField(db_index=True)
    provinsi = models.ForeignKey("kelurahan.Wilayah", on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("arsip ringkasan dasbor provinsi")
        verbose_name_plural = _("arsip ringkasan dasbor provinsi")

    def __str__(self):
        return f"{self.tanggal} {self.provinsi_id} {self.tahun or ''}".strip()


class PerubahanQuerySet(ScopedQuerySet):
    scope_field = "kode"


class PerubahanRingkasan(models.Model):
    """A mark: something recorded in region `kode` changed since its summary row was counted.
    Written by the database's triggers (plpbk.dasbor.pemicu), one per row changed. Several
    marks per region are fine; a recount removes exactly the marks it read."""

    kode = models.CharField(max_length=13, db_index=True)

    objects = PerubahanQuerySet.as_manager()

    class Meta:
        verbose_name = _("perubahan ringkasan")
        verbose_name_plural = _("perubahan ringkasan")

    def __str__(self):
        return self.kode


class HariRingkasan(models.Model):
    """The summary's clock (one row): the day whose date the work-plan figures were last
    counted for (on a new day every region with an approved plan is marked, since its planned
    progress moved), and when marks were last recounted (what dashboards show as "as of")."""

    tanggal = models.DateField()
    dihitung = models.DateTimeField(null=True)
    #: the day the stored attention keys (Ringkasan.kunci_perhatian) are for, and the fingerprint
    #: of the thresholds they were worked out with (plpbk.dasbor.perhatian.sidik): a dashboard of
    #: that day reads them while the thresholds are unchanged, and ranks on the fly otherwise
    kunci_tanggal = models.DateField(null=True)
    kunci_sidik = models.CharField(max_length=64, blank=True, default="")
    #: one more at every change of the summary rows or their keys (a recount, a full recount, the
    #: keys stored again): what a dashboard keeps of them holds while it stays (plpbk.dasbor.halaman)
    generasi = models.PositiveBigIntegerField(default=0)
    #: the generation of the last change of every row at once (a full recount, the keys stored
    #: again), and of each province's and kabupaten/kota's last recount ({code: generation}): a
    #: region's page keeps what it read while both stay, whatever is recounted elsewhere
    generasi_penuh = models.PositiveBigIntegerField(default=0)
    generasi_wilayah = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("hari ringkasan")
        verbose_name_plural = _("hari ringkasan")

    def __str__(self):
        return self.tanggal.isoformat()


class AmbangPerhatian(Berversi):
    """When a programme location of one programme year counts as behind (plpbk.dasbor.perhatian):
    the dates by which its stages are expected, in the programme's order, how much slippage and
    waiting is tolerated, and how soon BLM paid to the BKM is to be used by its KSM. Set by a
    national administrator; a year without a row uses `bawaan` (the defaults below, counted
    from the programme year)."""

    tahun_program = models.PositiveSmallIntegerField(_("tahun program"), unique=True)
    batas_lokakarya = models.DateField(_("lokakarya kelurahan paling lambat"), null=True, blank=True)
    batas_rembug = models.DateField(_("rembug warga paling lambat"), null=True, blank=True)
    batas_tipp = models.DateField(_("lima langkah TIPP paling lambat"), null=True, blank=True)
    batas_rencana = models.DateField(
        _("rencana kerja disetujui paling lambat (batas BLM Tahap 1)"), null=True, blank=True
    )
    deviasi_maks = models.PositiveSmallIntegerField(
        _("keterlambatan rencana kerja yang ditoleransi (poin)"), default=10
    )
    tertahan_maks = models.PositiveSmallIntegerField(_("lama menunggu verifikasi yang ditoleransi (hari)"), default=14)
    pakai_hari = models.PositiveSmallIntegerField(
        _("hari setelah pembayaran BLM terakhir sampai dana harus terpakai KSM"), default=90
    )
    pakai_min = models.PositiveSmallIntegerField(
        _("minimal BLM dibayar yang terpakai KSM (%)"), default=50, validators=[MaxValueValidator(100)]
    )
    fisik_maks = models.PositiveSmallIntegerField(
        _("progres fisik di bawah dana terpakai yang ditoleransi (poin)"), default=10
    )
    history = HistoricalRecords()

    #: default expected dates (month, day) in the programme year, in the order of the stages
    BAWAAN = {"batas_lokakarya": (3, 31), "batas_rembug": (5, 31), "batas_tipp": (8, 31), "batas_rencana": (10, 31)}

    class Meta:
        verbose_name = _("ambang perhatian")
        verbose_name_plural = _("ambang perhatian")

    def __str__(self):
        return str(_("Ambang perhatian %(tahun)s") % {"tahun": self.tahun_program})

    def batas(self, nama: str) -> datetime.date:
        """The expected date `nama`, the default of the programme year when none is set."""
        value = getattr(self, nama)
        if value is None:
            bulan, hari = self.BAWAAN[nama]
            value = datetime.date(self.tahun_program, bulan, hari)
        return value
