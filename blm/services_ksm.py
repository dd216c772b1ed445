"""Writes of the KSM stage. Each function is one transaction. The ones that move or commit
money (verifying a proposal, disbursing to a KSM) lock the allocation row first
(blm.uang.kunci_alokasi, the same lock BLM payments take), so two people acting at the same
moment are serialised and the second sees the first one's result; database constraints (one
disbursement per proposal and tahap, never more disbursed than approved) back the checks.

Ceilings, in Rupiah of BLM:
- the verified proposals of an allocation never exceed the allocation (what the BKM passes on);
- the disbursements of an allocation never exceed what the BKM has been paid (`terbayar`);
- a proposal's disbursements never exceed its own BLM money.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from kelurahan import access
from kelurahan.konflik import klaim_versi
from kelurahan.models import JenisPertemuan, Orang, Pertemuan
from kelurahan.services import simpan_berkas
from plpbk.common.uploads import IMAGES, IMAGES_AND_PDF

from .models import AlokasiBLM
from .models_ksm import (
    KSM,
    AnggotaKSM,
    BeritaAcaraKSM,
    FotoProgres,
    JenisBeritaAcara,
    LaporanProgres,
    PencairanKSM,
    StatusUsulan,
    UsulanKegiatan,
)
from .uang import kunci_alokasi, rp, tolak_ganda

# --- KSM register ------------------------------------------------------------------


@transaction.atomic
def simpan_ksm(ksm: KSM, user, versi: int | None = None, sk=None, buat_rembug: bool = True) -> KSM:
    """Register a KSM (with its formation rembug as a shared meeting when it has none) or save
    its changed fields; `sk` is the uploaded decree (PDF or image)."""
    access.require(user, "ksm.entry", ksm.wilayah_id)
    ksm.full_clean(exclude=["sk", "pertemuan", "ketua"])
    if ksm.ketua_id and not Orang.objects.filter(pk=ksm.ketua_id).in_region(ksm.wilayah_id).exists():
        raise ValidationError(_("Ketua KSM harus warga kelurahan/desa ini."))
    if sk is not None:
        ksm.sk = simpan_berkas(sk, user, kinds=IMAGES_AND_PDF)
    if ksm.pk is None:
        if buat_rembug and ksm.pertemuan_id is None:
            ksm.pertemuan = Pertemuan.objects.create(
                jenis=JenisPertemuan.LAIN,
                judul=_("Rembug pembentukan KSM %(nama)s") % {"nama": ksm.nama},
                wilayah_id=ksm.wilayah_id,
                tanggal=ksm.dibentuk,
                tempat=ksm.alamat[:200],
                dibuat_oleh=user if getattr(user, "is_authenticated", False) else None,
            )
        ksm.save()
        if ksm.ketua_id:
            AnggotaKSM.objects.get_or_create(ksm=ksm, orang_id=ksm.ketua_id, defaults={"jabatan": "Ketua"})
    else:
        ksm.versi = klaim_versi(KSM, ksm.pk, versi)
        ksm.save()
        if ksm.ketua_id:
            AnggotaKSM.objects.update_or_create(ksm=ksm, orang_id=ksm.ketua_id, defaults={"jabatan": "Ketua"})
    return ksm


@transaction.atomic
def tambah_anggota(ksm: KSM, user, orang: Orang, jabatan: str = "Anggota") -> AnggotaKSM:
    access.require(user, "ksm.entry", ksm.wilayah_id)
    if not Orang.objects.filter(pk=orang.pk).in_region(ksm.wilayah_id).exists():
        raise ValidationError(_("Anggota KSM harus warga kelurahan/desa ini."))
    anggota, created = AnggotaKSM.objects.get_or_create(
        ksm=ksm, orang=orang, defaults={"jabatan": jabatan or "Anggota"}
    )
    if not created:
        raise ValidationError(_("%(nama)s sudah anggota KSM ini.") % {"nama": orang.nama})
    return anggota


@transaction.atomic
def hapus_anggota(anggota: AnggotaKSM, user) -> None:
    access.require(user, "ksm.entry", anggota.ksm.wilayah_id)
    if anggota.orang_id == anggota.ksm.ketua_id:
        raise ValidationError(_("Ketua KSM tidak dapat dihapus dari anggota; ganti ketua dahulu."))
    anggota.delete()


def anggota_dari_rembug(ksm: KSM, user) -> int:
    """Add every person on the formation rembug's attendance list as a member (the ones not
    yet members); returns how many were added."""
    access.require(user, "ksm.entry", ksm.wilayah_id)
    if ksm.pertemuan_id is None:
        return 0
    with transaction.atomic():
        ada = set(ksm.anggota.values_list("orang_id", flat=True))
        baru = [
            AnggotaKSM(ksm=ksm, orang_id=o)
            for o in ksm.pertemuan.kehadiran.values_list("orang_id", flat=True)
            if o not in ada
        ]
        for a in baru:
            a.save()
    return len(baru)


# --- proposals ---------------------------------------------------------------------


def alokasi_untuk(wilayah_id: str) -> AlokasiBLM | None:
    """The kelurahan's latest BLM allocation: proposals count against it."""
    return AlokasiBLM.objects.filter(wilayah_id=wilayah_id).order_by("-tahun").first()


