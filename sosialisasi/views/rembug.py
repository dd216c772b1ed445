"""Rembug warga sosialisasi: list, record, change, close with the inclusion check, reopen,
berita acara; and the administrator's inclusion targets."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView

from kelurahan import access, siklus
from kelurahan.mixins import PortalMixin, ScopedObjectMixin
from kelurahan.views.tugas import PaketPertemuanMixin

from .. import services, tasks
from ..filters import RembugFilter
from ..forms import RembugForm, TargetInklusiForm, TutupRembugForm
from ..models import Pemangku, RembugWarga, TargetInklusi
from ..pdf import berita_acara_pdf
from .base import KelurahanMixin, jalur

PER_PAGE = 25


class RembugListView(PortalMixin, TemplateView):
    template_name = "sosialisasi/rembug_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        target = TargetInklusi.current()
        qs = (
            RembugWarga.objects.for_user(user)
            .with_inklusi(target)
            .select_related("pertemuan__wilayah")
            .order_by("-pertemuan__tanggal", "-pk")
        )
        flt = RembugFilter(self.request.GET, queryset=qs)
        page = Paginator(flt.qs, PER_PAGE).get_page(self.request.GET.get("hal"))
        regions = access.home_regions(user)
        params = self.request.GET.copy()
        params.pop("hal", None)
        kwargs.update(
            filter=flt,
            page=page,
            extra=("&" + params.urlencode()) if params else "",
            target=target,
            boleh_atur_target=access.is_national_admin(user),
            regions=regions,
            catat_di=[w for w in regions or [] if w.is_kelurahan and access.has_cap(user, "sosialisasi.entry", w)],
        )
        return super().get_context_data(**kwargs)


class RembugTambahView(KelurahanMixin, FormView):
    permission = "sosialisasi.entry"
    template_name = "sosialisasi/form.html"
    form_class = RembugForm

    def form_valid(self, form):
        data = form.cleaned_data
        rembug = services.buat_rembug(self.wilayah, user=self.request.user, **data)
        messages.success(self.request, _("Rembug warga dicatat. Lanjutkan dengan daftar hadir."))
        return redirect(rembug)

    def get_context_data(self, **kwargs):
        kwargs.update(
            judul=_("Catat rembug warga sosialisasi"),
            batal=self.wilayah.get_absolute_url(),
            tail=[(_("Rembug warga baru"), "")],
        )
        return super().get_context_data(**kwargs)


class RembugMixin(ScopedObjectMixin):
    model = RembugWarga

    def get_queryset(self):
        return RembugWarga.objects.for_user(self.request.user).select_related("pertemuan__wilayah", "ditutup_oleh")

    def region_of(self, obj):
        return obj.pertemuan.wilayah_id

    def get_context_data(self, **kwargs):
        rembug = self.object
        kwargs.setdefault("rembug", rembug)
        kwargs.setdefault("wilayah", rembug.pertemuan.wilayah)
        kwargs.setdefault("jalur", jalur(self.request.user, rembug.pertemuan.wilayah))
        return super().get_context_data(**kwargs)


class RembugDetailView(RembugMixin, DetailView):
    template_name = "sosialisasi/rembug_detail.html"
    context_object_name = "rembug"

    def get_context_data(self, **kwargs):
        rembug, user = self.object, self.request.user
        wilayah = rembug.pertemuan.wilayah
        hasil = rembug.inklusi() if rembug.is_closed else services.cek_inklusi(rembug)
        undangan = list(Pemangku.objects.for_user(user).filter(pengkondisian__wilayah=wilayah, diundang=True))
        kwargs.update(
            pertemuan=rembug.pertemuan,
            hasil=hasil,
            undangan=undangan,
            boleh_ubah=rembug.pertemuan.terbuka and access.has_cap(user, "sosialisasi.entry", wilayah),
            boleh_tutup=not rembug.is_closed and access.has_cap(user, "sosialisasi.entry", wilayah),
            boleh_buka=rembug.is_closed and access.has_cap(user, "pertemuan.verify", wilayah),
            revisi_terakhir=siklus.revisi_terakhir(rembug.pertemuan),
            lampiran=list(rembug.pertemuan.lampiran.select_related("berkas")),
            tail=[(rembug.pertemuan.judul, "")],
        )
        return super().get_context_data(**kwargs)


class RembugUbahView(RembugMixin, FormView):
    permission = "sosialisasi.entry"
    template_name = "sosialisasi/form.html"
    form_class = RembugForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["rembug"] = self.object
        return kwargs

    def form_valid(self, form):
        try:
            services.ubah_rembug(self.object, **form.cleaned_data)
        except ValidationError as exc:
            for msg in exc.messages:
                form.add_error(None, msg)
            return self.form_invalid(form)
        messages.success(self.request, _("Rembug warga disimpan."))
        return redirect(self.object)

    def get_context_data(self, **kwargs):
        kwargs.update(
            judul=_("Ubah rembug warga"),
            batal=self.object.get_absolute_url(),
            tail=[(self.object.pertemuan.judul, self.object.get_absolute_url()), (_("Ubah"), "")],
        )
        return super().get_context_data(**kwargs)


class RembugTutupView(RembugMixin, FormView):
    """Close the rembug: the inclusion check against the current targets; below target, a
    written justification is required (the form asks for it and keeps what was typed)."""

    permission = "sosialisasi.entry"
    template_name = "sosialisasi/rembug_tutup.html"
    form_class = TutupRembugForm

    def get(self, request, *args, **kwargs):
        if self.object.is_closed:
            messages.info(request, _("Rembug warga ini sudah ditutup."))
            return redirect(self.object)
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        self.hasil = services.cek_inklusi(self.object)
        kwargs["perlu_alasan"] = not self.hasil.memenuhi
        return kwargs

    def form_valid(self, form):
        try:
            services.tutup_rembug(self.object, alasan=form.cleaned_data["alasan"], user=self.request.user)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    for err in errors:
                        form.add_error(field if field in form.fields else None, err)
            else:
                for msg in exc.messages:
                    form.add_error(None, msg)
            return self.form_invalid(form)
        if self.hasil.memenuhi:
            messages.success(self.request, _("Rembug warga ditutup; target inklusi terpenuhi."))
        else:
            messages.warning(self.request, _("Rembug warga ditutup di bawah target inklusi; alasannya tercatat."))
        return redirect(self.object)

    def get_context_data(self, **kwargs):
        kwargs.update(
            hasil=getattr(self, "hasil", None) or services.cek_inklusi(self.object),
            kehadiran_url=reverse("kelurahan:kehadiran", args=[self.object.pertemuan_id]),
            tail=[(self.object.pertemuan.judul, self.object.get_absolute_url()), (_("Tutup"), "")],
        )
        return super().get_context_data(**kwargs)


class RembugBukaView(RembugMixin, View):
    """Reopen a closed rembug, e.g. to correct the daftar hadir: a correction of a closed
    meeting record, by a verifier role (PJOK, Korkot, KMW, administrator) with a reason."""

    permission = "pertemuan.verify"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.buka_kembali(self.object, alasan=request.POST.get("alasan", ""), user=request.user)
        except ValidationError as exc:
            for pesan in exc.messages:
                messages.error(request, pesan)
            return redirect(self.object)
        messages.info(request, _("Rembug warga dibuka kembali; tutup lagi setelah daftar hadir diperbaiki."))
        return redirect(self.object)


class BeritaAcaraView(RembugMixin, PaketPertemuanMixin, View):
    """The rembug's pack (berita acara, notulen, daftar hadir, photos, scans)."""

    permission = "print"
    tugas_task = tasks.berita_acara
    jenis_tugas = "sosialisasi.berita_acara_pdf"

    def judul_tugas(self) -> str:
        return _("Berita acara rembug warga: %(judul)s") % {"judul": self.object.pertemuan.judul}

    def nama_berkas(self) -> str:
        return f"berita-acara-rembug-{self.object.pk}.pdf"

    def stempel_tugas(self) -> str:
        return tasks.stempel_rembug(self.object)

    def buat_pdf(self) -> bytes:
        return berita_acara_pdf(self.object, request=self.request)


class TargetView(PortalMixin, FormView):
    """The national inclusion targets; only a national administrator changes them."""

    permission = "admin.nasional"
    template_name = "sosialisasi/form.html"
    form_class = TargetInklusiForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = TargetInklusi.current()
        return kwargs

    def form_valid(self, form):
        services.ubah_target(
            persen_perempuan=form.cleaned_data["persen_perempuan"],
            jumlah_disabilitas=form.cleaned_data["jumlah_disabilitas"],
            versi=form.cleaned_data.get("versi"),
        )
        messages.success(
            self.request, _("Target inklusi disimpan; berlaku untuk rembug warga yang ditutup sesudah ini.")
        )
        return redirect("sosialisasi:index")

    def get_context_data(self, **kwargs):
        kwargs.update(
            judul=_("Target inklusi rembug warga"),
            batal=reverse("sosialisasi:index"),
            keterangan=_(
                "Rembug warga yang ditutup di bawah target ini wajib disertai alasan tertulis. "
                "Rembug yang sudah ditutup tetap dinilai dengan target yang berlaku saat ditutup."
            ),
        )
        return super().get_context_data(**kwargs)
