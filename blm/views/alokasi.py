"""Allocations: the list in the user's scope, the BLM page of a region (status and
eligibility of a kelurahan, figures of a larger region), allocation forms, documents,
and the xlsx downloads."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from kelurahan import access
from kelurahan.mixins import PortalMixin, RegionMixin, ScopedObjectMixin
from kelurahan.models import Wilayah
from kelurahan.views.tugas import EksporWilayahMixin

from .. import services, tasks
from ..exports import EXPORTS, ekspor_blm
from ..filters import AlokasiFilter
from ..forms import AlokasiForm, DokumenForm
from ..kelayakan import Kelayakan
from ..models import AlokasiBLM, KonfigurasiBLM

PER_PAGE = 50


def jalur(user, wilayah, tail=()):
    return {"jalur": access.jalur(user, wilayah), "tail": list(tail)}


class AlokasiListView(PortalMixin, TemplateView):
    template_name = "blm/alokasi_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        qs = AlokasiBLM.objects.for_user(user).select_related("wilayah").order_by("-tahun", "wilayah_id")
        filtro = AlokasiFilter(self.request.GET, queryset=qs)
        page = Paginator(filtro.qs, PER_PAGE).get_page(self.request.GET.get("hal"))
        params = self.request.GET.copy()
        params.pop("hal", None)
        kwargs.update(
            filter=filtro,
            page=page,
            extra=("&" + params.urlencode()) if params else "",
            ringkasan=AlokasiBLM.objects.for_user(user).summary(),
            wilayah_unduh=access.home_regions(user),
        )
        return super().get_context_data(**kwargs)


class WilayahBlmView(RegionMixin, TemplateView):
    """BLM of a region: for a kelurahan its allocation, tahap, eligibility and trail; for a
    larger region the figures per child region."""

    template_name = "blm/wilayah.html"

    def get_context_data(self, **kwargs):
        user, wilayah = self.request.user, self.wilayah
        kwargs.update(jalur(user, wilayah, [(_("BLM"), "")]))
        if wilayah.is_kelurahan:
            semua = list(AlokasiBLM.objects.for_user(user).filter(wilayah=wilayah).order_by("-tahun"))
            tahun = self.request.GET.get("tahun")
            alokasi = next((a for a in semua if str(a.tahun) == tahun), semua[0] if semua else None)
            kwargs.update(semua_alokasi=semua, alokasi=alokasi)
            if alokasi is not None:
                alokasi.wilayah = wilayah
                kelayakan = Kelayakan(alokasi)
                kwargs.update(
                    kelayakan=kelayakan,
                    status_tahap=kelayakan.status(),
                    dokumen=list(alokasi.dokumen.select_related("berkas")),
                    perlu_dokumen=sorted({t.syarat_dokumen for t in kelayakan.tahap if t.syarat_dokumen}),
                )
        else:
            anak = list(Wilayah.objects.for_user(user).children_of(wilayah)[:200])
            per_anak = AlokasiBLM.objects.for_user(user).summary_by_child(wilayah)
            kwargs["anak"] = [(w, per_anak.get(w.kode)) for w in anak]
        kwargs["ringkasan"] = services.ringkasan(user, wilayah)
        return super().get_context_data(**kwargs)


class AlokasiCreateView(RegionMixin, FormView):
    permission = "blm.allocate"
    template_name = "blm/form.html"
    form_class = AlokasiForm

    def authorize(self):
        super().authorize()
        if not self.wilayah.is_kelurahan:
            raise Http404

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "wilayah": self.wilayah}

    def form_valid(self, form):
        alokasi = form.save(commit=False)
        alokasi.wilayah = self.wilayah
        alokasi.save()
        messages.success(self.request, _("Alokasi BLM %(t)s tersimpan.") % {"t": alokasi.tahun})
        return redirect(alokasi.get_absolute_url())

    def get_context_data(self, **kwargs):
        kwargs.update(jalur(self.request.user, self.wilayah, [(_("BLM"), ""), (_("Alokasi baru"), "")]))
        kwargs["judul"] = _("Alokasi BLM %(w)s") % {"w": self.wilayah.label}
        return super().get_context_data(**kwargs)


class AlokasiUpdateView(ScopedObjectMixin, FormView):
    permission = "blm.allocate"
    model = AlokasiBLM
    template_name = "blm/form.html"
    form_class = AlokasiForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object, "wilayah": self.object.wilayah}

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("Alokasi BLM tersimpan."))
        return redirect(self.object.get_absolute_url())

    def get_context_data(self, **kwargs):
        kwargs.update(jalur(self.request.user, self.object.wilayah, [(_("BLM"), ""), (_("Ubah alokasi"), "")]))
        kwargs["judul"] = _("Ubah alokasi BLM %(t)s %(w)s") % {"t": self.object.tahun, "w": self.object.wilayah.label}
        return super().get_context_data(**kwargs)


class DokumenUploadView(ScopedObjectMixin, FormView):
    permission = "blm.request"
    model = AlokasiBLM
    template_name = "blm/form.html"
    form_class = DokumenForm

    def nama_dokumen(self):
        konfigurasi = KonfigurasiBLM.objects.filter(tahun=self.object.tahun).first()
        if konfigurasi is None:
            return []
        names = konfigurasi.tahap.exclude(syarat_dokumen="").values_list("syarat_dokumen", flat=True)
        return sorted(set(names))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "nama_dokumen": self.nama_dokumen()}

    def form_valid(self, form):
        services.unggah_dokumen(self.object, self.request.user, form.cleaned_data["nama"], form.cleaned_data["berkas"])
        messages.success(self.request, _("Dokumen \u201c%(d)s\u201d terunggah.") % {"d": form.cleaned_data["nama"]})
        return redirect(self.object.get_absolute_url())

    def get_context_data(self, **kwargs):
        kwargs.update(jalur(self.request.user, self.object.wilayah, [(_("BLM"), ""), (_("Unggah dokumen"), "")]))
        kwargs["judul"] = _("Unggah dokumen syarat BLM %(t)s") % {"t": self.object.tahun}
        kwargs["multipart"] = True
        return super().get_context_data(**kwargs)


class UnduhView(RegionMixin, EksporWilayahMixin, View):
    """xlsx of allocations, requests or payments in a region (and below); a large region's by a
    background job."""

    judul_tugas = gettext_lazy("Ekspor Excel BLM")
    tugas_task = tasks.ekspor_xlsx

    def authorize(self):
        if self.kwargs["jenis"] not in EXPORTS:
            raise Http404
        super().authorize()

    def ekspor(self):
        return ekspor_blm(self.request.user, self.wilayah, self.kwargs["jenis"])
