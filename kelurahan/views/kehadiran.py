"""The shared attendance pages of any meeting: the phone-friendly entry page (htmx rows,
person search, delete), the daftar hadir PDFs, the xlsx export/template/import and the
upload of attachments. Apps link here with `?next=<their page>`."""

from __future__ import annotations

import dataclasses
import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View

from plpbk.common.filters import teks
from plpbk.common.pdf import pdf_response
from plpbk.common.templatetags.plpbk import persen
from plpbk.common.xlsx import stream_response, xlsx_response

from .. import access, exports, konflik, pdf, pratinjau, services, tasks
from ..forms import BarisFormSet, ImportForm, LampiranForm
from ..imports import baca_daftar_hadir
from ..mixins import ScopedObjectMixin
from ..models import Lampiran, Orang, Pertemuan
from .siklus import konteks_siklus
from .tugas import MintaTugasMixin

SEARCH_LIMIT = 8
ROWS_PER_PAGE = 100
MAX_BLANK_ROWS = 300
UNSUR_UMUM = [
    "Warga",
    "Tokoh masyarakat",
    "Tokoh agama",
    "Tokoh perempuan",
    "Perangkat desa/kelurahan",
    "Ketua RT",
    "Ketua RW",
    "BKM",
    "KSM",
    "Relawan",
    "Kader PKK",
    "Karang Taruna",
    "Fasilitator",
    "Pemda",
    "Kelompok peduli",
]
IMPORT_SESSION_KEY = "impor-kehadiran-%s"


