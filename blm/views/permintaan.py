"""Requests (PP-BLM): filing, the verification chain, resubmission and payment."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from kelurahan import access
from kelurahan.konflik import KonflikVersi, segarkan
from kelurahan.mixins import PortalMixin, ScopedObjectMixin

from .. import services
from ..filters import PermintaanFilter
from ..forms import AjukanForm, PembayaranForm, VerifikasiForm
from ..kelayakan import Kelayakan
from ..models import URUTAN_LANGKAH, AlokasiBLM, Langkah, PermintaanBLM, StatusPermintaan
from .alokasi import PER_PAGE, jalur


def _pesan_error(request, exc: ValidationError):
    for message in exc.messages:
        messages.error(request, message)


def _action(form, url_name, obj):
    form.helper.form_action = reverse(url_name, args=[obj.pk])
    return form


class PermintaanListView(PortalMixin, TemplateView):
    template_name = "blm/permintaan_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        qs = PermintaanBLM.objects.for_user(user)
        if self.request.GET.get("saya"):
            qs = qs.menunggu(user)
        qs = qs.select_related("wilayah", "alokasi").order_by("-diajukan_pada", "-id")
        filtro = PermintaanFilter(self.request.GET, queryset=qs)
        page = Paginator(filtro.qs, PER_PAGE).get_page(self.request.GET.get("hal"))
        params = self.request.GET.copy()
        params.pop("hal", None)
        kwargs.update(
            filter=filtro,
            page=page,
            extra=("&" + params.urlencode()) if params else "",
            menunggu_saya=PermintaanBLM.objects.for_user(user).menunggu(user).count(),
        )
        return super().get_context_data(**kwargs)


class AjukanView(ScopedObjectMixin, FormView):
    """File the PP-BLM for one tahap of an allocation (shows what is missing when not eligible)."""

    permission = "blm.request"
    model = AlokasiBLM
    template_name = "blm/ajukan.html"
    form_class = AjukanForm

    def authorize(self):
        super().authorize()
        self.kelayakan = Kelayakan(self.object)
        self.tahap = self.kelayakan.tahap_nomor(self.kwargs["nomor"])
        if self.tahap is None:
            raise Http404

    def form_valid(self, form):
        try:
            data = {k: v for k, v in form.cleaned_data.items() if k != "versi"}  # a new request has none
            permintaan = services.ajukan_permintaan(self.object, self.tahap.nomor, self.request.user, **data)
        except ValidationError as exc:
            _pesan_error(self.request, exc)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Permintaan BLM Tahap %(n)s diajukan ke Fasilitator.") % {"n": permintaan.nomor}
        )
        return redirect(permintaan.get_absolute_url())

    def get_context_data(self, **kwargs):
        wilayah = self.object.wilayah
        kwargs.update(jalur(self.request.user, wilayah, [(_("BLM"), ""), (_("Ajukan"), "")]))
        kwargs.update(
            alokasi=self.object,
            tahap=self.tahap,
            jumlah=self.kelayakan.jumlah_tahap(self.tahap.nomor),
            sudah=self.kelayakan.permintaan.get(self.tahap.nomor),
            kurang=self.kelayakan.kurang(self.tahap),
        )
        return super().get_context_data(**kwargs)


class PermintaanDetailView(ScopedObjectMixin, TemplateView):
    model = PermintaanBLM
    template_name = "blm/permintaan_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("alokasi", "wilayah", "diajukan_oleh")

    def get_context_data(self, **kwargs):
        user, p = self.request.user, self.object
        jejak = list(p.jejak.select_related("oleh"))
        disetujui = {j.langkah: j for j in jejak if j.tindakan == "disetujui"}
        rantai = []
        for langkah in URUTAN_LANGKAH:
            if p.status in (StatusPermintaan.TERVERIFIKASI, StatusPermintaan.DIBAYAR):
                keadaan = "selesai"
            elif p.langkah == langkah:
                keadaan = "menunggu"
            elif p.status == StatusPermintaan.DIPROSES and URUTAN_LANGKAH.index(langkah) < URUTAN_LANGKAH.index(
                p.langkah
            ):
                keadaan = "selesai"
            else:
                keadaan = "belum"
            rantai.append((Langkah(langkah).label, keadaan, disetujui.get(langkah) if keadaan == "selesai" else None))
        kwargs.update(jalur(user, p.wilayah, [(_("BLM"), ""), (str(p), "")]))
        kwargs.update(
            p=p,
            jejak=jejak,
            rantai=rantai,
            pembayaran=getattr(p, "pembayaran", None),
            lpj=getattr(p, "lpj", None),
            boleh_verifikasi=services.dapat_memverifikasi(p, user) and user.pk != p.diajukan_oleh_id,
            pengaju_sendiri=user.pk == p.diajukan_oleh_id,
            boleh_bayar=p.status == StatusPermintaan.TERVERIFIKASI and access.has_cap(user, "blm.pay", p.wilayah_id),
            boleh_ajukan_ulang=p.status == StatusPermintaan.DIKEMBALIKAN
            and access.has_cap(user, "blm.request", p.wilayah_id),
        )
        if kwargs["boleh_verifikasi"]:
            kwargs["form_verifikasi"] = _action(
                VerifikasiForm(initial={"langkah": p.langkah, "versi": p.versi}), "blm:verifikasi", p
            )
        if kwargs["boleh_bayar"]:
            form = PembayaranForm(initial={"jumlah": min(p.jumlah, p.alokasi.sisa), "versi": p.versi})
            kwargs["form_bayar"] = _action(form, "blm:bayar", p)
        if kwargs["boleh_ajukan_ulang"]:
            form = AjukanForm(
                initial={"catatan": p.catatan, "nomor_surat": p.nomor_surat, "versi": p.versi}, label=_("Ajukan ulang")
            )
            kwargs["form_ulang"] = _action(form, "blm:ajukan_ulang", p)
        return super().get_context_data(**kwargs)


class _ActionView(ScopedObjectMixin, FormView):
    """A POST on a request, re-shown on the detail page when the form is wrong."""

    model = PermintaanBLM
    template_name = "blm/form.html"

    def get_success_url(self):
        return self.object.get_absolute_url()

    def get_context_data(self, **kwargs):
        kwargs.update(jalur(self.request.user, self.object.wilayah, [(_("BLM"), ""), (str(self.object), "")]))
        kwargs["judul"] = str(self.object)
        return super().get_context_data(**kwargs)

    def run(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            if form.cleaned_data.get("versi") is None:  # a post without its page's version: refused as stale
                form.cleaned_data["versi"] = 0
            text = self.run(form)
        except KonflikVersi as exc:
            form = segarkan(form, exc)
            form.add_error(None, exc.messages[0])
            return self.form_invalid(form)
        except ValidationError as exc:
            _pesan_error(self.request, exc)
            return redirect(self.get_success_url())
        messages.success(self.request, text)
        return redirect(self.get_success_url())


class VerifikasiView(_ActionView):
    """Approve or return at the current step; the step's capability is checked by the
    service (403 for a wrong role or the person who filed)."""

    form_class = VerifikasiForm
    http_method_names = ["post"]

    def run(self, form):
        setuju = form.cleaned_data["keputusan"] == "setuju"
        langkah = form.cleaned_data["langkah"]
        permintaan = services.verifikasi(
            self.object,
            self.request.user,
            setuju,
            form.cleaned_data["alasan"],
            langkah=langkah,
            versi=form.cleaned_data["versi"],
        )
        if not setuju:
            return _("Permintaan dikembalikan kepada pengaju.")
        if permintaan.status == StatusPermintaan.TERVERIFIKASI:
            return _("Permintaan terverifikasi Satker dan terkunci; siap dibayar.")
        return _("Disetujui; diteruskan ke %(l)s.") % {"l": permintaan.get_langkah_display()}

    def form_invalid(self, form):
        access.require(self.request.user, f"blm.verify.{self.object.langkah or 'satker'}", self.object.wilayah_id)
        return super().form_invalid(form)


class AjukanUlangView(_ActionView):
    permission = "blm.request"
    form_class = AjukanForm
    http_method_names = ["post"]

    def run(self, form):
        services.ajukan_ulang(self.object, self.request.user, **form.cleaned_data)
        return _("Permintaan diajukan ulang ke Fasilitator.")


class BayarView(_ActionView):
    permission = "blm.pay"
    form_class = PembayaranForm
    http_method_names = ["post"]

    def run(self, form):
        services.bayar(self.object, self.request.user, **form.cleaned_data)
        return _("Pembayaran tercatat.")
