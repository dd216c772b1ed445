"""Lokakarya pages: list (search, filters, pagination, Excel), detail, create/edit, and the
printed documents (laporan, berita acara, meeting pack)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from kelurahan import access
from kelurahan.mixins import PortalMixin, RegionMixin, ScopedObjectMixin, ServiceFormMixin
from kelurahan.models import Lampiran, Wilayah
from kelurahan.tasks import stempel_pertemuan
from kelurahan.views.tugas import MintaTugasMixin, PaketPertemuanMixin
from plpbk.common.pdf import pdf_response
from plpbk.common.xlsx import xlsx_response

from . import exports, pdf, services, tasks
from .filters import LokakaryaFilter
from .forms import LokakaryaForm, NarasumberFormSet, narasumber_rows
from .models import TUJUAN_SEED, Lokakarya, Narasumber

PER_PAGE = 25


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


class _LokakaryaFormView(ServiceFormMixin, FormView):
    """The workshop form with its speakers' formset; the service saves both in one go."""

    template_name = "lokakarya/form.html"
    form_class = LokakaryaForm
    success_message = gettext_lazy("Lokakarya disimpan.")
    lokakarya: Lokakarya | None = None
    formset = None

    def wilayah_form(self) -> Wilayah:
        raise NotImplementedError

    def narasumber_initial(self) -> list[dict]:
        return []

    def get_formset(self):
        if self.request.method == "POST":
            return NarasumberFormSet(self.request.POST, prefix="narasumber")
        return NarasumberFormSet(prefix="narasumber", initial=self.narasumber_initial())

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        self.formset = self.get_formset()
        if form.is_valid() and self.formset.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def get_context_data(self, **kwargs):
        wilayah = self.wilayah_form()
        kwargs.update(
            formset=self.formset if self.formset is not None else self.get_formset(),
            wilayah=wilayah,
            lokakarya=self.lokakarya,
            jalur=access.jalur(self.request.user, wilayah),
        )
        return super().get_context_data(**kwargs)

    def save(self, form) -> Lokakarya:
        return services.simpan_lokakarya(
            self.wilayah_form(),
            form.pertemuan_data(),
            form.lokakarya_data(),
            narasumber_rows(self.formset),
            user=self.request.user,
            lokakarya=self.lokakarya,
            versi=form.cleaned_data.get("versi"),
        )

    def get_success_url(self, obj=None):
        return obj.get_absolute_url()


class LokakaryaCreateView(RegionMixin, _LokakaryaFormView):
    permission = "lokakarya.entry"

    def wilayah_form(self) -> Wilayah:
        return self.wilayah

    def get_initial(self):
        return {
            "tujuan": "\n".join(TUJUAN_SEED),
            "judul": _("Lokakarya Orientasi PLP-BK %(wilayah)s") % {"wilayah": self.wilayah.label},
        }


class LokakaryaUpdateView(LokakaryaMixin, _LokakaryaFormView):
    permission = "lokakarya.entry"

    def authorize(self):
        super().authorize()
        self.lokakarya = self.object

    def wilayah_form(self) -> Wilayah:
        return self.object.pertemuan.wilayah

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def narasumber_initial(self) -> list[dict]:
        return [{"nama": n.nama, "jabatan": n.jabatan, "materi": n.materi} for n in self.object.narasumber.all()]


class LaporanPdfView(LokakaryaMixin, View):
    permission = "print"

    def get(self, request, pk):
        return pdf_response(pdf.laporan_pdf(self.object, request), pdf.nama_berkas(self.object, "laporan-lokakarya"))


class BeritaAcaraPdfView(LokakaryaMixin, View):
    permission = "print"

    def get(self, request, pk):
        data = pdf.berita_acara_pdf(self.object, request=request)
        return pdf_response(data, pdf.nama_berkas(self.object, "berita-acara-lokakarya"))


class PaketPdfView(LokakaryaMixin, PaketPertemuanMixin, View):
    """The workshop's document pack."""

    permission = "print"
    tugas_task = tasks.paket_pdf
    jenis_tugas = "lokakarya.paket_pdf"

    def judul_tugas(self) -> str:
        return _("Paket dokumen: %(judul)s") % {"judul": self.object.pertemuan.judul}

    def nama_berkas(self) -> str:
        return pdf.nama_berkas(self.object, "paket-dokumen-lokakarya")

    def stempel_tugas(self) -> str:
        obj = self.object
        return f"{obj.versi}|{obj.diubah.isoformat()}|{stempel_pertemuan(obj.pertemuan)}"

    def buat_pdf(self) -> bytes:
        return pdf.paket_pdf(self.object, request=self.request)