def safe_next(request) -> str | None:
    """The `next` URL of the owning app's page, if it is local."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def _filename(pertemuan: Pertemuan, kind: str, ext: str) -> str:
    return f"{kind}-{slugify(pertemuan.judul)[:50] or 'pertemuan'}-{pertemuan.tanggal:%Y%m%d}.{ext}"


class PertemuanMixin(ScopedObjectMixin):
    model = Pertemuan

    def get_queryset(self):
        return Pertemuan.objects.for_user(self.request.user).select_related("wilayah")

    @property
    def pertemuan(self) -> Pertemuan:
        return self.object

    def can_edit(self) -> bool:
        """Entry controls show only on an open (draft) meeting."""
        return self.object.terbuka and access.has_cap(self.request.user, "pertemuan.entry", self.object.wilayah_id)

    def require_edit(self):
        access.require(self.request.user, "pertemuan.entry", self.object.wilayah_id)

    def url_with_next(self, name: str, *args) -> str:
        url = reverse(name, args=[self.object.pk, *args])
        nxt = safe_next(self.request)
        if nxt:
            url += "?" + urlencode({"next": nxt})
        return url

    def rows_context(self, errors=None, refresh=True) -> dict:
        """The newest rows first, one page of ROWS_PER_PAGE: the page costs the same at 3,000 rows."""
        p = self.object
        if refresh:
            p.refresh_from_db(fields=["jumlah_l", "jumlah_p", "jumlah_disabilitas", "jumlah_miskin", "versi"])
        try:
            halaman = max(int(self.request.GET.get("halaman", 1)), 1)
        except ValueError:
            halaman = 1
        start = (halaman - 1) * ROWS_PER_PAGE
        rows = list(p.kehadiran.order_by("-urutan")[start : start + ROWS_PER_PAGE + 1])
        return self.base_context(
            kehadiran=rows[:ROWS_PER_PAGE],
            errors=errors or [],
            halaman=halaman,
            ada_berikut=len(rows) > ROWS_PER_PAGE,
            halaman_lain=halaman > 1 or len(rows) > ROWS_PER_PAGE,
        )

    def base_context(self, **extra) -> dict:
        p = self.object
        nxt = safe_next(self.request)
        user = self.request.user
        context = {
            "pertemuan": p,
            "next": nxt,
            "can_edit": self.can_edit(),
            "pribadi": access.has_cap(user, "data_pribadi", p.wilayah_id),
            "jalur": access.jalur(user, p.wilayah),
            "entry_url": self.url_with_next("kelurahan:kehadiran"),
            "unsur_umum": UNSUR_UMUM,
            **konteks_siklus(user, p),
        }
        context.update(extra)
        return context


class KehadiranView(PertemuanMixin, View):
    """GET: the entry page (read-only for roles without "pertemuan.entry"). POST: add up to
    500 rows in one transaction (the page sends one row per Enter, via htmx)."""

    permission = "view"
    template_name = "kelurahan/kehadiran.html"

    def get(self, request, *args, **kwargs):
        context = self.rows_context(refresh=False)
        context["formset"] = BarisFormSet(prefix="baris")
        context["teks_entri"] = teks_entri()
        return render(request, self.template_name, context)

    def post(self, request, *args, **kwargs):
        self.require_edit()
        if "application/json" in request.headers.get("Accept", ""):
            return self.post_json(request)
        formset = BarisFormSet(request.POST, prefix="baris")
        errors: list[str] = []
        saved = []
        if formset.is_valid():
            try:
                saved = services.tambah_kehadiran(self.object, formset.rows(), user=request.user)
            except ValidationError as exc:
                errors = list(exc.messages)
        else:
            errors = _formset_errors(formset)
        if request.htmx:
            response = render(request, "kelurahan/_kehadiran_daftar.html", self.rows_context(errors))
            if saved:
                response["HX-Trigger"] = "kehadiranTersimpan"
            else:
                response["HX-Trigger"] = "kehadiranDitolak"
            return response
        if errors:
            for e in errors:
                messages.error(request, e)
        else:
            messages.success(request, _("%(n)s peserta ditambahkan.") % {"n": len(saved)})
        return HttpResponseRedirect(self.url_with_next("kelurahan:kehadiran"))

    def post_json(self, request):
        """One row from the entry page's queue: {"baris": <row html>, "jumlah": counters} or
        400 {"errors": {field: [messages]}}. A resend of a saved `kunci` answers the saved row."""
        pengguna = request.POST.get("pengguna")
        if pengguna and pengguna != str(request.user.pk):
            pesan = _("Baris ini diketik oleh pengguna lain di perangkat ini; tidak dikirim atas nama Anda.")
            return JsonResponse({"errors": {"nama": [pesan]}}, status=400)
        formset = BarisFormSet(request.POST, prefix="baris")
        if not formset.is_valid():
            errors: dict[str, list[str]] = {}
            for form in formset.forms:
                for name, errs in form.errors.items():
                    errors.setdefault(name if name in form.fields else "nama", []).extend(errs)
            for e in formset.non_form_errors():
                errors.setdefault("nama", []).append(str(e))
            return JsonResponse({"errors": errors}, status=400)
        try:
            saved = services.tambah_kehadiran(self.object, formset.rows(), user=request.user)
        except ValidationError as exc:
            return JsonResponse({"errors": {"nama": list(exc.messages)}}, status=400)
        p = self.object
        p.refresh_from_db(fields=["jumlah_l", "jumlah_p", "jumlah_disabilitas", "jumlah_miskin", "versi"])
        context = self.base_context(dimuat=timezone.now().isoformat())
        html = "".join(
            render_to_string("kelurahan/_kehadiran_baris.html", {**context, "k": k}, request=request) for k in saved
        )
        jumlah = {
            "total-l": p.jumlah_l,
            "total-p": p.jumlah_p,
            "total": p.jumlah_hadir,
            "total-persen": persen(p.persen_perempuan),
        }
        if context["pribadi"]:
            jumlah.update({"total-disabilitas": p.jumlah_disabilitas, "total-miskin": p.jumlah_miskin})
        return JsonResponse({"baris": html, "jumlah": jumlah, "kunci": [str(k.kunci or "") for k in saved]})


def teks_entri() -> dict[str, str]:
    """The entry page script's words, translated here (the script has no catalogue)."""
    return {
        "nama_pendek": _("Nama terlalu pendek."),
        "pilih_jk": _("Pilih L atau P."),
        "angka": _("Isi dengan angka (mis. 3)."),
        "menunggu": _("menunggu jaringan"),
        "mengirim": _("mengirim…"),
        "ditolak": _("ditolak"),
        "perbaiki": _("Perbaiki"),
        "buang": _("Buang"),
        "belum_terkirim": _("%(n)s baris belum terkirim; tetap tersimpan di perangkat ini."),
        "ada_ditolak": _("%(n)s baris ditolak: perbaiki atau buang."),
        "tanpa_jaringan": _("Tidak ada jaringan: baris dikirim otomatis saat jaringan kembali."),
        "masuk_lagi": _("Sesi Anda berakhir: masuk lagi untuk mengirim baris yang menunggu."),
        "tidak_berhak": _("Anda tidak berhak menambah peserta di pertemuan ini."),
        "tidak_ada": _("Pertemuan tidak ditemukan atau di luar wilayah Anda."),
        "ganti_isian": _("Isian yang sedang diketik akan diganti dengan baris yang ditolak. Lanjutkan?"),
    }