def _periksa_usulan(usulan: UsulanKegiatan) -> None:
    kegiatan = usulan.kegiatan
    if kegiatan.rencana.wilayah_id != usulan.ksm.wilayah_id or not kegiatan.rencana.is_approved:
        raise ValidationError(_("Usulan harus untuk kegiatan rencana kerja yang disetujui di kelurahan/desa ini."))
    if usulan.jumlah_biaya <= 0:
        raise ValidationError(_("Biaya usulan harus lebih dari nol."))
    if usulan.penerima_perempuan > usulan.penerima_jiwa or usulan.penerima_miskin > usulan.penerima_jiwa:
        raise ValidationError(_("Penerima manfaat perempuan atau miskin tidak boleh lebih dari jumlah jiwa."))
    if usulan.penerima_kk_miskin > usulan.penerima_kk:
        raise ValidationError(_("KK miskin penerima manfaat tidak boleh lebih dari jumlah KK."))


@transaction.atomic
def simpan_usulan(usulan: UsulanKegiatan, user, versi: int | None = None) -> UsulanKegiatan:
    """Save a new proposal (a draft) or a draft/returned one; a proposal on its way to or
    verified by the Fasilitator is frozen."""
    access.require(user, "ksm.entry", usulan.ksm.wilayah_id)
    usulan.wilayah_id = usulan.ksm.wilayah_id
    if usulan.pk is None:
        usulan.alokasi = alokasi_untuk(usulan.wilayah_id)
        if usulan.alokasi is None:
            raise ValidationError(_("Kelurahan/desa ini belum mempunyai alokasi BLM."))
    else:
        status = UsulanKegiatan.objects.select_for_update().values_list("status", flat=True).get(pk=usulan.pk)
        if status not in (StatusUsulan.DRAF, StatusUsulan.DIKEMBALIKAN):
            raise ValidationError(_("Usulan sudah diajukan atau diverifikasi; tidak dapat diubah."))
    usulan.full_clean(exclude=["alokasi", "kegiatan", "ksm"])
    _periksa_usulan(usulan)
    if usulan.pk is not None:
        usulan.versi = klaim_versi(UsulanKegiatan, usulan.pk, versi)
    usulan.save()
    return usulan


def _usulan_terkunci(usulan: UsulanKegiatan, versi: int | None) -> UsulanKegiatan:
    usulan = UsulanKegiatan.objects.select_for_update(of=("self",)).select_related("ksm").get(pk=usulan.pk)
    usulan.versi = klaim_versi(UsulanKegiatan, usulan.pk, versi)
    return usulan


@transaction.atomic
def ajukan_usulan(usulan: UsulanKegiatan, user, versi: int | None = None, pada=None) -> UsulanKegiatan:
    """The BKM verifies the proposal and sends it to the Fasilitator."""
    access.require(user, "ksm.entry", usulan.wilayah_id)
    usulan = _usulan_terkunci(usulan, versi)
    if not usulan.dapat_diubah:
        raise ValidationError(_("Usulan ini sudah diajukan atau diverifikasi."))
    usulan.status = StatusUsulan.DIAJUKAN
    usulan.diajukan_oleh, usulan.diajukan_pada = user, pada or timezone.now()
    usulan.alasan = ""
    usulan.save()
    return usulan


