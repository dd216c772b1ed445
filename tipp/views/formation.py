"""TIPP formation pages: the kelurahan list, a kelurahan's TIPP (steps, members, gender
balance, Pokja), a step with its meeting and evidence, members and the confirmation."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from kelurahan import access, konflik
from kelurahan.mixins import PortalMixin, ServiceFormMixin, post_action
from kelurahan.views.tugas import MintaTugasMixin
from plpbk.common.pdf import dalam_bahasa_dokumen, pdf_response, render_pdf
from plpbk.common.xlsx import xlsx_response

from .. import exports, services, tasks
from ..forms import AnggotaForm, BuktiForm, KukuhkanForm, LangkahForm
from ..jadwal import kurva_per_wilayah
from ..models import (
    FGD,
    JUMLAH_LANGKAH,
    AnggotaTIPP,
    LangkahTIPP,
    PengaturanTIPP,
    RencanaKerja,
)
from .base import KelurahanMixin, TippObjectMixin

PER_PAGE = 50


class TippIndexView(PortalMixin, MintaTugasMixin, TemplateView):
    """Programme kelurahan in the user's scope with their TIPP and work plan status."""

    template_name = "tipp/index.html"

    def rows(self):
        return exports.lokasi_tipp(self.request.user, self.request.GET)

    def get(self, request, *args, **kwargs):
        if request.GET.get("unduh") == "xlsx":
            return MintaTugasMixin.get(self, request, *args, **kwargs)  # at once, or a background job
        return TemplateView.get(self, request, *args, **kwargs)

    # the list as xlsx: past settings.TUGAS_AMBANG_BARIS rows a background job, asked by POST
    tugas_task = tasks.ekspor_xlsx

    def perlu_tugas(self) -> bool:
        return self.rows().order_by()[: settings.TUGAS_AMBANG_BARIS + 1].count() > settings.TUGAS_AMBANG_BARIS

    def respon_langsung(self):
        return xlsx_response(exports.tipp_rows(self.rows()), "tipp.xlsx", "TIPP")

    def spesifikasi_tugas(self) -> dict:
        query = self.request.GET.copy()
        query.pop("hal", None)
        query["unduh"] = "xlsx"
        return {
            "jenis": "tipp.xlsx",
            "judul": _("Ekspor Excel TIPP"),
            "parameter": {"q": query.urlencode()},
            "stempel": tasks.stempel(self.request.user),
        }

    def get_context_data(self, **kwargs):
        page = Paginator(self.rows(), PER_PAGE).get_page(self.request.GET.get("hal"))
        kwargs["page"] = page
        kwargs["kurva"] = kurva_per_wilayah([lok.wilayah for lok in page])
        kwargs["jumlah_langkah"] = JUMLAH_LANGKAH
        return super().get_context_data(**kwargs)


def gender(anggota) -> dict:
    """The team's balance: men/women against the administrator's target, and how many
    members come from vulnerable groups (disability, poor households)."""
    total = len(anggota)
    p = sum(1 for a in anggota if a.orang.jenis_kelamin == "P")
    target = PengaturanTIPP.current().target_perempuan
    persen = None if total == 0 else 100 * p / total
    return {
        "l": total - p,
        "p": p,
        "persen": persen,
        "target": target,
        "tercapai": persen is not None and persen >= target,
        "disabilitas": sum(1 for a in anggota if a.orang.disabilitas),
        "miskin": sum(1 for a in anggota if a.orang.miskin),
    }


