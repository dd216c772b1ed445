"""Spreadsheet rows of the TIPP app (written through plpbk.common.xlsx)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from kelurahan.models import LokasiProgram
from plpbk.common.filters import teks

from .jadwal import kurva_per_wilayah
from .models import Kegiatan, LangkahTIPP


def rencana_rows(kegiatan: Sequence[Kegiatan]) -> Iterator[list]:
    yield [
        "No",
        _("Tahap"),
        _("Kegiatan"),
        _("Volume"),
        _("Satuan"),
        _("Penanggung jawab"),
        _("Mulai (rencana)"),
        _("Durasi (hari)"),
        _("Selesai (rencana)"),
        _("Mulai (baseline)"),
        _("Selesai (baseline)"),
        _("Mulai (aktual)"),
        _("Selesai (aktual)"),
        _("Progres (%)"),
    ]
    for i, k in enumerate(kegiatan, start=1):
        yield [
            i,
            k.get_tahap_display(),
            k.nama,
            float(k.volume),
            k.satuan,
            k.penanggung_jawab,
            k.mulai,
            k.durasi,
            k.selesai,
            k.baseline_mulai,
            k.baseline_selesai,
            k.mulai_aktual,
            k.selesai_aktual,
            k.progres,
        ]


def dokumen_rows(dokumen) -> Iterator[list]:
    """Planning documents (with `wilayah` selected), one line each."""
    yield [
        "No",
        _("Kode wilayah"),
        _("Kelurahan/desa"),
        _("Jenis"),
        _("Judul"),
        _("Periode"),
        _("Status"),
        _("Dasar hukum"),
        _("Nomor"),
        _("Tanggal"),
        _("Tanggal disahkan"),
        _("Berkas"),
    ]
    for i, d in enumerate(dokumen, start=1):
        yield [
            i,
            d.wilayah_id,
            d.wilayah.label,
            d.get_jenis_display(),
            d.judul,
            d.periode,
            d.get_status_display(),
            d.get_dasar_jenis_display() if d.dasar_jenis else "",
            d.dasar_nomor,
            d.dasar_tanggal,
            d.disahkan,
            _("Ada") if d.berkas_id else _("Belum"),
        ]


def lokasi_tipp(user, params):
    """The programme kelurahan of the TIPP list in `user`'s scope, filtered by the query
    parameters `q` (name) and `status` (terbentuk/belum), annotated with `langkah_selesai`; the
    list page, its xlsx and the background export read it."""
    # a correlated count, computed for the rows of the page only: the page's total
    # (the paginator's count) is then a plain count of locations, not a grouped join
    selesai = (
        LangkahTIPP.objects.filter(tipp__wilayah_id=OuterRef("wilayah_id"), selesai__isnull=False)
        .order_by()
        .values("tipp")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        LokasiProgram.objects.for_user(user)
        .select_related("wilayah", "wilayah__tipp", "wilayah__rencana_kerja")
        .annotate(langkah_selesai=Coalesce(Subquery(selesai, output_field=IntegerField()), 0))
        .order_by("wilayah__kode")
    )
    q = teks(params, "q")
    if q:
        rows = rows.filter(wilayah__nama__icontains=q)
    status = params.get("status", "")
    if status == "terbentuk":
        rows = rows.filter(wilayah__tipp__dikukuhkan__isnull=False)
    elif status == "belum":
        rows = rows.filter(wilayah__tipp__dikukuhkan__isnull=True)
    return rows


def tipp_rows(lokasi: Iterable) -> Iterator[list]:
    """The TIPP list (programme kelurahan, `LokasiProgram` rows annotated with
    `langkah_selesai`): formation, confirmation, work plan and its progress as of today."""
    yield [
        _("Kode"),
        _("Kelurahan/desa"),
        _("Langkah selesai"),
        _("Dikukuhkan"),
        _("Rencana kerja disetujui"),
        _("Tanggal status"),
        _("Rencana (%)"),
        _("Realisasi (%)"),
        _("Kegiatan terlambat"),
    ]
    rows = list(lokasi)
    kurva = kurva_per_wilayah([lok.wilayah for lok in rows])
    for lok in rows:
        tipp = getattr(lok.wilayah, "tipp", None)
        rencana = getattr(lok.wilayah, "rencana_kerja", None)
        k = kurva.get(lok.wilayah.kode)
        status = k is not None and k.status is not None
        yield [
            lok.wilayah.kode,
            lok.wilayah.label,
            lok.langkah_selesai,
            tipp.dikukuhkan if tipp and tipp.dikukuhkan else None,
            rencana.disetujui if rencana and rencana.disetujui else None,
            k.status if status else None,
            round(k.rencana_status, 1) if status else None,
            round(k.aktual_status, 1) if status else None,
            len(k.terlambat) if status else None,
        ]
