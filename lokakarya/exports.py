"""Spreadsheet rows of the lokakarya list."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _

from .models import SumberDana, TingkatLokakarya


def lokakarya_rows(queryset) -> Iterator[list]:
    yield [
        _("Tanggal"),
        _("Judul"),
        _("Tingkat"),
        _("Kode wilayah"),
        _("Wilayah"),
        _("Tempat"),
        _("Penyelenggara"),
        _("Sumber dana"),
        _("Laki-laki"),
        _("Perempuan"),
        _("% perempuan"),
        _("Disabilitas"),
        _("Warga miskin"),
    ]
    tingkat = dict(TingkatLokakarya.choices)
    dana = dict(SumberDana.choices)
    for obj in queryset.select_related("pertemuan", "pertemuan__wilayah").iterator(chunk_size=2000):
        p = obj.pertemuan
        persen = p.persen_perempuan
        yield [
            p.tanggal,
            p.judul,
            str(tingkat.get(obj.tingkat, obj.tingkat)),
            p.wilayah_id,
            p.wilayah.label,
            p.tempat,
            obj.penyelenggara,
            str(dana.get(obj.sumber_dana, obj.sumber_dana)),
            p.jumlah_l,
            p.jumlah_p,
            None if persen is None else round(persen, 1),
            p.jumlah_disabilitas,
            p.jumlah_miskin,
        ]
