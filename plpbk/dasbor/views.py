"""The dashboard pages: the nation (users who see the whole country), any region the user
may see with its children as drill-down links, a kelurahan with its own timeline; each table
as xlsx and the whole page as a printable PDF."""

from __future__ import annotations

import datetime

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from kelurahan import access
from kelurahan.mixins import PortalMixin
from kelurahan.models import Pertemuan, Wilayah
from kelurahan.views.tugas import MintaTugasMixin
from plpbk.common.filters import tanggal
from plpbk.common.pdf import dalam_bahasa_dokumen, pdf_response, render_pdf
from plpbk.common.xlsx import xlsx_response

from . import arsip, figures, perhatian, ringkasan
from . import dashboard as d
from .charts import Seri, percent_bars, stacked_bars, tahap_ksm
from .linimasa import linimasa
from .models import AmbangPerhatian

WARNA_L, WARNA_P = "#2f6db5", "#d6336c"
WARNA_RENCANA, WARNA_REALISASI, WARNA_SERAP = "#adb5bd", "#198754", "#fd7e14"


class SaringanForm(forms.Form):
    tahun = forms.TypedChoiceField(
        label=_("Tahun program"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    angkatan = forms.ChoiceField(
        label=_("Angkatan"), required=False, widget=forms.Select(attrs={"class": "form-select form-select-sm"})
    )

    def __init__(self, *args, tahun=(), angkatan=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = [("", _("Semua tahun")), *((t, t) for t in tahun)]
        self.fields["angkatan"].choices = [("", _("Semua angkatan")), *((a, a) for a in angkatan)]

    def saringan(self) -> d.Saringan:
        if not self.is_valid():
            return d.Saringan()
        return d.Saringan(tahun=self.cleaned_data.get("tahun"), angkatan=self.cleaned_data.get("angkatan") or "")


def dashboard_url(kode: str) -> str:
    return reverse("dashboard_region", kwargs={"kode": kode})


class DashboardMixin(PortalMixin):
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

    # --- shared building blocks ----------------------------------------------------------
    def build(self) -> dict:
        user = self.request.user
        tahun, angkatan = d.pilihan_saringan(self.wilayah)
        form = SaringanForm(self.request.GET or None, tahun=tahun, angkatan=angkatan)
        saringan = form.saringan()
        hari_ini = timezone.localdate()
        per, per_salah = tanggal(self.request.GET)
        per = per or hari_ini
        # "as of" the end of that day: the waits are counted to it
        sampai = timezone.make_aware(datetime.datetime.combine(per, datetime.time.max))
        now = timezone.now() if per == hari_ini else sampai
        # the rows of that day: kept at its end, or the current ones (plpbk.dasbor.arsip)
        sumber = arsip.sumber(per, hari_ini)
        dasbor = d.Dasbor(user, self.wilayah, saringan, now=now, sumber=sumber)
        wilayah = self.wilayah
        ctx = {"wilayah": wilayah, "form": form, "saringan": saringan, "dasbor": dasbor}
        ctx.update(per=per, per_salah=per_salah, per_hari_ini=per == hari_ini, sumber=sumber)
        # the thresholds of the region's programme years: the attention list reads each
        # location's year, the tables' flags the chosen year's (or the only one's)
        ambang = perhatian.ambang_tahun(tahun)
        ctx["perhatian"] = perhatian.daftar(dasbor.ringkasan_lokasi(), per, ambang, tahun)
        tahun_tanda = saringan.tahun or (tahun[0] if len(tahun) == 1 else None)
        ctx["ambang"] = ambang.get(tahun_tanda) or AmbangPerhatian(tahun_program=tahun_tanda)
        # as of when the figures were counted, and what in scope is not counted yet
        ctx["keadaan"] = ringkasan.keadaan(user, self.wilayah, sumber)
        ctx["urut"] = urut_kunci(self.request.GET)
        # breadcrumbs go up through the dashboards of the regions the user may see
        tail = [(gettext("Dasbor nasional"), reverse("dashboard"))] if access.region_codes(user) is None else []
        tail += [(w.label, dashboard_url(w.kode) if boleh else "") for w, boleh in access.jalur(user, wilayah)]
        ctx["breadcrumb_tail"] = tail
        ctx["total"] = dasbor.total()
        if wilayah is None or not wilayah.is_kelurahan:
            children = Wilayah.objects.for_user(user).children_of(wilayah).order_by("kode")
            ctx["anak"] = dasbor.anak(children)
            ctx["sendiri"] = dasbor.tingkat_sendiri()
        else:
            ctx["anak"] = None
            ctx["linimasa"] = linimasa(user, wilayah)
        ctx["tertahan"] = dasbor.tertahan_per_langkah()
        ctx["judul"] = wilayah.label if wilayah else gettext("Indonesia")
        ctx["kode"] = wilayah.kode if wilayah else None
        query = self.request.GET.urlencode()
        ctx["query"] = query
        ctx["xlsx_url"] = {t: self.unduh_url(ctx["kode"], t, query) for t in [*TABEL_XLSX, "linimasa"]}
        # the PDF prints in Indonesian unless asked for in English: the English page asks
        pdf_query = self.request.GET.copy()
        if get_language().startswith("en"):
            pdf_query["bahasa"] = "en"
        ctx["pdf_url"] = self.unduh_url(ctx["kode"], None, pdf_query.urlencode())
        return ctx

    @staticmethod
    def unduh_url(kode, tabel, query) -> str:
        kwargs = {"kode": kode} if kode else {}
        if tabel is None:
            url = reverse("dashboard_region_pdf" if kode else "dashboard_pdf", kwargs=kwargs or None)
        else:
            url = reverse("dashboard_region_xlsx" if kode else "dashboard_xlsx", kwargs={**kwargs, "tabel": tabel})
        return url + (f"?{query}" if query else "")

    def table_rows(self, ctx) -> list[tuple[str, d.Indikator]]:
        """(label, indicators) of the page's comparison table: the children, the region's own
        level when something is recorded there, and the total last."""
        anak = urutkan(ctx["anak"] or [], ctx["urut"])
        utama = [(w, ind) for w, ind in anak if _ada_data(ind)]
        kosong = [(w, ind) for w, ind in anak if not _ada_data(ind)]
        ctx["anak_urut"] = utama + kosong
        ctx["n_utama"], ctx["n_kosong"] = len(utama), len(kosong)
        rows = [(w.label, ind) for w, ind in ctx["anak_urut"]]
        if ctx.get("sendiri"):
            rows.append((gettext("Tingkat %(nama)s sendiri") % {"nama": ctx["judul"]}, ctx["sendiri"]))
        rows.append((gettext("Jumlah %(nama)s") % {"nama": ctx["judul"]}, ctx["total"]))
        return rows


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
        return super().get_context_data(**ctx, **kwargs)

    def _links(self, ctx):
        links = [dashboard_url(w.kode) for w, _i in ctx["anak_urut"]]
        if ctx.get("sendiri"):
            links.append("")
        links.append("")
        return links


class FormatAngka:
    """Numbers formatted like the `angka`, `persen` and `rupiah` filters of the active
    language, with its separators read once: a national table has over a thousand cells and
    Django's number_format looks the locale up on every call."""

    def __init__(self):
        self.table = str.maketrans({",": get_format("THOUSAND_SEPARATOR"), ".": get_format("DECIMAL_SEPARATOR")})

    def __call__(self, value, kind) -> str:
        if value is None:
            return "–"
        if kind == "pct":
            return f"{value:,.1f}".translate(self.table) + "%"
        if kind == "rp":
            return "Rp " + f"{int(value):,}".translate(self.table)
        if kind == "des":
            return f"{value:,.1f}".translate(self.table)
        if kind == "pp":
            return f"{value:+,.1f}".translate(self.table) if value else f"{value:,.1f}".translate(self.table)
        return f"{value:,}".translate(self.table)


def urut_kunci(params) -> str:
    """The `urut` query parameter when it names a column (`kolom` or `-kolom`), else ""."""
    raw = (params.get("urut") or "")[:40]
    nama = raw.removeprefix("-")
    return raw if nama == "wilayah" or nama in d.KOLOM_PER_NAMA else ""


def urutkan(anak: list, urut: str) -> list:
    """Children sorted by the column `urut` (empty values last either way); by code when none."""
    if not urut:
        return list(anak)
    nama, turun = urut.removeprefix("-"), urut.startswith("-")
    if nama == "wilayah":
        return sorted(anak, key=lambda p: p[0].nama.lower(), reverse=turun)
    ada = [p for p in anak if getattr(p[1], nama) is not None]
    tanpa = [p for p in anak if getattr(p[1], nama) is None]
    return sorted(ada, key=lambda p: getattr(p[1], nama), reverse=turun) + tanpa


def tajuk_urut(urut: str, params) -> dict:
    """{column: (link that sorts by it, aria-sort)}: a sorted column's link reverses it."""
    out = {}
    for nama in ["wilayah", *d.KOLOM_PER_NAMA]:
        q = params.copy()
        if urut == nama:
            q["urut"], aria = f"-{nama}", "ascending"
        else:
            q["urut"], aria = nama, "descending" if urut == f"-{nama}" else "none"
        out[nama] = ("?" + q.urlencode(), aria)
    return out


def sel_tabel(rows, links, ambang: AmbangPerhatian, td_class="text-end") -> list[tuple]:
    """[(key, title, columns, [(label, url, [(value, kind, text)], cells as <td> HTML)])] for each
    table of the page. The cells are numbers formatted here and joined into one safe string
    per row: a template loop per cell is the slowest part of a page of 40 regions. A value past
    its figure's threshold (`tanda` in plpbk.dasbor.figures, read against `ambang`) is flagged
    (colour and a text mark)."""
    fmt = FormatAngka()
    tanda = {a.nama: a.tanda for a in figures.ANGKA if a.tanda}
    td = f'<td class="{escape(td_class)}">'
    out = []
    for key, title, _names in d.KELOMPOK:
        cols = d.kolom(key)
        body = []
        for (label, ind), url in zip(rows, links, strict=True):
            cells = [(v, kind, fmt(v, kind)) for v, kind in ((d.nilai(ind, attr), kind) for attr, _l, kind in cols)]
            html = mark_safe(  # noqa: S308 (numbers and fixed marks only)
                "".join(
                    _sel(td_class, text, flag=v is not None and tanda[attr](v, ambang))
                    if attr in tanda
                    else f"{td}{text}</td>"
                    for (attr, _l, _k2), (v, _k, text) in zip(cols, cells, strict=True)
                )
            )
            body.append((label, url, cells, html))
        out.append((key, title, cols, body))
    return out


def tabel_halaman(ctx, tajuk: dict) -> list[tuple]:
    """The page's tables: sortable headers; the programme locations' rows with the totals, and
    the children without any programme activity folded behind one line."""
    n, k = ctx["n_utama"], ctx["n_kosong"]
    jenis = ctx["anak"][0][0].get_tingkat_display() if ctx.get("anak") else ""
    lipat = ngettext("%(n)s %(jenis)s tanpa lokasi PLP-BK", "%(n)s %(jenis)s tanpa lokasi PLP-BK", k) % {
        "n": k,
        "jenis": str(jenis).lower(),
    }
    out = []
    for key, title, cols, body in ctx["tabel"]:
        kolom = [("wilayah", gettext("Wilayah"), *tajuk["wilayah"])]
        kolom += [(attr, label, *tajuk[attr]) for attr, label, _k in cols]
        bagian = [{"lipat": False, "baris": body[:n] + body[n + k :]}]
        if k:
            bagian.append({"lipat": True, "judul": lipat, "baris": body[n : n + k]})
        out.append((key, title, {"kolom": kolom, "bagian": bagian}, body))
    return out


def _sel(td_class: str, text: str, flag: bool) -> str:
    if not flag:
        return f'<td class="{escape(td_class)}">{text}</td>'
    mark = escape(gettext("melewati ambang"))
    return (
        f'<td class="{escape(td_class)} sel-tanda" data-tanda="1">'
        f'<span aria-hidden="true">⚠ </span>{text}<span class="visually-hidden"> ({mark})</span></td>'
    )


def grafik(ctx) -> dict:
    """The page's charts: participation by sex, BLM absorption, plan against actual, the KSM
    stage, per child (or for the kelurahan itself)."""
    if ctx["anak"] is not None and not ctx["anak"]:
        return {}
    rows = [(w.nama, ind) for w, ind in ctx["anak"]] if ctx["anak"] else [(ctx["judul"], ctx["total"])]
    charts = {}
    target = figures.TARGET_PEREMPUAN
    gender = [(label, [ind.laki_laki, ind.perempuan]) for label, ind in rows if ind.peserta or ind.lokasi]
    if gender:
        charts["gender"] = stacked_bars(
            gettext("Peserta pertemuan menurut jenis kelamin"),
            gender,
            [Seri(gettext("Laki-laki"), WARNA_L), Seri(gettext("Perempuan"), WARNA_P)],
            note=lambda v: f"{round(100 * v[1] / sum(v))}% P" if sum(v) else "–",
            target=(gettext("target %(n)s%% perempuan") % {"n": target}, target / 100),
        )
    serapan = [(label, [ind.penyerapan]) for label, ind in rows if ind.alokasi or ind.lokasi]
    if serapan:
        charts["serapan"] = percent_bars(
            gettext("Penyerapan BLM (dibayar dari alokasi)"), serapan, [Seri(gettext("Penyerapan"), WARNA_SERAP)]
        )
    rencana = [(label, [ind.rencana_persen, ind.realisasi_persen]) for label, ind in rows if ind.bobot or ind.lokasi]
    if rencana:
        charts["rencana"] = percent_bars(
            gettext("Rencana kerja: rencana dan realisasi s.d. hari ini"),
            rencana,
            [Seri(gettext("Rencana"), WARNA_RENCANA), Seri(gettext("Realisasi"), WARNA_REALISASI)],
        )
    if ksm := tahap_ksm(rows, ctx["ambang"].pakai_min):
        charts["ksm"] = ksm
    return charts


TABEL_XLSX = {"semua": None, **{key: key for key, _l, _n in d.KELOMPOK}}


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


def _ada_data(ind: d.Indikator) -> bool:
    return bool(ind.lokasi or ind.pertemuan or ind.alokasi or ind.lokakarya)


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
        pdf, nama = self.buat_pdf(self.request)
        return pdf_response(pdf, nama)

    @dalam_bahasa_dokumen
    def buat_pdf(self, request) -> tuple[bytes, str]:
        ctx = self.build()
        semua = self.table_rows(ctx)
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