def disetujui_alokasi(alokasi_id: int, kecuali: int | None = None) -> int:
    """BLM money of the verified proposals of an allocation."""
    qs = UsulanKegiatan.objects.filter(alokasi_id=alokasi_id, status=StatusUsulan.DISETUJUI)
    if kecuali is not None:
        qs = qs.exclude(pk=kecuali)
    return qs.aggregate(n=Coalesce(Sum("biaya_blm"), 0))["n"]


@transaction.atomic
def verifikasi_usulan(
    usulan: UsulanKegiatan, user, setuju: bool, alasan: str = "", versi: int | None = None, pada=None
) -> UsulanKegiatan:
    """The Fasilitator verifies (freezing it) or returns a proposal the BKM submitted. Verifying
    keeps the verified proposals of the allocation within it, under the allocation's lock."""
    access.require(user, "ksm.verify", usulan.wilayah_id)
    alokasi = kunci_alokasi(usulan.alokasi_id)
    usulan = _usulan_terkunci(usulan, versi)
    if usulan.status != StatusUsulan.DIAJUKAN:
        raise ValidationError(_("Usulan ini tidak sedang menunggu verifikasi Fasilitator."))
    if usulan.diajukan_oleh_id == user.pk:
        raise PermissionDenied(_("Pengaju usulan tidak boleh memverifikasinya sendiri."))
    if setuju:
        sudah = disetujui_alokasi(alokasi.pk, kecuali=usulan.pk)
        if sudah + usulan.biaya_blm > alokasi.jumlah:
            raise ValidationError(
                _(
                    "Usulan ditolak: jumlah usulan KSM yang disetujui (%(sudah)s + %(ini)s) melebihi alokasi BLM "
                    "BKM (%(alokasi)s); sisa yang dapat disalurkan %(sisa)s."
                )
                % {
                    "sudah": rp(sudah),
                    "ini": rp(usulan.biaya_blm),
                    "alokasi": rp(alokasi.jumlah),
                    "sisa": rp(max(alokasi.jumlah - sudah, 0)),
                }
            )
        usulan.status = StatusUsulan.DISETUJUI
        usulan.diverifikasi_oleh, usulan.diverifikasi_pada = user, pada or timezone.now()
    else:
        if not alasan.strip():
            raise ValidationError(_("Tuliskan alasan pengembalian."))
        usulan.status = StatusUsulan.DIKEMBALIKAN
        usulan.alasan = alasan.strip()
    usulan.save()
    return usulan


# --- disbursement ------------------------------------------------------------------


def disalurkan_alokasi(alokasi_id: int, kecuali: int | None = None) -> int:
    """What the BKM passed on from an allocation (disbursements not withdrawn)."""
    qs = PencairanKSM.objects.filter(alokasi_id=alokasi_id).aktif()
    if kecuali is not None:
        qs = qs.exclude(pk=kecuali)
    return qs.aggregate(n=Coalesce(Sum("jumlah"), 0))["n"]


def diserahterimakan(usulan: UsulanKegiatan) -> bool:
    """The handover closes a proposal: its disbursements, reports and inspection are frozen."""
    return usulan.berita_acara.aktif().filter(jenis=JenisBeritaAcara.SERAH_TERIMA).exists()


def diperiksa(usulan: UsulanKegiatan) -> bool:
    """The inspection certifies the reported works: the reports are frozen from then on."""
    return usulan.berita_acara.aktif().filter(jenis=JenisBeritaAcara.PEMERIKSAAN).exists()


