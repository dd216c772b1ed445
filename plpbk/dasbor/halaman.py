"""The dashboard page's content without HTTP: the context of a region's (or the nation's) page,
its comparison table, cells and charts. The page, its xlsx and its PDF (plpbk/dasbor/pdf.py, also
run by a background job) are built from it."""

from __future__ import annotations

import datetime
import hashlib
import logging
from html import escape  # Django's escape less its lazy wrapper: called per cell

from django import forms
from django.core.cache import cache
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.formats import get_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from kelurahan import access
from kelurahan.models import Wilayah
from plpbk.common.filters import tanggal

from . import arsip, figures, perhatian, ringkasan
from . import dashboard as d
from .charts import Seri, percent_bars, stacked_bars, tahap_ksm
from .dashboard import dashboard_url
from .linimasa import linimasa
from .models import AmbangPerhatian

logger = logging.getLogger(__name__)

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

    def pilihan(self, nama: str) -> str:
        """The select of field `nama` as its widget renders it, without the widget's templates
        (two selects cost a dashboard more than its attention list)."""
        bound = self[nama]
        nilai = bound.value()
        nilai = "" if nilai is None else str(nilai)
        field = self.fields[nama]
        opsi = "".join(
            f'\n  <option value="{escape(str(v))}"{" selected" if str(v) == nilai else ""}>'
            f"{escape(str(label))}</option>\n"
            for v, label in field.choices
        )
        attrs = f'class="{escape(field.widget.attrs["class"])}"'
        if bound.errors:
            attrs += f' aria-invalid="true" aria-describedby="{bound.auto_id}_error"'
        return mark_safe(f'<select name="{nama}" {attrs} id="{bound.auto_id}">{opsi}\n</select>')  # noqa: S308

    def saringan(self) -> d.Saringan:
        if not self.is_valid():
            return d.Saringan()
        return d.Saringan(tahun=self.cleaned_data.get("tahun"), angkatan=self.cleaned_data.get("angkatan") or "")


class Halaman:
    """The dashboard of `wilayah` (None: the nation) as `request.user` sees it, read with the
    query parameters `request.GET`. The views are Halaman; a background job makes one from a
    stand-in request (kelurahan.tugas.permintaan)."""

    def __init__(self, request=None, wilayah=None):
        self.request = request
        self.wilayah = wilayah

    def build(self) -> dict:
        user = self.request.user
        hari_ini = timezone.localdate()
        per, per_salah = tanggal(self.request.GET)
        per = per or hari_ini
        # "as of" the end of that day: the waits are counted to it
        sampai = timezone.make_aware(datetime.datetime.combine(per, datetime.time.max))
        now = timezone.now() if per == hari_ini else sampai
        # the rows of that day: kept at its end, or the current ones (plpbk.dasbor.arsip); the
        # years and cohorts offered are those of that day's rows
        sumber = arsip.sumber(per, hari_ini)
        # the summary's clock, and every programme year's thresholds
        hari = ringkasan.hari_ringkasan() if sumber.terkini else None
        semua = perhatian.ambang_semua()
        # what this page made of the summary rows since they were last counted, if kept
        simpan = kunci_simpanan(self.wilayah, self.request.GET, sumber, hari, semua)
        bahan = simpanan_baca(simpan) if simpan else None
        tahun, angkatan = bahan["pilihan"] if bahan else d.pilihan_saringan(self.wilayah, sumber)
        form = SaringanForm(self.request.GET or None, tahun=tahun, angkatan=angkatan)
        saringan = form.saringan()
        wilayah = self.wilayah
        # the children the tables list (a region the user may open is in scope whole, so these
        # are all its children, and their kelurahan in the official list are read from them)
        children = None
        if wilayah is None or not wilayah.is_kelurahan:
            children = list(Wilayah.objects.for_user(user).children_of(wilayah).order_by("kode"))
        dasbor = d.Dasbor(
            user, wilayah, saringan, now=now, sumber=sumber, bahan=bahan and bahan["jumlah"], daftar_anak=children
        )
        ctx = {"wilayah": wilayah, "form": form, "saringan": saringan, "dasbor": dasbor}
        ctx.update(pilihan_tahun=form.pilihan("tahun"), pilihan_angkatan=form.pilihan("angkatan"))
        ctx.update(per=per, per_salah=per_salah, per_hari_ini=per == hari_ini, sumber=sumber)
        # the thresholds of the region's programme years: the attention list reads each
        # location's year, the tables' flags the chosen year's (or the only one's)
        ambang = {t: semua[t] for t in tahun if t in semua}
        if bahan:
            ctx["perhatian"] = bahan["perhatian"]
        else:
            # whether the keys stored at the last recount rank today's list
            lokasi = dasbor.ringkasan_lokasi()
            kunci = None
            if hari is not None and perhatian.Tersimpan(*hari[2:4]).berlaku(lokasi, per, semua):
                kunci = dasbor.ringkasan_kunci()
            ctx["perhatian"] = perhatian.daftar(lokasi, per, ambang, tahun, kunci=kunci)
        tahun_tanda = saringan.tahun or (tahun[0] if len(tahun) == 1 else None)
        ctx["ambang"] = ambang.get(tahun_tanda) or AmbangPerhatian(tahun_program=tahun_tanda)
        # as of when the figures were counted, and what in scope is not counted yet
        ctx["keadaan"] = ringkasan.keadaan(user, self.wilayah, sumber, hari)
        ctx["urut"] = urut_kunci(self.request.GET)
        # breadcrumbs go up through the dashboards of the regions the user may see
        tail = [(gettext("Dasbor nasional"), reverse("dashboard"))] if access.region_codes(user) is None else []
        tail += [(w.label, dashboard_url(w.kode) if boleh else "") for w, boleh in access.jalur(user, wilayah)]
        ctx["breadcrumb_tail"] = tail
        ctx["total"] = dasbor.total()
        if children is not None:
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
        if simpan and not bahan:
            # the locations a page shows, worded before they are kept (the PDF words the rest of
            # what the ranking read)
            ctx["perhatian"][:PERHATIAN_DI_HALAMAN]  # noqa: B018
            simpanan = {"pilihan": (tahun, angkatan), "jumlah": dasbor.bahan(), "perhatian": ctx["perhatian"]}
            simpanan_tulis(simpan, simpanan)
        ctx["disimpan_baru"] = bool(simpan and not bahan)
        return ctx

    @staticmethod
    def unduh_url(kode, tabel, query) -> str:
        """The PDF (`tabel` None) or a table's xlsx of the region `kode` (None: the nation), with
        the page's query (dashboard.url_cepat: a page links eight downloads)."""
        kwargs = {"kode": kode} if kode else {}
        if tabel is None:
            url = d.url_cepat("dashboard_region_pdf" if kode else "dashboard_pdf", **kwargs)
        else:
            url = d.url_cepat("dashboard_region_xlsx" if kode else "dashboard_xlsx", **kwargs, tabel=tabel)
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


