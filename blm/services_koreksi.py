"""Corrections of the KSM stage's records after they were written: a disbursement to a KSM,
a progress report, a berita acara. Each can be edited (version-checked: `klaim_versi`) or
withdrawn with a reason ("dibatalkan"): a withdrawn record stays with who, when and why, and
its history, but counts for nothing. The proposal's totals are recomputed in the same
transaction, under the same locks and ceilings as the first write (blm.services_ksm).

What freezes what (closed means frozen):
- the handover to the KPP (berita acara serah terima) closes the proposal: its disbursements,
  reports and inspection can no longer be edited or withdrawn; the handover itself is not
  edited, only withdrawn with a reason, which reopens the proposal;
- the inspection (berita acara pemeriksaan) certifies the reported works: the reports are
  frozen from then on; withdrawing the inspection (before the handover) reopens them.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kelurahan import access
from kelurahan.konflik import klaim_versi
from kelurahan.services import simpan_berkas
from plpbk.common.uploads import IMAGES_AND_PDF

from .models_ksm import BeritaAcaraKSM, JenisBeritaAcara, LaporanProgres, PencairanKSM, UsulanKegiatan
from .services_ksm import (
    KAPABILITAS_BA,
    _progres_kegiatan,
    diperiksa,
    disalurkan_alokasi,
    diserahterimakan,
    hitung_progres,
)
from .uang import kunci_alokasi, rp, tolak_ganda


def _alasan(alasan: str) -> str:
    if not (alasan or "").strip():
        raise ValidationError(_("Tuliskan alasan pembatalan."))
    return alasan.strip()


def _tandai_batal(obj, user, alasan: str) -> None:
    obj.dibatalkan_pada, obj.dibatalkan_oleh, obj.alasan_batal = timezone.now(), user, alasan


def _aktif(obj) -> None:
    if obj.dibatalkan:
        raise ValidationError(_("Data ini sudah dibatalkan; tidak dapat diubah."))


# --- disbursement ------------------------------------------------------------------


def _pencairan_terkunci(pencairan: PencairanKSM, user):
    """Lock the allocation first (as every money move does), then the disbursement and its
    proposal; refuse a withdrawn disbursement or a closed proposal."""
    access.require(user, "ksm.entry", pencairan.wilayah_id)
    alokasi = kunci_alokasi(pencairan.alokasi_id)
    pencairan = PencairanKSM.objects.select_for_update().get(pk=pencairan.pk)
    usulan = UsulanKegiatan.objects.select_for_update(of=("self",)).get(pk=pencairan.usulan_id)
    _aktif(pencairan)
    if diserahterimakan(usulan):
        raise ValidationError(_("Pekerjaan sudah diserahterimakan; pencairannya tidak dapat diubah."))
    return alokasi, pencairan, usulan


def _hitung_cair(usulan: UsulanKegiatan, pesan_ganda: str) -> None:
    """The proposal's disbursed total from its disbursements not withdrawn; never below the
    funds its reports say were used."""
    dicairkan = usulan.pencairan.aktif().total()
    if dicairkan < usulan.dana_terpakai:
        raise ValidationError(
            _(
                "Dana yang dilaporkan terpakai (%(terpakai)s) melebihi dana yang tersisa dicairkan (%(cair)s); "
                "perbaiki laporan progres dahulu."
            )
            % {"terpakai": rp(usulan.dana_terpakai), "cair": rp(dicairkan)}
        )
    usulan.dicairkan = dicairkan
    with tolak_ganda(pesan_ganda):
        usulan.save(update_fields=["dicairkan"])


@transaction.atomic
def ubah_pencairan(
    pencairan: PencairanKSM,
    user,
    *,
    versi: int | None,
    tahap: int,
    tanggal: datetime.date,
    jumlah: int,
    kuitansi=None,
) -> PencairanKSM:
    """Correct a disbursement (tahap, date, amount, a new receipt) within the same ceilings as
    recording it: once per tahap, within the proposal's BLM money and within what the BKM
    received and has not passed on."""
    alokasi, lama, usulan = _pencairan_terkunci(pencairan, user)
    if jumlah <= 0:
        raise ValidationError(_("Jumlah pencairan harus lebih dari nol."))
    if usulan.pencairan.aktif().exclude(pk=lama.pk).filter(tahap=tahap).exists():
        raise ValidationError(_("Tahap %(n)s usulan ini sudah dicairkan.") % {"n": tahap})
    sisa_usulan = usulan.biaya_blm - (usulan.dicairkan - lama.jumlah)
    if jumlah > sisa_usulan:
        raise ValidationError(_("Jumlah melebihi sisa dana BLM usulan ini (%(sisa)s).") % {"sisa": rp(sisa_usulan)})
    sisa_bkm = alokasi.terbayar - disalurkan_alokasi(alokasi.pk, kecuali=lama.pk)
    if jumlah > lama.jumlah and jumlah > sisa_bkm:
        raise ValidationError(
            _("Jumlah melebihi dana BLM yang sudah diterima BKM dan belum disalurkan (%(sisa)s).")
            % {"sisa": rp(max(sisa_bkm, 0))}
        )
    lama.versi = klaim_versi(PencairanKSM, lama.pk, versi)
    lama.tahap, lama.tanggal, lama.jumlah = tahap, tanggal, jumlah
    if kuitansi:
        lama.kuitansi = simpan_berkas(kuitansi, user, kinds=IMAGES_AND_PDF)
    pesan = _("Pencairan ditolak: tahap ini sudah dicairkan atau melebihi dana usulan.")
    with tolak_ganda(pesan):
        lama.save()
    _hitung_cair(usulan, pesan)
    return lama


@transaction.atomic
def batalkan_pencairan(pencairan: PencairanKSM, user, alasan: str, versi: int | None = None) -> PencairanKSM:
    """Withdraw a disbursement recorded in error: it stays (with the reason) but no longer
    counts; its tahap can be recorded again."""
    alasan = _alasan(alasan)
    _alokasi, lama, usulan = _pencairan_terkunci(pencairan, user)
    lama.versi = klaim_versi(PencairanKSM, lama.pk, versi)
    _tandai_batal(lama, user, alasan)
    lama.save()
    _hitung_cair(usulan, _("Pencairan tidak dapat dibatalkan."))
    return lama


# --- progress reports --------------------------------------------------------------


def _laporan_terkunci(laporan: LaporanProgres, user):
    access.require(user, "ksm.progres", laporan.wilayah_id)
    usulan = UsulanKegiatan.objects.select_for_update().get(pk=laporan.usulan_id)
    laporan = LaporanProgres.objects.select_for_update().get(pk=laporan.pk)
    _aktif(laporan)
    if diserahterimakan(usulan):
        raise ValidationError(_("Pekerjaan sudah diserahterimakan; laporannya tidak dapat diubah."))
    if diperiksa(usulan):
        raise ValidationError(
            _("Pekerjaan sudah diperiksa; batalkan berita acara pemeriksaan dahulu untuk memperbaiki laporan.")
        )
    return usulan, laporan


def _progres_baru(usulan: UsulanKegiatan, user, sebelum: tuple) -> None:
    """Recompute the proposal's progress; when its latest report changed, the work plan's
    activity gets the new real progress (an unchanged save tells the plan nothing)."""
    terakhir = hitung_progres(usulan)
    sesudah = (usulan.progres, terakhir.tanggal if terakhir else None)
    if terakhir is not None and sesudah != sebelum:
        _progres_kegiatan(usulan.kegiatan_id, terakhir.tanggal, user)


def _keadaan(usulan: UsulanKegiatan) -> tuple:
    terakhir = usulan.laporan.aktif().order_by("-tanggal", "-pk").first()
    return (usulan.progres, terakhir.tanggal if terakhir else None)


@transaction.atomic
def ubah_laporan(
    laporan: LaporanProgres,
    user,
    *,
    versi: int | None,
    tanggal: datetime.date,
    persen: int,
    dana_terpakai: int,
    hok_l: int = 0,
    hok_p: int = 0,
    masalah: str = "",
) -> LaporanProgres:
    """Correct a progress report before the inspection; funds used stay within what was
    disbursed; the proposal's progress is recomputed from its latest report."""
    usulan, lama = _laporan_terkunci(laporan, user)
    if not 0 <= persen <= 100:
        raise ValidationError(_("Progres harus antara 0 dan 100%."))
    if dana_terpakai < 0 or dana_terpakai > usulan.dicairkan:
        raise ValidationError(
            _("Dana terpakai tidak boleh melebihi dana yang sudah dicairkan ke KSM (%(n)s).")
            % {"n": rp(usulan.dicairkan)}
        )
    sebelum = _keadaan(usulan)
    lama.versi = klaim_versi(LaporanProgres, lama.pk, versi)
    lama.tanggal, lama.persen, lama.dana_terpakai = tanggal, persen, dana_terpakai
    lama.hok_l, lama.hok_p, lama.masalah = hok_l, hok_p, masalah
    lama.save()
    _progres_baru(usulan, user, sebelum)
    return lama