@transaction.atomic
def cairkan(usulan: UsulanKegiatan, user, tahap: int, tanggal: datetime.date, jumlah: int, kuitansi) -> PencairanKSM:
    """The BKM passes BLM to the KSM of a verified proposal for one tahap, with the receipt:
    never twice for the same tahap, never beyond the proposal's BLM money nor beyond what the
    BKM has been paid (less what it already passed on)."""
    access.require(user, "ksm.entry", usulan.wilayah_id)
    alokasi = kunci_alokasi(usulan.alokasi_id)
    usulan = UsulanKegiatan.objects.select_for_update(of=("self",)).select_related("ksm").get(pk=usulan.pk)
    if usulan.status != StatusUsulan.DISETUJUI:
        raise ValidationError(_("Usulan belum diverifikasi Fasilitator; dana belum dapat dicairkan."))
    if jumlah <= 0:
        raise ValidationError(_("Jumlah pencairan harus lebih dari nol."))
    if diserahterimakan(usulan):
        raise ValidationError(_("Pekerjaan sudah diserahterimakan; tidak ada pencairan lagi."))
    if usulan.pencairan.aktif().filter(tahap=tahap).exists():
        raise ValidationError(_("Tahap %(n)s usulan ini sudah dicairkan.") % {"n": tahap})
    if jumlah > usulan.sisa_cair:
        raise ValidationError(
            _("Jumlah melebihi sisa dana BLM usulan ini (%(sisa)s).") % {"sisa": rp(usulan.sisa_cair)}
        )
    sisa_bkm = alokasi.terbayar - disalurkan_alokasi(alokasi.pk)
    if jumlah > sisa_bkm:
        raise ValidationError(
            _("Jumlah melebihi dana BLM yang sudah diterima BKM dan belum disalurkan (%(sisa)s).")
            % {"sisa": rp(max(sisa_bkm, 0))}
        )
    berkas = simpan_berkas(kuitansi, user, kinds=IMAGES_AND_PDF)
    with tolak_ganda(_("Pencairan ditolak: tahap ini sudah dicairkan atau melebihi dana usulan.")):
        pencairan = PencairanKSM.objects.create(
            usulan=usulan,
            alokasi=alokasi,
            wilayah_id=usulan.wilayah_id,
            tahap=tahap,
            tanggal=tanggal,
            jumlah=jumlah,
            kuitansi=berkas,
            dicatat_oleh=user,
        )
        usulan.dicairkan += jumlah
        usulan.save(update_fields=["dicairkan"])
    return pencairan


# --- progress ----------------------------------------------------------------------


def _progres_kegiatan(kegiatan_id: int, tanggal: datetime.date, user) -> None:
    """Carry the activity's real progress (its verified proposals' progress weighted by their
    BLM money) to the work plan, whose S-curve reads its progress reports. An activity the plan
    already records as finished is left as it is."""
    from tipp.models import Kegiatan
    from tipp.services import laporkan_progres

    kegiatan = Kegiatan.objects.get(pk=kegiatan_id)
    if kegiatan.selesai_aktual is not None:
        return
    row = UsulanKegiatan.objects.filter(kegiatan_id=kegiatan_id, status=StatusUsulan.DISETUJUI).totals()
    if row["progres_fisik"] is None:
        return
    laporkan_progres(
        kegiatan,
        tanggal=tanggal,
        persen=int(row["progres_fisik"]),
        catatan=_("Progres fisik KSM"),
        user=user,
    )