def _formset_errors(formset) -> list[str]:
    errors = [str(e) for e in formset.non_form_errors()]
    many = len(formset.forms) > 1
    for i, form in enumerate(formset.forms, start=1):
        for name, errs in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            for err in errs:
                prefix = _("Baris %(n)s, %(kolom)s") % {"n": i, "kolom": label} if many else str(label)
                errors.append(f"{prefix}: {err}" if prefix else str(err))
    return errors


class HapusKehadiranView(PertemuanMixin, View):
    permission = "pertemuan.entry"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        row = get_object_or_404(self.object.kehadiran, pk=kwargs["kehadiran"])
        versi = konflik.baca_versi(request.POST.get("versi"))
        current = Pertemuan.objects.select_for_update().values_list("versi", flat=True).get(pk=self.object.pk)
        if versi != current:  # a delete from a stale list (or none); appends are never refused
            pesan = konflik.perubahan_daftar(self.object, request.POST.get("sejak"))
            if request.htmx:
                return render(request, "kelurahan/_kehadiran_daftar.html", self.rows_context([pesan]))
            messages.error(request, pesan)
            return HttpResponseRedirect(self.url_with_next("kelurahan:kehadiran"))
        try:
            services.hapus_kehadiran(self.object, [row.pk])
        except ValidationError as exc:
            if request.htmx:
                return render(request, "kelurahan/_kehadiran_daftar.html", self.rows_context(exc.messages))
            messages.error(request, " ".join(exc.messages))
            return HttpResponseRedirect(self.url_with_next("kelurahan:kehadiran"))
        if request.htmx:
            return render(request, "kelurahan/_kehadiran_daftar.html", self.rows_context())
        messages.success(request, _("%(nama)s dihapus dari daftar hadir.") % {"nama": row.nama})
        return HttpResponseRedirect(self.url_with_next("kelurahan:kehadiran"))


class CariOrangView(PertemuanMixin, View):
    """People registered in the meeting's region whose name contains the typed text."""

    permission = "pertemuan.entry"

    def get(self, request, *args, **kwargs):
        text = teks(request.GET, "q") or teks(request.GET, "baris-0-nama")
        people: list[Orang] = []
        hadir: set[int] = set()
        if len(text) >= 2:
            people = list(
                Orang.objects.in_region(self.object.wilayah)
                .filter(nama__icontains=text)
                .order_by("nama")[:SEARCH_LIMIT]
            )
            hadir = set(self.object.kehadiran.filter(orang__in=people).values_list("orang_id", flat=True))
        return render(request, "kelurahan/_kehadiran_saran.html", {"people": people, "hadir": hadir, "text": text})


class DaftarHadirPdfView(PertemuanMixin, MintaTugasMixin, View):
    """The daftar hadir PDF: at once, or as a background job past settings.TUGAS_AMBANG_HADIR
    participants (the blank list is always immediate)."""

    permission = "print"
    blank = False
    tugas_task = tasks.daftar_hadir

    def perlu_tugas(self) -> bool:
        p = self.object
        return not self.blank and p.jumlah_l + p.jumlah_p > settings.TUGAS_AMBANG_HADIR

    def spesifikasi_tugas(self) -> dict:
        p, request = self.object, self.request
        bahasa = "en" if request.GET.get("bahasa") == "en" else ""
        return {
            "jenis": "kelurahan.daftar_hadir_pdf",
            "judul": _("Daftar hadir: %(judul)s") % {"judul": p.judul},
            "parameter": {
                "pk": p.pk,
                "q": f"bahasa={bahasa}" if bahasa else "",
                "nama": _filename(p, "daftar-hadir", "pdf"),
                "pribadi": pdf.lihat_data_pribadi(p, request),
            },
            "stempel": tasks.stempel_pertemuan(p),
            "kode_wilayah": p.wilayah_id,
        }

    def respon_langsung(self):
        request = self.request
        try:
            baris = min(max(int(request.GET.get("baris", pdf.BLANK_ROWS)), 10), MAX_BLANK_ROWS)
        except ValueError:
            baris = pdf.BLANK_ROWS
        data = pdf.daftar_hadir_pdf(self.object, blank=self.blank, request=request, baris_kosong=baris)
        kind = "daftar-hadir-kosong" if self.blank else "daftar-hadir"
        return pdf_response(data, _filename(self.object, kind, "pdf"))


