"""KSM register: the KSM of a region, one KSM with its members and proposals, the KSM form,
members (chosen from the kelurahan's people or taken from the formation rembug's attendance),
and the xlsx downloads of the KSM stage's tables."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from kelurahan import access
from kelurahan.mixins import RegionMixin, ScopedObjectMixin, ServiceFormMixin
from kelurahan.views.tugas import EksporWilayahMixin

from .. import services_ksm as services
from .. import tasks
from ..exports_ksm import EXPORTS_KSM, ekspor_ksm
from ..forms_ksm import AnggotaForm, KsmForm
from ..models_ksm import KSM, AnggotaKSM, UsulanKegiatan
from ..querysets_ksm import figur_per_kelurahan
from .alokasi import jalur
from .permintaan import _pesan_error

PER_PAGE = 50


def _jalur_ksm(user, wilayah, *tail):
    from django.urls import reverse

    return jalur(user, wilayah, [(_("KSM"), reverse("blm:ksm_list", args=[wilayah.kode])), *tail])


class KsmListView(RegionMixin, TemplateView):
    """The KSM of a region with their figures; under a kelurahan the register itself."""

    template_name = "blm/ksm/list.html"

    def get_context_data(self, **kwargs):
        user, wilayah = self.request.user, self.wilayah
        ksm = KSM.objects.for_user(user).in_region(wilayah)
        usulan = UsulanKegiatan.objects.for_user(user).in_region(wilayah)
        page = Paginator(ksm.select_related("wilayah", "ketua").order_by("wilayah_id", "nama"), PER_PAGE).get_page(
            self.request.GET.get("hal")
        )
        kwargs.update(
            jalur(user, wilayah, [(_("KSM"), "")]),
            page=page,
            figur=figur_per_kelurahan(ksm, usulan),
            total=usulan.totals(),
            jumlah_ksm=ksm.count(),
            boleh_entry=wilayah.is_kelurahan and access.has_cap(user, "ksm.entry", wilayah),
            unduhan=EXPORTS_KSM,
        )
        return super().get_context_data(**kwargs)


class _KsmFormMixin(ServiceFormMixin):
    template_name = "blm/form.html"
    form_class = KsmForm
    success_message = gettext_lazy("KSM disimpan.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "wilayah": self.wilayah_ksm()}

    def save(self, form):
        return services.simpan_ksm(
            form.instance,
            self.request.user,
            versi=form.cleaned_data.get("versi"),
            sk=form.cleaned_data.get("sk_berkas"),
        )

    def get_success_url(self, ksm=None):
        return ksm.get_absolute_url()


class KsmCreateView(RegionMixin, _KsmFormMixin, FormView):
    permission = "ksm.entry"

    def authorize(self):
        super().authorize()
        if not self.wilayah.is_kelurahan:
            raise Http404

    def wilayah_ksm(self):
        return self.wilayah

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": KSM(wilayah=self.wilayah)}

    def get_context_data(self, **kwargs):
        kwargs.update(_jalur_ksm(self.request.user, self.wilayah, (_("KSM baru"), "")))
        kwargs["judul"] = _("Daftarkan KSM")
        kwargs["keterangan"] = _(
            "Rembug pembentukan KSM dicatat sebagai pertemuan; isi daftar hadirnya di halaman pertemuan."
        )
        return super().get_context_data(**kwargs)


class KsmUpdateView(ScopedObjectMixin, _KsmFormMixin, FormView):
    permission = "ksm.entry"
    model = KSM

    def wilayah_ksm(self):
        return self.object.wilayah

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def get_context_data(self, **kwargs):
        kwargs.update(
            _jalur_ksm(
                self.request.user,
                self.object.wilayah,
                (str(self.object), self.object.get_absolute_url()),
                (_("Ubah"), ""),
            )
        )
        kwargs["judul"] = _("Ubah KSM %(nama)s") % {"nama": self.object.nama}
        return super().get_context_data(**kwargs)


class KsmDetailView(ScopedObjectMixin, FormView):
    """One KSM: its formation, members (composition from the person records) and proposals; the
    form adds a member (POST needs ksm.entry)."""

    model = KSM
    template_name = "blm/ksm/detail.html"
    form_class = AnggotaForm

    def get_queryset(self):
        return super().get_queryset().select_related("wilayah", "ketua", "pertemuan", "sk")

    def post(self, request, *args, **kwargs):
        access.require(request.user, "ksm.entry", self.object.wilayah_id)
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "ksm": self.object}

    def form_valid(self, form):
        try:
            services.tambah_anggota(
                self.object, self.request.user, form.cleaned_data["orang"], form.cleaned_data["jabatan"]
            )
        except ValidationError as exc:
            form.add_error("orang", exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Anggota ditambahkan."))
        return redirect(self.object.get_absolute_url())

    def get_context_data(self, **kwargs):
        user, ksm = self.request.user, self.object
        kwargs.update(_jalur_ksm(user, ksm.wilayah, (str(ksm), "")))
        boleh = access.has_cap(user, "ksm.entry", ksm.wilayah_id)
        kwargs.update(
            ksm=ksm,
            anggota=list(ksm.anggota.select_related("orang").order_by("pk")),
            komposisi=ksm.komposisi(),
            usulan=list(ksm.usulan.select_related("kegiatan").order_by("pk")),
            boleh_entry=boleh,
            data_pribadi=access.has_cap(user, "data_pribadi", ksm.wilayah_id),
        )
        if not boleh:
            kwargs.pop("form", None)
        return super().get_context_data(**kwargs)


class AnggotaRembugView(ScopedObjectMixin, View):
    permission = "ksm.entry"
    model = KSM

    def post(self, request, *args, **kwargs):
        n = services.anggota_dari_rembug(self.object, request.user)
        messages.success(request, _("%(n)s peserta rembug ditambahkan sebagai anggota.") % {"n": n})
        return redirect(self.object.get_absolute_url())


class AnggotaHapusView(ScopedObjectMixin, View):
    permission = "ksm.entry"
    model = AnggotaKSM

    def get_queryset(self):
        return super().get_queryset().select_related("ksm")

    def region_of(self, obj):
        return obj.ksm.wilayah_id

    def post(self, request, *args, **kwargs):
        try:
            services.hapus_anggota(self.object, request.user)
            messages.success(request, _("Anggota dihapus."))
        except ValidationError as exc:
            _pesan_error(request, exc)
        return redirect(self.object.ksm.get_absolute_url())


class UnduhKsmView(RegionMixin, EksporWilayahMixin, View):
    """xlsx of the KSM stage's tables in a region: ksm, anggota, usulan, pencairan, laporan; a
    large region's by a background job."""

    judul_tugas = gettext_lazy("Ekspor Excel KSM")
    tugas_task = tasks.ekspor_ksm_xlsx

    def authorize(self):
        if self.kwargs["jenis"] not in EXPORTS_KSM:
            raise Http404
        super().authorize()
        if self.kwargs["jenis"] == "anggota":  # who is poor or disabled
            access.require(self.request.user, "data_pribadi", self.wilayah)
            self.kapabilitas_tugas = "data_pribadi"

    def ekspor(self):
        return ekspor_ksm(self.request.user, self.wilayah, self.kwargs["jenis"])
