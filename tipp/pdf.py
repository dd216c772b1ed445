"""Context builders and PDFs of the TIPP app: the work plan (landscape, with the Gantt
chart and the S-curve) and the berita acara of a Pokja election."""

from __future__ import annotations

from django.utils import timezone

from kelurahan import penandatangan
from kelurahan.pdf import meeting_pack
from kelurahan.penandatangan import penandatangan_semua
from plpbk.common.pdf import dalam_bahasa_dokumen, render_pdf

from . import election, services
from .jadwal import buat_gantt, kurva_s, tanggal_status
from .models import Pemilihan, ProgresKegiatan, RencanaKerja


def rencana_context(wilayah, rencana: RencanaKerja | None, per=None) -> dict:
    """Everything the plan page and the plan PDF show, plan against actual "as of" `per`
    (default: today, or the last report of a finished plan); a constant number of queries."""
    kegiatan = list(rencana.kegiatan.all()) if rencana else []
    laporan = list(ProgresKegiatan.objects.filter(kegiatan__rencana=rencana)) if kegiatan else []
    kurva, per_laporan_terakhir = None, False
    if rencana and rencana.is_approved and kegiatan:
        if per is None:
            per, per_laporan_terakhir = tanggal_status(kegiatan, laporan, timezone.localdate())
        kurva = kurva_s(kegiatan, laporan, status=per)
    batas = services.batas_waktu_pemanfaatan(wilayah)
    status = kurva.status if kurva else None
    return {
        "per_laporan_terakhir": per_laporan_terakhir,
        "wilayah": wilayah,
        "rencana": rencana,
        "kegiatan": kegiatan,
        "gantt": buat_gantt(kegiatan, status=status, batas=batas),
        "kurva": kurva,
        "batas": batas,
        "lewat_batas": [k for k in kegiatan if batas and k.selesai > batas],
    }


@dalam_bahasa_dokumen
def rencana_pdf(wilayah, rencana, request=None, per=None) -> bytes:
    context = rencana_context(wilayah, rencana, per=per)
    context["dicetak"] = timezone.localtime()
    context["ttd"] = penandatangan_semua(
        wilayah, rencana.disetujui if rencana else None, [penandatangan.KOORDINATOR_BKM, penandatangan.KEPALA_DESA]
    )
    return render_pdf("pdf/tipp/rencana.html", context, request=request)


def berita_acara_context(pemilihan: Pemilihan) -> dict:
    kandidat = list(pemilihan.kandidat.select_related("orang"))
    pemilih = pemilihan.pemilih.count()
    return {
        "pemilihan": pemilihan,
        "pokja": pemilihan.pokja,
        "kandidat": kandidat,
        "hasil": election.hitung_hasil(pemilihan, kandidat, pemilih),
        "fgd": list(pemilihan.pokja.fgd.select_related("pertemuan")),
    }


@dalam_bahasa_dokumen
def berita_acara_pemilihan(pemilihan: Pemilihan, request=None) -> bytes:
    """The election's berita acara with its daftar hadir, as one meeting pack."""
    return meeting_pack(
        pemilihan.pertemuan,
        berita_acara_template="pdf/tipp/berita_acara_pemilihan.html",
        context=berita_acara_context(pemilihan),
        request=request,
    )


def dokumen_context(dokumen) -> dict:
    """What the document page and its summary sheet show: trail, consultations (with their
    attendance counters), signatories on the date of the legal basis (or today)."""
    from .models_dokumen import StatusDokumen

    konsultasi = list(dokumen.konsultasi.select_related("pertemuan").order_by("pertemuan__tanggal", "pk"))
    jejak = list(dokumen.jejak.select_related("oleh").order_by("pada", "pk"))
    return {
        "dokumen": dokumen,
        "wilayah": dokumen.wilayah,
        "konsultasi": konsultasi,
        "hadir": {
            "l": sum(k.pertemuan.jumlah_l for k in konsultasi),
            "p": sum(k.pertemuan.jumlah_p for k in konsultasi),
            "miskin": sum(k.pertemuan.jumlah_miskin for k in konsultasi),
        },
        "jejak": jejak,
        "urutan_status": [(value, label, i) for i, (value, label) in enumerate(StatusDokumen.choices)],
        "posisi_status": StatusDokumen.values.index(dokumen.status),
        "ttd": penandatangan_semua(
            dokumen.wilayah, dokumen.dasar_tanggal, [penandatangan.KEPALA_DESA, penandatangan.KOORDINATOR_BKM]
        ),
    }


@dalam_bahasa_dokumen
def dokumen_pdf(dokumen, request=None) -> bytes:
    """The document's summary sheet: kind, status and its trail, consultations, legal basis,
    signatories (Lurah/Kepala Desa and BKM)."""
    context = dokumen_context(dokumen)
    context["dicetak"] = timezone.localtime()
    context["jalur"] = dokumen.wilayah.jalur()
    return render_pdf("pdf/tipp/dokumen.html", context, request=request)
