"""Print documents of a meeting, shared by every app that uses `Pertemuan`.

- `daftar_hadir_pdf(pertemuan, blank=False)`: the attendance list, filled or blank (numbered
  rows, a signature column, and a QR code that opens the meeting's entry page).
- `meeting_pack(pertemuan, berita_acara_template=..., context=...)`: berita acara, notulen,
  daftar hadir and photos in ONE PDF (scanned PDF attachments are appended at the end).
- `berita_acara_pdf(...)`: the berita acara alone.
- `ringkasan_kehadiran(pertemuan)`: totals by sex, unsur and disability, for reports.

Everything renders through `plpbk.common.pdf.render_pdf` with the lean print CSS in static/pdf/.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass, field
from urllib.parse import urljoin

import segno
from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plpbk.common.pdf import dalam_bahasa_dokumen, render_pdf

from . import access
from .models import JenisLampiran, Lampiran, Pertemuan
from .penandatangan import FASILITATOR, KEPALA_DESA, KOORDINATOR_BKM, Penandatangan, penandatangan_semua
from .siklus import revisi_terakhir

BLANK_ROWS = 30
#: lists longer than this print in the compact layout (one text run per row: WeasyPrint lays
#: out a 7-cell table row in ~14 ms, so 1,000 rows would take 15 s; compact rows take ~3 ms)
TABLE_MAX_ROWS = 60


@dataclass
class BarisUnsur:
    unsur: str
    l: int = 0  # noqa: E741
    p: int = 0

    @property
    def total(self) -> int:
        return self.l + self.p


@dataclass
class RingkasanKehadiran:
    """Attendance totals of one meeting, as printed in reports."""

    laki_laki: int = 0
    perempuan: int = 0
    disabilitas: int = 0
    disabilitas_l: int = 0
    disabilitas_p: int = 0
    miskin: int = 0
    per_unsur: list[BarisUnsur] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.laki_laki + self.perempuan

    @property
    def persen_perempuan(self) -> float | None:
        return None if self.total == 0 else 100 * self.perempuan / self.total


def ringkasan_kehadiran(pertemuan: Pertemuan) -> RingkasanKehadiran:
    """Totals by sex, disability, poverty and unsur (two queries); % perempuan as a property."""
    totals = pertemuan.kehadiran.aggregate(
        l=Count("pk", filter=Q(jenis_kelamin="L")),
        p=Count("pk", filter=Q(jenis_kelamin="P")),
        d=Count("pk", filter=Q(disabilitas=True)),
        dl=Count("pk", filter=Q(disabilitas=True, jenis_kelamin="L")),
        dp=Count("pk", filter=Q(disabilitas=True, jenis_kelamin="P")),
        m=Count("pk", filter=Q(miskin=True)),
    )
    rows = (
        pertemuan.kehadiran.values("unsur")
        .annotate(l=Count("pk", filter=Q(jenis_kelamin="L")), p=Count("pk", filter=Q(jenis_kelamin="P")))
        .order_by("unsur")
    )
    per_unsur = [BarisUnsur(r["unsur"] or "–", r["l"], r["p"]) for r in rows]
    per_unsur.sort(key=lambda b: (-b.total, b.unsur))
    return RingkasanKehadiran(
        laki_laki=totals["l"],
        perempuan=totals["p"],
        disabilitas=totals["d"],
        disabilitas_l=totals["dl"],
        disabilitas_p=totals["dp"],
        miskin=totals["m"],
        per_unsur=per_unsur,
    )


@dataclass
class KolomRingkas:
    judul: str
    lebar: int  # characters
    kanan: bool = False


GAP = 3  # characters between columns; the rule is drawn in the middle


def _kolom_ringkas(pribadi: bool) -> list[KolomRingkas]:
    cols = [
        KolomRingkas("No", 4, kanan=True),
        KolomRingkas(str(_("Nama")), 30),
        KolomRingkas(str(_("L/P")), 3),
        KolomRingkas(str(_("RT/RW")), 5),
        KolomRingkas(str(_("Unsur/Jabatan")), 18 if pribadi else 22),
    ]
    if pribadi:
        cols += [KolomRingkas(str(_("Msk")), 3), KolomRingkas(str(_("Dis")), 3)]
    cols.append(KolomRingkas(str(_("Tanda tangan")), 12))
    return cols


def _baris_teks(cells: list[str], cols: list[KolomRingkas]) -> str:
    wrapped = [textwrap.wrap(c, k.lebar) or [""] for c, k in zip(cells, cols, strict=True)]
    lines = []
    for i in range(max(len(w) for w in wrapped)):
        parts = []
        for w, k in zip(wrapped, cols, strict=True):
            text = w[i] if i < len(w) else ""
            parts.append(text.rjust(k.lebar) if k.kanan else text.ljust(k.lebar))
        lines.append((" " * GAP).join(parts).rstrip())
    return "\n".join(lines)


def daftar_ringkas(kehadiran, pribadi: bool) -> dict:
    """The attendance list as one preformatted text run per row (monospaced columns, rules
    drawn by background gradients), for long lists."""
    cols = _kolom_ringkas(pribadi)
    ya = str(_("ya"))
    rows = []
    for k in kehadiran:
        cells = [str(k.urutan), k.nama, k.jenis_kelamin, k.rt_rw, k.unsur]
        if pribadi:
            cells += [ya if k.miskin else "", ya if k.disabilitas else ""]
        cells.append("")
        rows.append(_baris_teks(cells, cols))
    stops, pos = [], 0.5
    for k in cols[:-1]:
        pos += k.lebar + GAP / 2
        stops.append(
            f"linear-gradient(to right, transparent {pos:.1f}ch, #000 {pos:.1f}ch, "
            f"#000 calc({pos:.1f}ch + 0.5pt), transparent calc({pos:.1f}ch + 0.5pt))"
        )
        pos += GAP / 2
    return {
        "header": _baris_teks([k.judul for k in cols], cols),
        "rows": rows,
        "style": "background-image: " + ", ".join(stops),
        "legend": pribadi,
    }


def entry_url(pertemuan: Pertemuan) -> str:
    """Absolute URL of the meeting's attendance entry page (for the QR code)."""
    return urljoin(settings.SITE_URL.rstrip("/") + "/", reverse("kelurahan:kehadiran", args=[pertemuan.pk]).lstrip("/"))


