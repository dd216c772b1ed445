"""The dashboard pages: the nation (users who see the whole country), any region the user
may see with its children as drill-down links, a kelurahan with its own timeline; each table
as xlsx and the whole page as a printable PDF."""

from __future__ import annotations

from html import escape  # Django's escape less its lazy wrapper: called per cell
from urllib.parse import quote

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.views.generic import TemplateView, View

from kelurahan import access
from kelurahan.mixins import PortalMixin
from kelurahan.models import Pertemuan, Wilayah
from kelurahan.views.tugas import MintaTugasMixin
from plpbk.common.pdf import pdf_response
from plpbk.common.xlsx import xlsx_response

from . import dashboard as d
from .halaman import (  # noqa: F401  (names the views and tests have imported from here)
    PERHATIAN_DI_HALAMAN,
    TABEL_XLSX,
    FormatAngka,
    Halaman,
    SaringanForm,
    _ada_data,
    dashboard_url,
    grafik,
    sel_tabel,
    urut_kunci,
    urutkan,
)
from .pdf import dasbor_pdf


class DashboardMixin(PortalMixin, Halaman):
    """National page (no `kode`) only for users who see the whole country; other users are
    sent to their own top region. A region outside the user's scope is a 404."""

    permission = "dashboard"

    def dispatch(self, request, *args, **kwargs):
        self.redirect_to = None
        return super().dispatch(request, *args, **kwargs)

    def authorize(self):
        user = self.request.user
        kode = self.kwargs.get("kode")
        if kode is None:
            self.wilayah = None
            codes = access.region_codes(user)
            if codes is not None:
                if not codes:
                    raise Http404
                self.redirect_to = codes[0]
                return
            access.require(user, self.permission)
        else:
            self.wilayah = get_object_or_404(Wilayah.objects.for_user(user), kode=kode)
            access.require(user, self.permission, self.wilayah)

    def get(self, request, *args, **kwargs):
        if self.redirect_to:
            query = request.META.get("QUERY_STRING")
            url = reverse(self.redirect_name, kwargs={"kode": self.redirect_to, **self.redirect_kwargs()})
            return redirect(url + (f"?{query}" if query else ""))
        return self.respond(request)

    redirect_name = "dashboard_region"

    def redirect_kwargs(self) -> dict:
        return {}


class DashboardView(DashboardMixin, TemplateView):
    template_name = "plpbk/dashboard.html"

    def respond(self, request):
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        ctx = self.build()
        rows = self.table_rows(ctx)
        ctx["tabel"] = sel_tabel(rows, self._links(ctx), ctx["ambang"])
        ctx["grafik"] = grafik(ctx)
        menunggu = Pertemuan.objects.for_user(self.request.user).menunggu_verifikasi()
        ctx["menunggu_verifikasi"] = menunggu.in_region(self.wilayah) if self.wilayah is not None else menunggu
        ctx["tabel_halaman"] = tabel_halaman(ctx, tajuk_urut(ctx["urut"], self.request.GET))
        ctx["perhatian_html"] = perhatian_html(ctx["perhatian"][:PERHATIAN_DI_HALAMAN], ctx["query"])
        return super().get_context_data(**ctx, **kwargs)

    def _links(self, ctx):
        links = [dashboard_url(w.kode) for w, _i in ctx["anak_urut"]]
        if ctx.get("sendiri"):
            links.append("")
        links.append("")
        return links


def tajuk_urut(urut: str, params) -> dict:
    """{column: (link that sorts by it, aria-sort)}: a sorted column's link reverses it. The
    page's other parameters are encoded once, `urut` set in its place (or last)."""
    q = params.copy()
    q.setlist("urut", ["\x00"])
    depan, belakang = q.urlencode().split("urut=%00", 1)
    out = {}
    for nama in ["wilayah", *d.KOLOM_PER_NAMA]:
        if urut == nama:
            nilai, aria = f"-{nama}", "ascending"
        else:
            nilai, aria = nama, "descending" if urut == f"-{nama}" else "none"
        out[nama] = (f"?{depan}urut={quote(nilai, safe='')}{belakang}", aria)
    return out


def tabel_halaman(ctx, tajuk: dict) -> list[tuple]:
    """The page's tables: sortable headers; the programme locations' rows with the totals, and
    the children without any programme activity folded behind one line. Headers and rows are
    HTML made here (numbers, codes and escaped names): a template loop per row and column cost
    a national page more than all its figures."""
    n, k = ctx["n_utama"], ctx["n_kosong"]
    jenis = ctx["anak"][0][0].get_tingkat_display() if ctx.get("anak") else ""
    lipat = ngettext("%(n)s %(jenis)s tanpa lokasi PLP-BK", "%(n)s %(jenis)s tanpa lokasi PLP-BK", k) % {
        "n": k,
        "jenis": str(jenis).lower(),
    }
    query = f"?{ctx['query']}" if ctx.get("query") else ""
    out = []
    for key, title, cols, body in ctx["tabel"]:
        kolom = [("wilayah", gettext("Wilayah"), *tajuk["wilayah"])]
        kolom += [(attr, label, *tajuk[attr]) for attr, label, _k in cols]
        kepala = _kepala_html(kolom)
        bagian = [{"lipat": False, "baris": _baris_html(body[:n] + body[n + k :], query, tebal_akhir=True)}]
        if k:
            bagian.append({"lipat": True, "judul": lipat, "baris": _baris_html(body[n : n + k], query)})
        out.append((key, title, {"kolom": kolom, "kepala": kepala, "bagian": bagian}, body))
    return out


