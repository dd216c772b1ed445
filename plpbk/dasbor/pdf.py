"""The dashboard as a PDF, built from the page's content (plpbk/dasbor/halaman.py) by the view
(a kabupaten or smaller) and by the background job (the nation, a province)."""

from __future__ import annotations

from django.utils import timezone

from plpbk.common.pdf import dalam_bahasa_dokumen, render_pdf

from .halaman import Halaman, _ada_data, grafik, sel_tabel


@dalam_bahasa_dokumen
def dasbor_pdf(halaman: Halaman, request=None) -> tuple[bytes, str]:
    """(PDF, file name) of the dashboard `halaman`: its tables, children without any record
    counted rather than printed, and its charts; in the document language of `request`."""
    ctx = halaman.build()
    semua = halaman.table_rows(ctx)
    # a summary: children with nothing recorded are counted, not printed
    n_anak = len(ctx["anak"] or [])
    kept = [r for r in semua[:n_anak] if _ada_data(r[1])]
    ctx["tanpa_data"] = n_anak - len(kept)
    rows = kept + semua[n_anak:]
    ctx["tabel"] = sel_tabel(rows, [""] * len(rows), ctx["ambang"], td_class="r")
    ctx["grafik"] = grafik(ctx)
    ctx["dicetak"] = timezone.localtime()
    pdf = render_pdf("pdf/dashboard.html", ctx, request=request)
    kode = (ctx["kode"] or "indonesia").replace(".", "")
    return pdf, f"dasbor-{kode}.pdf"