class KehadiranXlsxView(PertemuanMixin, View):
    permission = "print"

    def get(self, request, *args, **kwargs):
        pribadi = access.has_cap(request.user, "data_pribadi", self.object.wilayah_id)
        rows = exports.kehadiran_rows(self.object, pribadi=pribadi)
        return stream_response(rows, _filename(self.object, "daftar-hadir", "xlsx"), _("Daftar hadir"))


class TemplateXlsxView(PertemuanMixin, View):
    permission = "print"

    def get(self, request, *args, **kwargs):
        return xlsx_response(
            exports.template_rows(self.object),
            _filename(self.object, "templat-daftar-hadir", "xlsx"),
            _("Daftar hadir"),
        )


class ImportView(PertemuanMixin, View):
    """Upload -> preview (every error with its row number) -> confirm. Nothing is saved
    until the whole file is clean; the save is one transaction."""

    permission = "pertemuan.entry"
    template_name = "kelurahan/kehadiran_import.html"

    def session_key(self) -> str:
        return IMPORT_SESSION_KEY % self.object.pk

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name, self.base_context(form=ImportForm()))

    def post(self, request, *args, **kwargs):
        if "token" in request.POST:
            return self.confirm(request)
        form = ImportForm(request.POST, request.FILES)
        context = self.base_context(form=form)
        if form.is_valid():
            try:
                self.object.pastikan_terbuka()
                result = baca_daftar_hadir(form.cleaned_data["berkas"], self.object)
            except ValidationError as exc:
                form.add_error("berkas", exc)
            else:
                context["hasil"] = result
                if result.ok:
                    data = {
                        "rows": [dataclasses.asdict(r) for r in result.rows],
                        "nama_berkas": form.cleaned_data["berkas"].name,
                    }
                    token = pratinjau.simpan(request.user, "kehadiran", self.object.pk, data)
                    request.session[self.session_key()] = token
                    context["token"] = token
        return render(request, self.template_name, context)

    def confirm(self, request):
        token = request.session.get(self.session_key())
        if not isinstance(token, str) or not secrets.compare_digest(token, request.POST.get("token", "")):
            token = None
        simpanan = pratinjau.ambil(request.user, "kehadiran", self.object.pk, token) if token else None
        stash = simpanan.data if simpanan is not None else None
        if not stash:
            messages.error(request, _("Pratinjau impor sudah kedaluwarsa; unggah berkasnya lagi."))
            return HttpResponseRedirect(self.url_with_next("kelurahan:kehadiran_import"))
        rows = [services.BarisKehadiran(**r) for r in stash["rows"]]
        try:
            saved = services.tambah_kehadiran(self.object, rows, user=request.user)
        except ValidationError as exc:
            context = self.base_context(form=ImportForm(), gagal=exc.messages)
            return render(request, self.template_name, context)
        del request.session[self.session_key()]
        simpanan.delete()
        messages.success(
            request, _("%(n)s peserta dari %(berkas)s disimpan.") % {"n": len(saved), "berkas": stash["nama_berkas"]}
        )
        return HttpResponseRedirect(self.url_with_next("kelurahan:kehadiran"))


class LampiranTambahView(PertemuanMixin, View):
    permission = "pertemuan.entry"
    template_name = "kelurahan/kehadiran_lampiran.html"

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name, self.base_context(form=LampiranForm()))

    def post(self, request, *args, **kwargs):
        form = LampiranForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            services.tambah_lampiran(self.object, request.user, data["berkas"], data["jenis"], data["keterangan"])
            messages.success(request, _("Lampiran disimpan."))
            return HttpResponseRedirect(safe_next(request) or self.url_with_next("kelurahan:kehadiran"))
        return render(request, self.template_name, self.base_context(form=form), status=200)


class LampiranHapusView(ScopedObjectMixin, View):
    """Removes a wrong upload (POST only); the file goes with the row."""

    model = Lampiran
    permission = "pertemuan.entry"
    http_method_names = ["post"]

    def get_queryset(self):
        return Lampiran.objects.for_user(self.request.user).select_related("pertemuan")

    def region_of(self, obj):
        return obj.pertemuan.wilayah_id

    def post(self, request, *args, **kwargs):
        obj = self.object
        services.hapus_lampiran(obj)
        messages.success(request, _("Lampiran dihapus."))
        return HttpResponseRedirect(safe_next(request) or reverse("kelurahan:kehadiran", args=[obj.pertemuan_id]))


class DaftarHadirKosongPdfView(DaftarHadirPdfView):
    """The blank list to print before the meeting: small, always at once, GET only."""

    blank = True
    http_method_names = ["get", "head", "options"]