def perhatian_html(lokasi: list, query: str) -> str:
    """The attention list's items (plpbk.dasbor.perhatian.Lokasi): each location links to its
    dashboard with the page's filters, its reasons below."""
    tambahan = f"?{query}" if query else ""
    out = []
    for p in lokasi:
        alasan = "".join(f"<li>{escape(a.teks)}</li>" for a in p.alasan)
        out.append(
            f'<li class="mb-1" data-testid="perhatian-lokasi" data-kode="{escape(p.wilayah.kode)}">'
            f'<a href="{escape(p.url + tambahan)}" class="fw-semibold">{escape(p.wilayah.label)}</a>\n'
            f'<ul class="small mb-0">{alasan}</ul></li>'
        )
    return mark_safe("\n".join(out))  # noqa: S308 (escaped here)


PANAH = {"ascending": " ▲", "descending": " ▼"}


def _kepala_html(kolom: list[tuple]) -> str:
    """The header cells: each column's title links to the page sorted by it."""
    return mark_safe(  # noqa: S308 (escaped here)
        "".join(
            f'<th class="{"kolom-wilayah" if i == 0 else "text-end"}" aria-sort="{escape(aria)}">'
            f'<a href="{escape(href)}" class="link-dark" data-urut="{escape(attr)}">'
            f"{escape(label)}{PANAH.get(aria, '')}</a></th>"
            for i, (attr, label, href, aria) in enumerate(kolom)
        )
    )


def _baris_html(body: list[tuple], query: str, tebal_akhir: bool = False) -> str:
    """The rows of a table: the region (a link to its dashboard with the page's filters) and
    its cells (sel_tabel); the last row (the total) in bold when `tebal_akhir`."""
    out = []
    for i, (label, url, _cells, cells_html) in enumerate(body):
        tr = '<tr class="fw-semibold">' if tebal_akhir and i == len(body) - 1 else "<tr>"
        nama = escape(label)
        if url:
            nama = f'<a href="{escape(url + query)}" data-testid="anak">{nama}</a>'
        out.append(f'{tr}<th scope="row" class="text-nowrap kolom-wilayah fw-normal">{nama}</th>{cells_html}</tr>')
    return mark_safe("\n".join(out))  # noqa: S308 (escaped here)


class DashboardXlsxView(DashboardMixin, View):
    def redirect_kwargs(self):
        return {"tabel": self.kwargs["tabel"]}

    redirect_name = "dashboard_region_xlsx"

    def respond(self, request):
        tabel = self.kwargs["tabel"]
        if tabel not in TABEL_XLSX and tabel != "linimasa":
            raise Http404
        ctx = self.build()
        kode = (ctx["kode"] or "indonesia").replace(".", "")
        if tabel == "linimasa":
            if ctx.get("linimasa") is None:
                raise Http404
            rows = [[gettext("Tanggal"), gettext("Tahap"), gettext("Peristiwa")]]
            rows += [[p.tanggal, p.tahap, p.uraian] for p in ctx["linimasa"]]
            return xlsx_response(rows, f"dasbor-{kode}-linimasa.xlsx", gettext("Linimasa"))
        kolom_list = d.kolom(TABEL_XLSX[tabel])
        rows = d.tabel_xlsx(self.table_rows(ctx), kolom_list, ctx["keadaan"].teks)
        return xlsx_response(rows, f"dasbor-{kode}-{tabel}.xlsx", gettext("Dasbor"))


class DashboardPdfView(DashboardMixin, MintaTugasMixin, View):
    """The dashboard as PDF: a kabupaten or smaller at once; the nation or a province by a
    background job (plpbk/dasbor/tasks.py), offered on GET and asked by POST. Printed in the
    document language (plpbk.common.pdf: Indonesian unless `?bahasa=en`, which the English page's
    link asks for), cells and reasons included."""

    permission = "print"
    redirect_name = "dashboard_region_pdf"

    def respond(self, request):
        return MintaTugasMixin.get(self, request)

    def post(self, request, *args, **kwargs):
        if self.redirect_to:
            return self.get(request, *args, **kwargs)
        return MintaTugasMixin.post(self, request, *args, **kwargs)

    def perlu_tugas(self) -> bool:
        return self.wilayah is None or self.wilayah.tingkat <= 1

    @property
    def tugas_task(self):
        from .tasks import dasbor_pdf

        return dasbor_pdf

    def spesifikasi_tugas(self) -> dict:
        from .tasks import stempel

        kode = self.wilayah.kode if self.wilayah else None
        nama = self.wilayah.label if self.wilayah else gettext("Indonesia")
        return {
            "jenis": "dasbor.pdf",
            "judul": gettext("Cetak dasbor: %(wilayah)s") % {"wilayah": nama},
            "parameter": {"kode": kode, "q": self.request.GET.urlencode()},
            "stempel": stempel(kode),
            "kode_wilayah": kode,
            "kapabilitas": self.permission,
        }

    def respon_langsung(self):
        pdf, nama = dasbor_pdf(self, request=self.request)
        return pdf_response(pdf, nama)