class TippDetailView(KelurahanMixin, TemplateView):
    template_name = "tipp/detail.html"

    def get_context_data(self, **kwargs):
        tipp = self.get_tipp(required=False)
        if tipp is not None:
            langkah = list(tipp.langkah.select_related("pertemuan").annotate(n_bukti=Count("bukti")).order_by("nomor"))
            anggota = list(tipp.anggota.select_related("orang"))
            pokja = list(
                tipp.pokja.select_related("pemilihan__pertemuan").prefetch_related(
                    Prefetch("fgd", queryset=FGD.objects.select_related("pertemuan"))
                )
            )
            kwargs.update(
                langkah=langkah,
                anggota=anggota,
                gender=gender(anggota),
                pokja=pokja,
                semua_selesai=all(s.is_done for s in langkah),
                berikutnya=next((s for s in langkah if not s.is_done), None),
            )
        kwargs["tipp"] = tipp
        kwargs["rencana"] = RencanaKerja.objects.for_user(self.request.user).filter(wilayah=self.wilayah).first()
        kwargs["boleh_entry"] = access.has_cap(self.request.user, "tipp.entry", self.wilayah)
        kwargs["lihat_data_pribadi"] = access.has_cap(self.request.user, "data_pribadi", self.wilayah)
        kwargs.update(self.jalur((_("TIPP"), "")))
        return super().get_context_data(**kwargs)


class SusunanPdfView(KelurahanMixin, View):
    """The TIPP's formation and members as a printable document (for the BKM)."""

    permission = "print"

    @dalam_bahasa_dokumen
    def get(self, request, kode):
        tipp = self.get_tipp()
        anggota = list(tipp.anggota.select_related("orang"))
        context = {
            "tipp": tipp,
            "wilayah": self.wilayah,
            "jalur": self.wilayah.jalur(),
            "langkah": list(tipp.langkah.select_related("pertemuan").order_by("nomor")),
            "anggota": anggota,
            "gender": gender(anggota),
        }
        pdf = render_pdf("pdf/tipp/susunan.html", context, request=request)
        return pdf_response(pdf, f"susunan-tipp-{kode}.pdf")


class BuatTippView(KelurahanMixin, View):
    permission = "tipp.entry"
    http_method_names = ["post"]

    def post(self, request, kode):
        return post_action(
            request,
            lambda: services.buat_tipp(self.wilayah),
            _("Pembentukan TIPP dimulai: catat kelima langkahnya berurutan."),
            reverse("tipp:detail", args=[kode]),
        )


class LangkahView(TippObjectMixin, FormView):
    """A step: its meeting (date, place), agreed result, attendance link, evidence uploads."""

    model = LangkahTIPP
    permission = "tipp.entry"
    template_name = "tipp/langkah.html"
    form_class = LangkahForm
    select_related = ("tipp__wilayah", "pertemuan")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "versi_dari": self.object}

    def get_initial(self):
        s = self.object
        if s.pertemuan_id:
            return {"tanggal": s.pertemuan.tanggal, "tempat": s.pertemuan.tempat, "hasil": s.hasil}
        return {"hasil": s.hasil}

    def post(self, request, *args, **kwargs):
        if request.POST.get("aksi") == "bukti":
            return self.upload()
        return super().post(request, *args, **kwargs)

    def upload(self):
        form = BuktiForm(self.request.POST, self.request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(bukti_form=form))
        data = form.cleaned_data
        services.tambah_bukti(self.object, self.request.user, data["jenis"], data["berkas"], data["keterangan"])
        messages.success(self.request, _("Bukti diunggah."))
        return redirect(self.object.get_absolute_url())

    def form_valid(self, form):
        try:
            services.simpan_langkah(self.object, user=self.request.user, **form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, _("Langkah %(n)s disimpan.") % {"n": self.object.nomor})
        return redirect(self.object.get_absolute_url())

    def get_context_data(self, **kwargs):
        s = self.object
        kwargs.setdefault("bukti_form", BuktiForm())
        kwargs["langkah"] = s
        kwargs["bukti"] = list(s.bukti.select_related("berkas"))
        kwargs["sebelum"] = (
            LangkahTIPP.objects.for_user(self.request.user).filter(tipp_id=s.tipp_id, nomor=s.nomor - 1).first()
        )
        kwargs.update(self.jalur(s.tipp.wilayah, (_("TIPP"), s.tipp.get_absolute_url()), (s.judul, "")))
        return super().get_context_data(**kwargs)


class LangkahSelesaiView(TippObjectMixin, View):
    model = LangkahTIPP
    permission = "tipp.entry"
    http_method_names = ["post"]
    select_related = ("tipp",)

    def post(self, request, pk):
        s = self.object
        if request.POST.get("aksi") == "buka":
            return post_action(
                request, lambda: services.batalkan_langkah(s), _("Langkah dibuka kembali."), s.get_absolute_url()
            )
        return post_action(
            request,
            lambda: services.selesaikan_langkah(s),
            _("Langkah %(n)s ditandai selesai.") % {"n": s.nomor},
            s.get_absolute_url(),
        )


