"""Spreadsheet rows of a meeting's attendance (written through plpbk.common.xlsx)."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _

from .imports import COLUMNS
from .models import Pertemuan, ProfilKelurahan
from .tugas import Ekspor

TEMPLATE_ROWS = 100


def _yt(value: bool) -> str:
    return _("Ya") if value else _("Tidak")


def header(pribadi: bool = True) -> list[str]:
    cols = [c[0] for f, c in COLUMNS.items() if pribadi or f not in ("miskin", "disabilitas")]
    return cols


def catatan_pribadi() -> str:
    return _(
        "Berisi data pribadi (status warga miskin dan disabilitas): simpan baik-baik dan bagikan hanya "
        "untuk keperluan program PLP-BK."
    )


def kehadiran_rows(pertemuan: Pertemuan, pribadi: bool = True, chunk: int = 2000) -> Iterator[list]:
    """Header, then one row per attendee (streamed from the database). With personal data, a
    note line comes first (the import still finds the header below it)."""
    if pribadi:
        yield [catatan_pribadi()]
    yield header(pribadi)
    fields = ("urutan", "nama", "jenis_kelamin", "unsur", "alamat", "rt", "rw", "miskin", "disabilitas")
    for r in pertemuan.kehadiran.order_by("urutan").values_list(*fields).iterator(chunk_size=chunk):
        row = list(r[:7])
        if pribadi:
            row += [_yt(r[7]), _yt(r[8])]
        yield row


def template_rows(pertemuan: Pertemuan) -> Iterator[list]:
    """A blank daftar hadir: a title block, the header row and numbered empty rows."""
    yield [_("DAFTAR HADIR")]
    yield [pertemuan.judul]
    yield [
        f"{pertemuan.wilayah.label} · {pertemuan.tanggal:%d-%m-%Y}"
        + (f" · {pertemuan.tempat}" if pertemuan.tempat else "")
    ]
    yield [_("Isi satu peserta per baris. L/P: L atau P. Warga miskin/Disabilitas: Ya atau Tidak.")]
    yield header()
    for n in range(1, TEMPLATE_ROWS + 1):
        yield [n]


def profil_rows(profil) -> Iterator[list]:
    """Kelurahan profiles (rows with `wilayah` selected), one line per kelurahan and year."""
    yield [
        _("Kode wilayah"),
        _("Kelurahan/desa"),
        _("Tahun"),
        _("Penduduk laki-laki"),
        _("Penduduk perempuan"),
        _("Jumlah penduduk"),
        _("Jumlah KK"),
        _("KK miskin"),
        _("Warga MBR"),
        _("Jumlah RT"),
        _("Jumlah RW"),
        _("Jumlah dusun"),
        _("Sumber data"),
    ]
    for p in profil:
        yield [
            p.wilayah_id,
            p.wilayah.label,
            p.tahun,
            p.penduduk_l,
            p.penduduk_p,
            p.jumlah_penduduk,
            p.jumlah_kk,
            p.kk_miskin,
            p.jumlah_mbr,
            p.jumlah_rt,
            p.jumlah_rw,
            p.jumlah_dusun,
            p.sumber,
        ]


def ekspor_profil(user, wilayah) -> Ekspor:
    """Every profile in the region the user may see (all years), one line per kelurahan and year."""
    qs = ProfilKelurahan.objects.for_user(user).in_region(wilayah).select_related("wilayah")
    qs = qs.order_by("wilayah_id", "tahun")
    return Ekspor(
        sumber=[(qs, ())],
        baris=lambda: profil_rows(qs.iterator(chunk_size=2000)),
        nama=f"profil-kelurahan-{wilayah.kode}.xlsx",
        lembar="Profil",
    )
