"""Requests (PP-BLM): filing, the verification chain, resubmission and payment."""

from crispy_forms.helper import FormHelper
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from kelurahan import access
from kelurahan.konflik import KonflikVersi, isi_versi_baru
from kelurahan.mixins import PortalMixin, ScopedObjectMixin

from .. import services
from ..filters import PermintaanFilter
from ..forms import AjukanForm, KonfirmasiBayarForm, PembayaranForm, TarikForm, VerifikasiForm
from ..kelayakan import Kelayakan
from ..models import TIDAK_AKTIF, URUTAN_LANGKAH, AlokasiBLM, Langkah, PermintaanBLM, StatusPermintaan
from ..pdf import terbilang
from ..rantai import kapabilitas
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
            self.request,
            _("Permintaan BLM Tahap %(n)s diajukan; menunggu %(l)s.")
            % {"n": permintaan.nomor, "l": permintaan.get_langkah_display()},
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
            boleh_verifikasi=services.dapat_memverifikasi(p, user, jejak),
            boleh_tarik=services.dapat_menarik(p, user, jejak),
            pengaju_sendiri=user.pk == p.diajukan_oleh_id,
            boleh_bayar=p.status == StatusPermintaan.TERVERIFIKASI and access.has_cap(user, "blm.pay", p.wilayah_id),
            boleh_ajukan_ulang=p.status in TIDAK_AKTIF and access.has_cap(user, "blm.request", p.wilayah_id),
        )
        if kwargs["boleh_tarik"]:
            kwargs["form_tarik"] = _action(TarikForm(initial={"versi": p.versi}), "blm:tarik", p)
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
            form = isi_versi_baru(form, exc)
            form.add_error(None, exc.messages[0])
            return self.form_invalid(form)
        except ValidationError as exc:
            _pesan_error(self.request, exc)
            return redirect(self.get_success_url())
        messages.success(self.request, text)
        return redirect(self.get_success_url())


def _lpj_tahap(q: PermintaanBLM) -> dict:
    lpj, bayar = getattr(q, "lpj", None), getattr(q, "pembayaran", None)
    persen = lpj.persen_tahap(bayar.jumlah) if lpj and bayar else None
    return {"permintaan": q, "lpj": lpj, "pembayaran": bayar, "persen": persen}


class VerifikasiView(_ActionView):
    """The verifier's page: the request, its eligibility, the documents and the LPJ of earlier
    tahap, and a decision with nothing pre-selected. The step's capability is checked again by
    the service (403 for a wrong role or the person who filed)."""

    form_class = VerifikasiForm
    template_name = "blm/verifikasi.html"

    def get_queryset(self):
        return super().get_queryset().select_related("alokasi", "wilayah")

    def get(self, request, *args, **kwargs):
        p = self.object
        if p.status != StatusPermintaan.DIPROSES:
            messages.info(request, _("Permintaan ini tidak sedang menunggu verifikasi."))
            return redirect(p.get_absolute_url())
        if not services.dapat_memverifikasi(p, request.user):
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        return {"langkah": self.object.langkah, "versi": self.object.versi}

    def get_context_data(self, **kwargs):
        p = self.object
        kelayakan = Kelayakan(p.alokasi)
        tahap = kelayakan.tahap_nomor(p.nomor)
        kwargs.update(
            p=p,
            tahap=tahap,
            syarat=tahap.daftar_syarat() if tahap else [],
            kurang=kelayakan.kurang(tahap) if tahap else [],
            dokumen=list(p.alokasi.dokumen.select_related("berkas").order_by("nama", "berkas__diunggah")),
            lpj_sebelumnya=[_lpj_tahap(q) for n, q in sorted(kelayakan.permintaan.items()) if n < p.nomor],
            jejak=list(p.jejak.all()),
        )
        kwargs = super().get_context_data(**kwargs)
        kwargs["judul"] = _("Verifikasi %(p)s") % {"p": p}
        return kwargs

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
        access.require(self.request.user, kapabilitas(self.object.langkah or Langkah.SATKER), self.object.wilayah_id)
        return super().form_invalid(form)


class AjukanUlangView(_ActionView):
    permission = "blm.request"
    form_class = AjukanForm
    http_method_names = ["post"]

    def run(self, form):
        p = services.ajukan_ulang(self.object, self.request.user, **form.cleaned_data)
        return _("Permintaan diajukan ulang; menunggu %(l)s.") % {"l": p.get_langkah_display()}


class TarikView(_ActionView):
    """Withdraw ("tarik kembali") before the first verification by someone else."""

    permission = "blm.request"
    form_class = TarikForm
    http_method_names = ["post"]

    def run(self, form):
        services.tarik_kembali(self.object, self.request.user, form.cleaned_data["alasan"], form.cleaned_data["versi"])
        return _("Permintaan ditarik kembali; perbaiki lalu ajukan ulang bila perlu.")


class BayarView(_ActionView):
    """A payment in two steps: the typed values are shown back (amount in figures and words)
    and saved only when that page is confirmed; the first POST writes nothing."""

    permission = "blm.pay"
    form_class = PembayaranForm
    template_name = "blm/bayar_konfirmasi.html"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if "token" not in request.POST:
            return super().post(request, *args, **kwargs)
        konfirmasi = KonfirmasiBayarForm(request.POST, permintaan_pk=self.object.pk)
        if not konfirmasi.is_valid():
            for message in konfirmasi.errors.get("token", []):
                messages.error(request, message)
            return redirect(self.get_success_url())
        try:
            services.bayar(self.object, request.user, **konfirmasi.cleaned_data["token"])
        except KonflikVersi as exc:
            messages.error(request, exc.messages[0])
            return redirect(self.get_success_url())
        except ValidationError as exc:
            _pesan_error(request, exc)
            return redirect(self.get_success_url())
        messages.success(request, _("Pembayaran tercatat."))
        return redirect(self.get_success_url())

    def form_valid(self, form):
        p, data = self.object, form.cleaned_data
        if data.get("versi") is None:  # a post without its page's version is refused as stale on confirmation
            data["versi"] = 0
        konfirmasi = KonfirmasiBayarForm.dari(p.pk, data)
        konfirmasi.helper = FormHelper()
        konfirmasi.helper.form_tag = False
        return self.render_to_response(
            self.get_context_data(
                form=form,
                konfirmasi=konfirmasi,
                p=p,
                data=data,
                terbilang=terbilang(data["jumlah"]),
                judul=_("Periksa pembayaran %(p)s") % {"p": p},
            )
        )