class AnggotaTambahView(KelurahanMixin, ServiceFormMixin, FormView):
    permission = "tipp.entry"
    template_name = "tipp/form.html"
    form_class = AnggotaForm
    success_message = gettext_lazy("Anggota TIPP disimpan.")

    def authorize(self):
        super().authorize()
        self.tipp = self.get_tipp()

    def save(self, form):
        return services.simpan_anggota(self.tipp, **form.cleaned_data)

    def get_success_url(self, result):
        return self.tipp.get_absolute_url() + "#anggota"

    def get_context_data(self, **kwargs):
        kwargs["judul"] = _("Tambah anggota TIPP")
        kwargs.update(self.jalur((_("TIPP"), self.tipp.get_absolute_url()), (kwargs["judul"], "")))
        return super().get_context_data(**kwargs)


class AnggotaUbahView(TippObjectMixin, ServiceFormMixin, FormView):
    model = AnggotaTIPP
    permission = "tipp.entry"
    template_name = "tipp/form.html"
    form_class = AnggotaForm
    select_related = ("tipp__wilayah", "orang")
    success_message = gettext_lazy("Anggota TIPP disimpan.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "versi_dari": self.object}

    def get_initial(self):
        a = self.object
        return {
            "nama": a.orang.nama,
            "jenis_kelamin": a.orang.jenis_kelamin,
            "asal": a.asal,
            "peran": a.peran,
            "mulai": a.mulai,
            "selesai": a.selesai,
        }

    def save(self, form):
        return services.simpan_anggota(self.object.tipp, anggota=self.object, **form.cleaned_data)

    def get_success_url(self, result):
        return self.object.tipp.get_absolute_url() + "#anggota"

    def get_context_data(self, **kwargs):
        kwargs["judul"] = _("Ubah anggota TIPP: %(nama)s") % {"nama": self.object.orang.nama}
        kwargs["hapus_url"] = reverse("tipp:anggota_hapus", args=[self.object.pk])
        kwargs["hapus_versi"] = self.object.versi
        tipp = self.object.tipp
        kwargs.update(self.jalur(tipp.wilayah, (_("TIPP"), tipp.get_absolute_url()), (kwargs["judul"], "")))
        return super().get_context_data(**kwargs)


class AnggotaHapusView(TippObjectMixin, View):
    model = AnggotaTIPP
    permission = "tipp.entry"
    http_method_names = ["post"]
    select_related = ("tipp",)

    def post(self, request, pk):
        a = self.object
        return post_action(
            request,
            lambda: services.hapus_anggota(a, konflik.baca_versi(request.POST.get("versi"))),
            _("Anggota dihapus."),
            a.tipp.get_absolute_url() + "#anggota",
        )


class KukuhkanView(KelurahanMixin, ServiceFormMixin, FormView):
    permission = "tipp.entry"
    template_name = "tipp/form.html"
    form_class = KukuhkanForm
    success_message = gettext_lazy("TIPP dikukuhkan.")

    def authorize(self):
        super().authorize()
        self.tipp = self.get_tipp()

    def get_initial(self):
        t = self.tipp
        return {
            "tanggal": t.dikukuhkan,
            "oleh_bkm": t.dikukuhkan_bkm,
            "oleh_lurah": t.dikukuhkan_lurah,
            "nomor_sk": t.nomor_sk,
        }

    def save(self, form):
        return services.kukuhkan_tipp(self.tipp, **form.cleaned_data)

    def get_success_url(self, result):
        return self.tipp.get_absolute_url()

    def get_context_data(self, **kwargs):
        kwargs["judul"] = _("Pengukuhan TIPP oleh BKM dan Lurah/Kepala Desa")
        kwargs.update(self.jalur((_("TIPP"), self.tipp.get_absolute_url()), (kwargs["judul"], "")))
        return super().get_context_data(**kwargs)