#: locations of the attention list shown on the page (the rest are counted)
PERHATIAN_DI_HALAMAN = 25

#: how long a page's sums and attention list are kept at most (they are kept only until the
#: summary is next counted; this bounds what a change outside the summary, a region renamed in
#: the official list, waits for)
SIMPAN_DETIK = 600


def kunci_simpanan(wilayah, params, sumber: arsip.Sumber, hari: tuple | None, semua: dict) -> str | None:
    """The cache key of what a dashboard makes of the summary rows (the filter choices, the sums
    per child, the attention list's first locations) for the region, the filters and date asked,
    the rows read and the language, while they stay as they are: the current rows until the
    summary's clock `hari` (ringkasan.hari_ringkasan) moves for them (the nation: any recount; a
    province: a recount in it; a region below: a recount in its kabupaten/kota; every row
    recounted; the day, the keys' day) or any threshold changes; a kept day's for good. None:
    nothing counted yet.

    Not the user: a user opens only a region inside his scope (the nation: a national scope), and
    reads it whole, so every user who may open a page reads the same figures there (and a recount
    can make them ready for all, plpbk.dasbor.siapkan)."""
    if sumber.terkini and (hari is None or not hari[4]):
        return None
    jam = None
    if hari is not None:
        _dihitung, tanggal, kunci_tanggal, _sidik, generasi, penuh, per_wilayah = hari
        if wilayah is None:
            jam = [tanggal, kunci_tanggal, generasi]
        else:
            # a province's page: its recounts; below: its kabupaten/kota's
            jam = [tanggal, kunci_tanggal, penuh, per_wilayah.get(ringkasan.kabkota(wilayah.kode), 0)]
    bagian = [
        2,  # the layout of what is kept
        wilayah.kode if wilayah is not None else "",
        params.get("tahun", ""),
        params.get("angkatan", ""),
        sumber.per.isoformat(),
        sumber.tanggal and sumber.tanggal.isoformat(),
        jam and [v.isoformat() if hasattr(v, "isoformat") else v for v in jam],
        perhatian.sidik(semua.values()),
        get_language(),
    ]
    return "dasbor:" + hashlib.sha256(repr(bagian).encode()).hexdigest()