def qr_svg_data_uri(text: str) -> str:
    return segno.make(text, error="m").svg_data_uri(scale=3, border=1)


def _photos(pertemuan: Pertemuan) -> list[Lampiran]:
    return [
        lamp
        for lamp in pertemuan.lampiran.filter(berkas__tipe_isi__startswith="image/")
        .select_related("berkas")
        .order_by("jenis", "id")
        if lamp.berkas.berkas.storage.exists(lamp.berkas.berkas.name)
    ]


def lihat_data_pribadi(pertemuan: Pertemuan, request=None) -> bool:
    """Poverty/disability columns are printed for roles holding "data_pribadi" (always
    when called without a request, e.g. from a command)."""
    if request is None:
        return True
    return access.has_cap(request.user, "data_pribadi", pertemuan.wilayah_id)


def pertemuan_context(
    pertemuan: Pertemuan, *, blank: bool = False, with_rows: bool = True, request=None, baris_kosong: int = BLANK_ROWS
) -> dict:
    """The context every meeting print template gets."""
    context = {
        "pribadi": lihat_data_pribadi(pertemuan, request),
        "pertemuan": pertemuan,
        "revisi_terakhir": revisi_terakhir(pertemuan),
        "wilayah": pertemuan.wilayah,
        "jalur": pertemuan.wilayah.jalur(),
        "dicetak": timezone.localtime(),
        "blank": blank,
    }
    if blank:
        context["baris_kosong"] = range(1, baris_kosong + 1)
        context["qr"] = qr_svg_data_uri(entry_url(pertemuan))
        context["qr_url"] = entry_url(pertemuan)
    elif with_rows:
        rows = list(pertemuan.kehadiran.order_by("urutan"))
        context["kehadiran"] = rows
        context["ringkasan"] = ringkasan_kehadiran(pertemuan)
        if len(rows) > TABLE_MAX_ROWS:
            context["ringkas"] = daftar_ringkas(rows, context["pribadi"])
    return context