@transaction.atomic
def batalkan_laporan(laporan: LaporanProgres, user, alasan: str, versi: int | None = None) -> LaporanProgres:
    """Withdraw a progress report (with its photos kept): the proposal's progress falls back
    to the latest report left."""
    alasan = _alasan(alasan)
    usulan, lama = _laporan_terkunci(laporan, user)
    sebelum = _keadaan(usulan)
    lama.versi = klaim_versi(LaporanProgres, lama.pk, versi)
    _tandai_batal(lama, user, alasan)
    lama.save()
    _progres_baru(usulan, user, sebelum)
    return lama


# --- berita acara ------------------------------------------------------------------


def _ba_terkunci(ba: BeritaAcaraKSM, user):
    access.require(user, KAPABILITAS_BA[ba.jenis], ba.wilayah_id)
    usulan = UsulanKegiatan.objects.select_for_update().get(pk=ba.usulan_id)
    ba = BeritaAcaraKSM.objects.select_for_update().get(pk=ba.pk)
    _aktif(ba)
    return usulan, ba


def dapat_diubah_ba(ba: BeritaAcaraKSM, usulan: UsulanKegiatan) -> bool:
    """The inspection is corrected until the handover; the handover is never edited."""
    return not ba.dibatalkan and ba.jenis == JenisBeritaAcara.PEMERIKSAAN and not diserahterimakan(usulan)


