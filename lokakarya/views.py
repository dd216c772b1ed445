"""Lokakarya pages: list (search, filters, pagination, Excel), detail, create/edit, and the
printed documents (laporan, berita acara, meeting pack)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from kelurahan import access
from kelurahan import pdf as kpdf
from kelurahan.mixins import PortalMixin, RegionMixin, ScopedObjectMixin
from kelurahan.models import Lampiran, Wilayah
from kelurahan.tasks import stempel_pertemuan
from kelurahan.views.tugas import MintaTugasMixin
from plpbk.common.pdf import dalam_bahasa_dokumen, pdf_response, render_pdf
from plpbk.common.xlsx import xlsx_response

from . import exports, services, tasks
from . import pdf as paket
from .filters import LokakaryaFilter
from .forms import LokakaryaForm, NarasumberFormSet, narasumber_rows
from .models import TUJUAN_SEED, Lokakarya, Narasumber

PER_PAGE = 25
BERITA_ACARA_TEMPLATE = paket.BERITA_ACARA_TEMPLATE


def _filtered(request):
    scoped = Lokakarya.objects.for_user(request.user)
    flt = LokakaryaFilter(request.GET or None, queryset=scoped.for_list(), user=request.user)
    for field in flt.form.fields.values():
        select = isinstance(field.widget, forms.Select)
        field.widget.attrs["class"] = "form-select form-select-sm" if select else "form-control form-control-sm"
    return flt


class LokakaryaListView(PortalMixin, TemplateView):
    template_name = "lokakarya/list.html"

    def get_context_data(self, **kwargs):
        flt = _filtered(self.request)
        qs = flt.qs
        page = Paginator(qs, PER_PAGE).get_page(self.request.GET.get("hal"))
        kode = flt.form.cleaned_data.get("wilayah") if flt.is_bound else None
        params = self.request.GET.copy()
        params.pop("hal", None)
        kwargs.update(
            filter=flt,
            page=page,
            extra="&" + params.urlencode() if params else "",
            query=params.urlencode(),
            boleh_tambah=access.has_cap(self.request.user, "lokakarya.entry"),
            home_regions=access.home_regions(self.request.user),
            wilayah_terpilih=Wilayah.objects.filter(kode=kode).first() if kode else None,
        )
        return super().get_context_data(**kwargs)


class LokakaryaXlsxView(PortalMixin, MintaTugasMixin, View):
    """The list as xlsx: at once up to settings.TUGAS_AMBANG_BARIS rows, past it a background job."""

    permission = "print"
    tugas_task = tasks.ekspor_xlsx

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self._qs = None

    def queryset(self):
        if self._qs is None:
            self._qs = _filtered(self.request).qs
        return self._qs

    def perlu_tugas(self) -> bool:
        return self.queryset().order_by()[: settings.TUGAS_AMBANG_BARIS + 1].count() > settings.TUGAS_AMBANG_BARIS

    def spesifikasi_tugas(self) -> dict:
        query = self.request.GET.copy()
        query.pop("hal", None)
        kode = query.get("wilayah") or None
        return {
            "jenis": "lokakarya.xlsx",
            "judul": _("Ekspor Excel lokakarya"),
            "parameter": {"q": query.urlencode()},
            "stempel": tasks.stempel(self.queryset()),
            "kode_wilayah": kode if kode and access.can_see(self.request.user, kode) else None,
        }

    def respon_langsung(self):
        return xlsx_response(exports.lokakarya_rows(self.queryset()), "lokakarya.xlsx", _("Lokakarya"))


class LokakaryaMixin(ScopedObjectMixin):
    model = Lokakarya

    def get_queryset(self):
        return Lokakarya.objects.for_user(self.request.user).select_related("pertemuan", "pertemuan__wilayah")

    def region_of(self, obj):
        return obj.pertemuan.wilayah_id


class LokakaryaDetailView(LokakaryaMixin, TemplateView):
    template_name = "lokakarya/detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("narasumber", queryset=Narasumber.objects.order_by("urutan", "pk")),
                Prefetch(
                    "pertemuan__lampiran", queryset=Lampiran.objects.select_related("berkas").order_by("jenis", "pk")
                ),
            )
        )

    def get_context_data(self, **kwargs):
        obj = self.object
        user = self.request.user
        kwargs.update(
            lokakarya=obj,
            pertemuan=obj.pertemuan,
            jalur=access.jalur(user, obj.pertemuan.wilayah),
            boleh_ubah=obj.pertemuan.terbuka and access.has_cap(user, "lokakarya.entry", obj.pertemuan.wilayah_id),
            boleh_cetak=access.has_cap(user, "print", obj.pertemuan.wilayah_id),
        )
        return super().get_context_data(**kwargs)


class _FormMixin:
    template_name = "lokakarya/form.html"

    def render_form(self, form, formset, wilayah, lokakarya=None):
        user = self.request.user
        context = {
            "form": form,
            "formset": formset,
            "wilayah": wilayah,
            "lokakarya": lokakarya,
            "jalur": access.jalur(user, wilayah),
        }
        return render(self.request, self.template_name, context)

    def save(self, form, formset, wilayah, lokakarya=None):
        if form.is_valid() and formset.is_valid():
            try:
                obj = services.simpan_lokakarya(
                    wilayah,
                    form.pertemuan_data(),
                    form.lokakarya_data(),
                    narasumber_rows(formset),
                    user=self.request.user,
                    lokakarya=lokakarya,
                    versi=form.cleaned_data.get("versi"),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(self.request, _("Lokakarya disimpan."))
                return HttpResponseRedirect(obj.get_absolute_url())
        return self.render_form(form, formset, wilayah, lokakarya)


class LokakaryaCreateView(RegionMixin, _FormMixin, View):
    permission = "lokakarya.entry"

    def get(self, request, kode):
        w = self.wilayah
        initial = {
            "tujuan": "\n".join(TUJUAN_SEED),
            "judul": _("Lokakarya Orientasi PLP-BK %(wilayah)s") % {"wilayah": w.label},
        }
        form = LokakaryaForm(initial=initial)
        return self.render_form(form, NarasumberFormSet(prefix="narasumber"), w)

    def post(self, request, kode):
        form = LokakaryaForm(request.POST)
        formset = NarasumberFormSet(request.POST, prefix="narasumber")
        return self.save(form, formset, self.wilayah)


class LokakaryaUpdateView(LokakaryaMixin, _FormMixin, View):
    permission = "lokakarya.entry"

    def get(self, request, pk):
        obj = self.object
        initial = [{"nama": n.nama, "jabatan": n.jabatan, "materi": n.materi} for n in obj.narasumber.all()]
        formset = NarasumberFormSet(prefix="narasumber", initial=initial)
        return self.render_form(LokakaryaForm(instance=obj), formset, obj.pertemuan.wilayah, obj)

    def post(self, request, pk):
        obj = self.object
        form = LokakaryaForm(request.POST, instance=obj)
        formset = NarasumberFormSet(request.POST, prefix="narasumber")
        return self.save(form, formset, obj.pertemuan.wilayah, obj)


def _nama_berkas(obj: Lokakarya, kind: str) -> str:
    return f"{kind}-{slugify(obj.pertemuan.judul)[:50] or 'lokakarya'}-{obj.pertemuan.tanggal:%Y%m%d}.pdf"


def laporan_context(obj: Lokakarya, request=None) -> dict:
    context = kpdf.pertemuan_context(obj.pertemuan, request=request)
    context.update(
        lokakarya=obj,
        narasumber=list(obj.narasumber.order_by("urutan", "pk")),
        foto=kpdf.foto(obj.pertemuan),
        ttd=kpdf.tanda_tangan(obj.pertemuan),
    )
    return context


@dalam_bahasa_dokumen
def laporan_pdf(obj: Lokakarya, request=None) -> bytes:
    """Laporan Lokakarya: letterhead, goals, agenda, speakers, agreements, attendance
    summary (sex, unsur, disability, % perempuan), the attendance list and photos."""
    return render_pdf("pdf/lokakarya/laporan.html", laporan_context(obj, request), request=request)


class LaporanPdfView(LokakaryaMixin, View):
    permission = "print"

    def get(self, request, pk):
        return pdf_response(laporan_pdf(self.object, request), _nama_berkas(self.object, "laporan-lokakarya"))


class BeritaAcaraPdfView(LokakaryaMixin, View):
    permission = "print"

    def get(self, request, pk):
        obj = self.object
        data = kpdf.berita_acara_pdf(
            obj.pertemuan,
            berita_acara_template=BERITA_ACARA_TEMPLATE,
            context={"lokakarya": obj, "narasumber": list(obj.narasumber.all())},
            request=request,
        )
        return pdf_response(data, _nama_berkas(obj, "berita-acara-lokakarya"))


class PaketPdfView(LokakaryaMixin, MintaTugasMixin, View):
    """The workshop's document pack: at once, or by a background job past
    settings.TUGAS_AMBANG_HADIR participants."""

    permission = "print"
    tugas_task = tasks.paket_pdf

    def perlu_tugas(self) -> bool:
        p = self.object.pertemuan
        return p.jumlah_l + p.jumlah_p > settings.TUGAS_AMBANG_HADIR

    def spesifikasi_tugas(self) -> dict:
        obj, request = self.object, self.request
        bahasa = "en" if request.GET.get("bahasa") == "en" else ""
        return {
            "jenis": "lokakarya.paket_pdf",
            "judul": _("Paket dokumen: %(judul)s") % {"judul": obj.pertemuan.judul},
            "parameter": {
                "pk": obj.pk,
                "q": f"bahasa={bahasa}" if bahasa else "",
                "nama": _nama_berkas(obj, "paket-dokumen-lokakarya"),
                "pribadi": kpdf.lihat_data_pribadi(obj.pertemuan, request),
            },
            "stempel": f"{obj.versi}|{obj.diubah.isoformat()}|{stempel_pertemuan(obj.pertemuan)}",
            "kode_wilayah": obj.pertemuan.wilayah_id,
        }

    def respon_langsung(self):
        data = paket.paket_pdf(self.object, self.request)
        return pdf_response(data, _nama_berkas(self.object, "paket-dokumen-lokakarya"))
