"""xlsx rows (header first) of allocations, requests and payments in a region."""

from collections.abc import Iterator

from django.db.models import Count, Max
from django.utils.translation import gettext as _

from kelurahan.tugas import Ekspor

from .models import AlokasiBLM, PembayaranBLM, PermintaanBLM


def alokasi_rows(qs) -> Iterator[list]:
    yield [
        _("Kode wilayah"),
        _("Kelurahan/desa"),
        _("Tahun"),
        _("APBN"),
        _("APBD provinsi"),
        _("APBD kabupaten/kota"),
        _("Swadaya/CSR"),
        _("Jumlah alokasi"),
        _("Sudah dibayar"),
        _("Sisa"),
        _("Bank"),
        _("No. rekening"),
        _("Atas nama"),
        _("Batas waktu pemanfaatan"),
    ]
    for a in qs.select_related("wilayah").order_by("wilayah_id", "tahun").iterator(chunk_size=2000):
        yield [
            a.wilayah_id,
            a.wilayah.label,
            a.tahun,
            a.apbn,
            a.apbd_provinsi,
            a.apbd_kabkota,
            a.swadaya,
            a.jumlah,
            a.terbayar,
            a.sisa,
            a.bank_nama,
            a.bank_rekening,
            a.bank_atas_nama,
            a.batas_waktu,
        ]


def permintaan_rows(qs) -> Iterator[list]:
    yield [
        _("Kode wilayah"),
        _("Kelurahan/desa"),
        _("Tahun"),
        _("Tahap"),
        _("Jumlah diminta"),
        _("Status"),
        _("Menunggu verifikasi"),
        _("Menunggu sejak"),
        _("Diajukan pada"),
        _("Terverifikasi pada"),
        _("Nomor surat"),
    ]
    qs = qs.select_related("wilayah", "alokasi").order_by("wilayah_id", "alokasi__tahun", "nomor")
    for p in qs.iterator(chunk_size=2000):
        yield [
            p.wilayah_id,
            p.wilayah.label,
            p.alokasi.tahun,
            p.nomor,
            p.jumlah,
            p.get_status_display(),
            p.get_langkah_display() if p.langkah else "",
            p.langkah_sejak.replace(tzinfo=None) if p.langkah_sejak else None,
            p.diajukan_pada.replace(tzinfo=None),
            p.diverifikasi_pada.replace(tzinfo=None) if p.diverifikasi_pada else None,
            p.nomor_surat,
        ]


def pembayaran_rows(qs) -> Iterator[list]:
    yield [
        _("Kode wilayah"),
        _("Kelurahan/desa"),
        _("Tahun"),
        _("Tahap"),
        _("Tanggal bayar"),
        _("Jumlah dibayar"),
        _("Nomor bukti"),
    ]
    qs = qs.select_related("wilayah", "alokasi", "permintaan").order_by("wilayah_id", "tanggal")
    for b in qs.iterator(chunk_size=2000):
        yield [b.wilayah_id, b.wilayah.label, b.alokasi.tahun, b.permintaan.nomor, b.tanggal, b.jumlah, b.nomor_bukti]


EXPORTS = {
    "alokasi": (AlokasiBLM, alokasi_rows, "Alokasi BLM"),
    "permintaan": (PermintaanBLM, permintaan_rows, "Permintaan BLM"),
    "pembayaran": (PembayaranBLM, pembayaran_rows, "Pembayaran BLM"),
}

#: what the rows print beyond the record's own fields (stamped with it)
TERKAIT = {
    "alokasi": ("terbayar",),
    # a step taken leaves a trail line; the status fields are not versioned
    "permintaan": (Count("jejak"), Max("jejak__pk"), Max("langkah_sejak"), Max("diverifikasi_pada")),
    "pembayaran": (),
}


def ekspor_blm(user, wilayah, jenis: str) -> Ekspor:
    """Allocations, requests or payments (`jenis`, a key of EXPORTS) in the region the user may see."""
    model, rows, title = EXPORTS[jenis]
    qs = model.objects.for_user(user).in_region(wilayah)
    return Ekspor(
        sumber=[(qs, TERKAIT[jenis])],
        baris=lambda: rows(qs),
        nama=f"blm-{jenis}-{wilayah.kode}.xlsx",
        lembar=title,
    )
