"""xlsx rows (header first) of the KSM stage's tables in a region."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models_ksm import KSM, AnggotaKSM, BeritaAcaraKSM, LaporanProgres, PencairanKSM, UsulanKegiatan


def ksm_rows(qs) -> Iterator[list]:
    yield [
        _("Kode wilayah"),
        _("Kelurahan/desa"),
        _("Nama KSM"),
        _("Alamat"),
        _("Tanggal dibentuk"),
        _("Ketua"),
        _("Nomor SK BKM"),
        _("Anggota"),
        _("Laki-laki"),
        _("Perempuan"),
    ]
    from django.db.models import Count, Q

    qs = qs.select_related("wilayah", "ketua").annotate(
        n=Count("anggota"),
        n_l=Count("anggota", filter=Q(anggota__orang__jenis_kelamin="L")),
        n_p=Count("anggota", filter=Q(anggota__orang__jenis_kelamin="P")),
    )
    for k in qs.order_by("wilayah_id", "nama"):
        yield [
            k.wilayah_id,
            k.wilayah.label,
            k.nama,
            k.alamat,
            k.dibentuk,
            k.ketua.nama if k.ketua else "",
            k.nomor_sk,
            k.n,
            k.n_l,
            k.n_p,
        ]


def anggota_rows(qs) -> Iterator[list]:
    yield [
        _("Kode wilayah"),
        _("KSM"),
        _("Nama"),
        _("L/P"),
        _("Jabatan"),
        _("RT"),
        _("RW"),
        _("Warga miskin"),
        _("Disabilitas"),
    ]
    for a in qs.select_related("ksm", "orang").order_by("ksm__wilayah_id", "ksm__nama", "pk"):
        o = a.orang
        yield [
            a.ksm.wilayah_id,
            a.ksm.nama,
            o.nama,
            o.jenis_kelamin,
            a.jabatan,
            o.rt,
            o.rw,
            _("ya") if o.miskin else _("tidak"),
            _("ya") if o.disabilitas else _("tidak"),
        ]


def usulan_rows(qs) -> Iterator[list]:
    yield [
        _("Kode wilayah"),
        _("KSM"),
        _("Kegiatan rencana kerja"),
        _("Uraian pekerjaan"),
        _("Volume"),
        _("Satuan"),
        _("RT"),
        _("RW"),
        _("Dana BLM"),
        _("APBD"),
        _("Swadaya"),
        _("Sumber lain"),
        _("Jumlah biaya"),
        _("Penerima (jiwa)"),
        _("Perempuan"),
        _("Miskin"),
        _("KK"),
        _("KK miskin"),
        _("Status"),
        _("Dicairkan"),
        _("Dana terpakai"),
        _("Progres fisik (%)"),
    ]
    for u in qs.select_related("ksm", "kegiatan").order_by("wilayah_id", "ksm__nama", "pk"):
        yield [
            u.wilayah_id,
            u.ksm.nama,
            u.kegiatan.nama,
            u.nama,
            u.volume,
            u.satuan,
            u.rt,
            u.rw,
            u.biaya_blm,
            u.biaya_apbd,
            u.biaya_swadaya,
            u.biaya_lain,
            u.jumlah_biaya,
            u.penerima_jiwa,
            u.penerima_perempuan,
            u.penerima_miskin,
            u.penerima_kk,
            u.penerima_kk_miskin,
            u.get_status_display(),
            u.dicairkan,
            u.dana_terpakai,
            u.progres,
        ]


def _batal(obj) -> list:
    """A withdrawn record stays in the table, marked: when (local time) and why."""
    if not obj.dibatalkan:
        return [None, ""]
    return [timezone.localtime(obj.dibatalkan_pada).replace(tzinfo=None), obj.alasan_batal]


def pencairan_rows(qs) -> Iterator[list]:
    yield [
        _("Kode wilayah"),
        _("KSM"),
        _("Usulan"),
        _("Tahap"),
        _("Tanggal"),
        _("Jumlah"),
        _("Dicatat oleh"),
        _("Dibatalkan pada"),
        _("Alasan pembatalan"),
    ]
    for p in qs.select_related("usulan__ksm", "dicatat_oleh").order_by("wilayah_id", "usulan_id", "tahap"):
        yield [
            p.wilayah_id,
            p.usulan.ksm.nama,
            p.usulan.nama,
            p.tahap,
            p.tanggal,
            p.jumlah,
            p.dicatat_oleh.get_full_name() or p.dicatat_oleh.username,
            *_batal(p),
        ]


def laporan_rows(qs) -> Iterator[list]:
    yield [
        _("Kode wilayah"),
        _("KSM"),
        _("Usulan"),
        _("Tanggal"),
        _("Progres fisik (%)"),
        _("Dana terpakai"),
        _("HOK laki-laki"),
        _("HOK perempuan"),
        _("Permasalahan"),
        _("Dibatalkan pada"),
        _("Alasan pembatalan"),
    ]
    for r in qs.select_related("usulan__ksm").order_by("wilayah_id", "usulan_id", "tanggal", "pk"):
        yield [
            r.wilayah_id,
            r.usulan.ksm.nama,
            r.usulan.nama,
            r.tanggal,
            r.persen,
            r.dana_terpakai,
            r.hok_l,
            r.hok_p,
            r.masalah,
            *_batal(r),
        ]


def berita_acara_rows(qs) -> Iterator[list]:
    yield [
        _("Kode wilayah"),
        _("KSM"),
        _("Usulan"),
        _("Jenis"),
        _("Tanggal"),
        _("Nomor"),
        _("KPP"),
        _("Ketua KPP"),
        _("Dibatalkan pada"),
        _("Alasan pembatalan"),
    ]
    for b in qs.select_related("usulan__ksm").order_by("wilayah_id", "usulan_id", "tanggal", "pk"):
        yield [
            b.wilayah_id,
            b.usulan.ksm.nama,
            b.usulan.nama,
            b.get_jenis_display(),
            b.tanggal,
            b.nomor,
            b.nama_kpp,
            b.ketua_kpp,
            *_batal(b),
        ]


#: jenis -> (model, row generator, button label)
EXPORTS_KSM = {
    "ksm": (KSM, ksm_rows, gettext_lazy("Excel KSM")),
    "anggota": (AnggotaKSM, anggota_rows, gettext_lazy("Excel anggota")),
    "usulan": (UsulanKegiatan, usulan_rows, gettext_lazy("Excel usulan")),
    "pencairan": (PencairanKSM, pencairan_rows, gettext_lazy("Excel pencairan")),
    "laporan": (LaporanProgres, laporan_rows, gettext_lazy("Excel progres")),
    "berita_acara": (BeritaAcaraKSM, berita_acara_rows, gettext_lazy("Excel berita acara")),
}


def ekspor_ksm(user, wilayah, jenis: str):
    """One of the KSM stage's tables (`jenis`, a key of EXPORTS_KSM) in the region the user may see."""
    from django.db.models import Count, Max

    from kelurahan.tugas import Ekspor

    model, rows, _label = EXPORTS_KSM[jenis]
    qs = model.objects.for_user(user).in_region(wilayah)
    # the KSM list counts its members (rows of their own, not versioned with the KSM)
    terkait = (Count("anggota"), Max("anggota__pk")) if jenis == "ksm" else ()
    return Ekspor(
        sumber=[(qs, terkait)],
        baris=lambda: rows(qs),
        nama=f"{jenis}-ksm-{wilayah.kode}.xlsx",
        lembar=jenis.capitalize(),
    )