@transaction.atomic
def laporkan(
    usulan: UsulanKegiatan,
    user,
    *,
    tanggal: datetime.date,
    persen: int,
    dana_terpakai: int,
    hok_l: int = 0,
    hok_p: int = 0,
    masalah: str = "",
    foto: list[tuple[int, object, str]] = (),
) -> LaporanProgres:
    """A progress report of a verified proposal's works, with photos [(0|50|100, upload, note)].
    Funds used never exceed what was disbursed to the KSM; the latest report gives the
    proposal's progress, and the work plan's activity gets its real progress."""
    access.require(user, "ksm.progres", usulan.wilayah_id)
    usulan = UsulanKegiatan.objects.select_for_update().get(pk=usulan.pk)
    if usulan.status != StatusUsulan.DISETUJUI:
        raise ValidationError(_("Progres dicatat untuk usulan yang sudah diverifikasi Fasilitator."))
    if not 0 <= persen <= 100:
        raise ValidationError(_("Progres harus antara 0 dan 100%."))
    if dana_terpakai < 0 or dana_terpakai > usulan.dicairkan:
        raise ValidationError(
            _("Dana terpakai tidak boleh melebihi dana yang sudah dicairkan ke KSM (%(n)s).")
            % {"n": rp(usulan.dicairkan)}
        )
    if diserahterimakan(usulan):
        raise ValidationError(_("Pekerjaan sudah diserahterimakan; progres tidak dapat ditambah."))
    if diperiksa(usulan):
        raise ValidationError(
            _("Pekerjaan sudah diperiksa; batalkan berita acara pemeriksaan dahulu untuk menambah progres.")
        )
    laporan = LaporanProgres.objects.create(
        usulan=usulan,
        wilayah_id=usulan.wilayah_id,
        tanggal=tanggal,
        persen=persen,
        dana_terpakai=dana_terpakai,
        hok_l=hok_l,
        hok_p=hok_p,
        masalah=masalah,
        dilaporkan_oleh=user,
    )
    for titik, upload, keterangan in foto:
        tambah_foto(laporan, user, titik, upload, keterangan, _cek=False)
    terakhir = hitung_progres(usulan)
    if terakhir.pk == laporan.pk:
        _progres_kegiatan(usulan.kegiatan_id, tanggal, user)
    return laporan


def hitung_progres(usulan: UsulanKegiatan) -> LaporanProgres | None:
    """The proposal's progress and funds used are its latest report's (withdrawn ones aside;
    none left: 0); returns that report."""
    terakhir = usulan.laporan.aktif().order_by("-tanggal", "-pk").first()
    usulan.progres = terakhir.persen if terakhir else 0
    usulan.dana_terpakai = terakhir.dana_terpakai if terakhir else 0
    usulan.save(update_fields=["progres", "dana_terpakai"])
    return terakhir


@transaction.atomic
def tambah_foto(laporan: LaporanProgres, user, titik: int, upload, keterangan: str = "", _cek=True) -> FotoProgres:
    """A photo (image only: checked by plpbk.common.uploads) of the works at 0, 50 or 100 %."""
    if _cek:
        access.require(user, "ksm.progres", laporan.wilayah_id)
    if titik not in (0, 50, 100):
        raise ValidationError(_("Foto progres diambil pada 0%, 50% atau 100%."))
    return FotoProgres.objects.create(
        laporan=laporan, titik=titik, keterangan=keterangan, berkas=simpan_berkas(upload, user, kinds=IMAGES)
    )


# --- berita acara ------------------------------------------------------------------

#: who signs which berita acara: the Fasilitator inspects, the BKM hands over
KAPABILITAS_BA = {JenisBeritaAcara.PEMERIKSAAN: "ksm.verify", JenisBeritaAcara.SERAH_TERIMA: "ksm.entry"}


@transaction.atomic
def simpan_berita_acara(ba: BeritaAcaraKSM, user) -> BeritaAcaraKSM:
    """Record the inspection of finished works (100 %), then their handover to a KPP (after the
    inspection). Each once per proposal."""
    usulan = UsulanKegiatan.objects.select_for_update().get(pk=ba.usulan_id)
    access.require(user, KAPABILITAS_BA[ba.jenis], usulan.wilayah_id)
    ba.wilayah_id = usulan.wilayah_id
    if usulan.progres < 100:
        raise ValidationError(_("Berita acara dibuat setelah pekerjaan mencapai 100%."))
    if ba.jenis == JenisBeritaAcara.SERAH_TERIMA:
        if not diperiksa(usulan):
            raise ValidationError(_("Serah terima dilakukan setelah berita acara pemeriksaan."))
        if not ba.nama_kpp.strip():
            raise ValidationError(_("Tuliskan nama KPP yang menerima pekerjaan."))
    if usulan.berita_acara.aktif().filter(jenis=ba.jenis).exists():
        raise ValidationError(_("Berita acara ini sudah dibuat."))
    ba.dicatat_oleh = user
    with tolak_ganda(_("Berita acara ini sudah dibuat.")):
        ba.save()
    return ba