def simpanan_baca(kunci: str) -> dict | None:
    """What a page kept under `kunci`; None when nothing is, or the cache cannot be reached (the
    page then works its figures out: a cache server down slows dashboards, it does not stop them)."""
    try:
        return cache.get(kunci)
    except Exception:
        logger.warning("dashboard: the cache could not be read; figures worked out", exc_info=True)
        return None


def simpanan_tulis(kunci: str, nilai: dict) -> None:
    try:
        cache.set(kunci, nilai, SIMPAN_DETIK)
    except Exception:
        logger.warning("dashboard: the cache could not be written", exc_info=True)


class FormatAngka:
    """Numbers formatted like the `angka`, `persen` and `rupiah` filters of the active
    language, with its separators read once: a national table has over a thousand cells and
    Django's number_format looks the locale up on every call."""

    def __init__(self):
        t = self.table = str.maketrans({",": get_format("THOUSAND_SEPARATOR"), ".": get_format("DECIMAL_SEPARATOR")})
        #: per kind, the formatting of a value that is not None
        self.jenis = {
            "pct": lambda v: f"{v:,.1f}".translate(t) + "%",
            "rp": lambda v: "Rp " + f"{int(v):,}".translate(t),
            "des": lambda v: f"{v:,.1f}".translate(t),
            "pp": lambda v: f"{v:+,.1f}".translate(t) if v else f"{v:,.1f}".translate(t),
        }
        self.bulat = lambda v: f"{v:,}".translate(t)

    def __call__(self, value, kind) -> str:
        if value is None:
            return "–"
        return self.jenis.get(kind, self.bulat)(value)


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


def sel_tabel(rows, links, ambang: AmbangPerhatian, td_class="text-end") -> list[tuple]:
    """[(key, title, columns, [(label, url, [(value, kind, text)], cells as <td> HTML)])] for each
    table of the page. The cells are numbers formatted here and joined into one safe string
    per row: a template loop per cell is the slowest part of a page of 40 regions. A value past
    its figure's threshold (`tanda` in plpbk.dasbor.figures, read against `ambang`) is flagged
    (colour and a text mark). Each row's values are read once (a derived figure is worked out
    from the held ones on every read)."""
    fmt = FormatAngka()
    tanda = {a.nama: a.tanda for a in figures.ANGKA if a.tanda}
    td = f'<td class="{escape(td_class)}">'
    ditandai = (
        f'<td class="{escape(td_class)} sel-tanda" data-tanda="1"><span aria-hidden="true">⚠ </span>',
        f'<span class="visually-hidden"> ({escape(gettext("melewati ambang"))})</span></td>',
    )
    dibaca = list(dict.fromkeys(nama for _key, _t, names in d.KELOMPOK for nama in names))
    nilai_baris = [d.nilai_semua(ind, dibaca) for _label, ind in rows]
    out = []
    for key, title, _names in d.KELOMPOK:
        cols = d.kolom(key)
        jenis = [(attr, kind, fmt.jenis.get(kind, fmt.bulat), tanda.get(attr)) for attr, _l, kind in cols]
        body = []
        for (label, _ind), url, nilai in zip(rows, links, nilai_baris, strict=True):
            cells, html = [], []
            for attr, kind, f, flag in jenis:
                v = nilai[attr]
                text = "–" if v is None else f(v)
                cells.append((v, kind, text))
                if flag is not None and v is not None and flag(v, ambang):
                    html.append(f"{ditandai[0]}{text}{ditandai[1]}")
                else:
                    html.append(f"{td}{text}</td>")
            body.append((label, url, cells, mark_safe("".join(html))))  # noqa: S308 (numbers and fixed marks only)
        out.append((key, title, cols, body))
    return out


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
        # a kept day's figures are that day's plan and progress; otherwise the current ones
        disimpan = getattr(ctx.get("sumber"), "tanggal", None)
        if disimpan is None:
            judul = gettext("Rencana kerja: rencana dan realisasi s.d. hari ini")
        else:
            judul = gettext("Rencana kerja: rencana dan realisasi s.d. %(tanggal)s") % {
                "tanggal": formats.date_format(disimpan, "j F Y")
            }
        charts["rencana"] = percent_bars(
            judul,
            rencana,
            [Seri(gettext("Rencana"), WARNA_RENCANA), Seri(gettext("Realisasi"), WARNA_REALISASI)],
        )
    if ksm := tahap_ksm(rows, ctx["ambang"].pakai_min):
        charts["ksm"] = ksm
    return charts


TABEL_XLSX = {"semua": None, **{key: key for key, _l, _n in d.KELOMPOK}}


def _ada_data(ind: d.Indikator) -> bool:
    return bool(ind.lokasi or ind.pertemuan or ind.alokasi or ind.lokakarya)
