"""xlsx rows of sosialisasi activities in a region (rembug warga and informal outreach),
written through plpbk.common.xlsx. The inclusion figures come from the counters on Pertemuan."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _

from kelurahan.tugas import Ekspor

from .models import KegiatanInformal, RembugWarga, TargetInklusi


def _persen(p: int, total: int):
    return None if total == 0 else round(100 * p / total, 1)


def kegiatan_rows(user, wilayah) -> Iterator[list]:
    """Header, then one row per activity, oldest first: rembug warga, then informal outreach."""
    yield [
        _("Kode wilayah"),
        _("Kelurahan/desa"),
        _("Tanggal"),
        _("Jenis kegiatan"),
        _("Judul/uraian"),
        _("Tempat/media"),
        _("Sasaran"),
        _("Laki-laki"),
        _("Perempuan"),
        _("% perempuan"),
        _("Disabilitas"),
        _("Status"),
        _("Inklusi"),
        _("Alasan di bawah target"),
    ]
    rembug = (
        RembugWarga.objects.for_user(user)
        .in_region(wilayah)
        .with_inklusi()
        .select_related("pertemuan__wilayah")
        .order_by("pertemuan__tanggal", "pk")
    )
    for r in rembug.iterator(chunk_size=2000):
        p = r.pertemuan
        total = p.jumlah_l + p.jumlah_p
        if total == 0:
            inklusi = _("belum ada daftar hadir")
        else:
            inklusi = _("di bawah target") if r.di_bawah_target else _("memenuhi target")
        yield [
            p.wilayah_id,
            p.wilayah.label,
            p.tanggal,
            _("Rembug warga"),
            p.judul,
            p.tempat,
            "",
            p.jumlah_l,
            p.jumlah_p,
            _persen(p.jumlah_p, total),
            p.jumlah_disabilitas,
            _("ditutup") if r.is_closed else _("belum ditutup"),
            inklusi,
            r.alasan,
        ]
    informal = (
        KegiatanInformal.objects.for_user(user)
        .in_region(wilayah)
        .select_related("pengkondisian__wilayah")
        .order_by("tanggal", "pk")
    )
    for k in informal.iterator(chunk_size=2000):
        w = k.pengkondisian.wilayah
        yield [
            w.kode,
            w.label,
            k.tanggal,
            _("Sosialisasi informal"),
            k.uraian,
            k.get_media_display(),
            ", ".join(k.sasaran()),
            None,
            None,
            None,
            None,
            "",
            "",
            "",
        ]


def ekspor_kegiatan(user, wilayah) -> Ekspor:
    """The region's activities as `kegiatan_rows` writes them: rembug warga (with their meetings'
    counters, against the targets in force) and informal outreach."""

    def target() -> str:
        t = TargetInklusi.current()
        return f"{t.persen_perempuan}/{t.jumlah_disabilitas}"

    return Ekspor(
        sumber=[
            (
                RembugWarga.objects.for_user(user).in_region(wilayah),
                (
                    "pertemuan__versi",
                    "pertemuan__diubah",
                    "pertemuan__jumlah_l",
                    "pertemuan__jumlah_p",
                    "pertemuan__jumlah_disabilitas",
                ),
            ),
            (KegiatanInformal.objects.for_user(user).in_region(wilayah), ()),
        ],
        baris=lambda: kegiatan_rows(user, wilayah),
        nama=f"sosialisasi-{wilayah.kode}.xlsx",
        lembar="Sosialisasi",
        stempel_lain=target,
    )