@transaction.atomic
def ubah_berita_acara(ba: BeritaAcaraKSM, user, versi: int | None = None) -> BeritaAcaraKSM:
    """Save a corrected inspection (its date, number, findings)."""
    usulan, lama = _ba_terkunci(ba, user)
    if lama.jenis == JenisBeritaAcara.SERAH_TERIMA:
        raise ValidationError(
            _("Berita acara serah terima menutup usulan; untuk memperbaikinya batalkan lalu buat kembali.")
        )
    if diserahterimakan(usulan):
        raise ValidationError(_("Pekerjaan sudah diserahterimakan; berita acara pemeriksaan tidak dapat diubah."))
    ba.jenis, ba.usulan_id, ba.wilayah_id = lama.jenis, lama.usulan_id, lama.wilayah_id
    ba.full_clean(exclude=["usulan", "dibatalkan_oleh"])
    ba.versi = klaim_versi(BeritaAcaraKSM, ba.pk, versi)
    ba.save()
    return ba


@transaction.atomic
def batalkan_berita_acara(ba: BeritaAcaraKSM, user, alasan: str, versi: int | None = None) -> BeritaAcaraKSM:
    """Withdraw a berita acara with a reason: the handover (by the BKM) reopens the proposal;
    the inspection (by the Fasilitator) only while there is no handover."""
    alasan = _alasan(alasan)
    usulan, lama = _ba_terkunci(ba, user)
    if lama.jenis == JenisBeritaAcara.PEMERIKSAAN and diserahterimakan(usulan):
        raise ValidationError(_("Batalkan berita acara serah terima dahulu."))
    lama.versi = klaim_versi(BeritaAcaraKSM, lama.pk, versi)
    _tandai_batal(lama, user, alasan)
    lama.save()
    return lama