@dalam_bahasa_dokumen
def daftar_hadir_pdf(pertemuan: Pertemuan, blank: bool = False, request=None, baris_kosong: int = BLANK_ROWS) -> bytes:
    """The daftar hadir of a meeting: filled with its rows, or blank (`baris_kosong` numbered
    rows, a signature column and a QR code to the entry page) for printing before the meeting."""
    return render_pdf(
        "pdf/kelurahan/daftar_hadir.html",
        pertemuan_context(pertemuan, blank=blank, request=request, baris_kosong=baris_kosong),
        request=request,
    )


def tanda_tangan(pertemuan: Pertemuan) -> dict[str, Penandatangan]:
    """The signers of a meeting's documents on its date: Fasilitator, Koordinator BKM and the
    Kepala Desa/Lurah (blank where nobody holds the position)."""
    return penandatangan_semua(pertemuan.wilayah, pertemuan.tanggal, [FASILITATOR, KOORDINATOR_BKM, KEPALA_DESA])


@dalam_bahasa_dokumen
def berita_acara_pdf(pertemuan: Pertemuan, *, berita_acara_template: str, context: dict, request=None) -> bytes:
    """The berita acara alone. `berita_acara_template` extends "pdf/berita_acara_base.html"."""
    ctx = pertemuan_context(pertemuan, with_rows=False, request=request)
    ctx["ringkasan"] = ringkasan_kehadiran(pertemuan)
    ctx["ttd"] = tanda_tangan(pertemuan)
    ctx.update(context)
    ctx["berita_acara_template"] = berita_acara_template
    return render_pdf("pdf/kelurahan/berita_acara.html", ctx, request=request)


@dalam_bahasa_dokumen
def meeting_pack(pertemuan: Pertemuan, *, berita_acara_template: str, context: dict, request=None) -> bytes:
    """ONE PDF with the berita acara, the notulen, the daftar hadir and the photos; scanned
    PDF attachments (e.g. the signed paper list) are appended after them.

    Usage from another app (the template extends the shared block)::

        # templates/pdf/sosialisasi/berita_acara.html
        {% extends "pdf/berita_acara_base.html" %}
        {% block isi %}<p>... {{ rembug.hasil }} ...</p>{% endblock %}

        from kelurahan.pdf import meeting_pack
        pdf = meeting_pack(rembug.pertemuan, berita_acara_template="pdf/sosialisasi/berita_acara.html",
                           context={"rembug": rembug}, request=request)
        return pdf_response(pdf, "paket-rembug.pdf")

    Blocks of pdf/berita_acara_base.html: `judul`, `pembuka`, `isi`, `kesepakatan`,
    `tanda_tangan`; the context has `pertemuan`, `wilayah`, `ringkasan`, `kehadiran`, `ttd`
    (the signers, see `tanda_tangan`) and whatever the caller passes in `context`.
    """
    ctx = pertemuan_context(pertemuan, request=request)
    ctx["ttd"] = tanda_tangan(pertemuan)
    ctx.update(context)
    ctx["berita_acara_template"] = berita_acara_template
    ctx["foto"] = _photos(pertemuan)
    pdf = render_pdf("pdf/kelurahan/meeting_pack.html", ctx, request=request)
    pdfs = pertemuan.lampiran.filter(berkas__tipe_isi="application/pdf").select_related("berkas")
    if not ctx["pribadi"]:
        # a scanned daftar hadir shows personal data: the same rule as the file view
        pdfs = pdfs.exclude(jenis=JenisLampiran.DAFTAR_HADIR)
    scans = [
        lamp for lamp in pdfs.order_by("jenis", "id") if lamp.berkas.berkas.storage.exists(lamp.berkas.berkas.name)
    ]
    if not scans:
        return pdf
    return _append_pdfs(pdf, scans)


def _append_pdfs(pdf: bytes, scans: list[Lampiran]) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(pdf)))
    for lamp in scans:
        try:
            with lamp.berkas.berkas.open("rb") as fh:
                writer.append(PdfReader(io.BytesIO(fh.read())))
        except Exception:  # noqa: S112 - a broken scan must not stop the pack; it is listed in the pack
            continue
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def foto(pertemuan: Pertemuan) -> list[Lampiran]:
    """Photos of a meeting that exist on disk, for report templates of other apps."""
    return _photos(pertemuan)


__all__ = [
    "RingkasanKehadiran",
    "berita_acara_pdf",
    "daftar_hadir_pdf",
    "entry_url",
    "foto",
    "meeting_pack",
    "pertemuan_context",
    "ringkasan_kehadiran",
]
