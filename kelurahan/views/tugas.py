"""Background jobs seen by the user who asked for them: the progress page (htmx polls its
status part), the download, and `MintaTugasMixin` for an app's download that becomes a job
when large. Another user's job, or one outside the user's regions, is a 404."""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views import View

from plpbk.common.pdf import pdf_response
from plpbk.common.uploads import serve_file
from plpbk.common.xlsx import xlsx_response

from .. import access
from .. import tugas as layanan
from ..mixins import PortalMixin
from ..models import Tugas
from ..pdf import lihat_data_pribadi


class TugasMixin(PortalMixin):
    def authorize(self):
        super().authorize()
        queryset = Tugas.objects.for_user(self.request.user).select_related("hasil")
        self.tugas = get_object_or_404(queryset, pk=self.kwargs["pk"])


class TugasView(TugasMixin, View):
    """The job's page; while it runs, its status part asks again every two seconds."""

    def get(self, request, *args, **kwargs):
        context = {"tugas": self.tugas}
        if request.htmx:
            return render(request, "kelurahan/_tugas_status.html", context)
        return render(request, "kelurahan/tugas.html", context)


class TugasUnduhView(TugasMixin, View):
    def get(self, request, *args, **kwargs):
        tugas = self.tugas
        if not tugas.siap:
            raise Http404
        access.require(request.user, tugas.kapabilitas, tugas.kode_wilayah)
        hasil = tugas.hasil
        return serve_file(hasil.berkas, hasil.nama_asli, hasil.tipe_isi)


class MintaTugasMixin:
    """A download that is made at once when small and as a background job when large.

    GET: small → `respon_langsung()`; large → the user's identical job (running or done) or a
    page offering to prepare the file (no GET writes). POST: queue it (or reuse a stored
    result) and go to the job's page. Subclasses give `tugas_task`, `perlu_tugas()`,
    `spesifikasi_tugas()` (keyword arguments of `kelurahan.tugas.minta_tugas`) and
    `respon_langsung()`; the query string travels with the POST."""

    tugas_task = None

    def perlu_tugas(self) -> bool:
        raise NotImplementedError

    def spesifikasi_tugas(self) -> dict:
        raise NotImplementedError

    def respon_langsung(self):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        if not self.perlu_tugas():
            return self.respon_langsung()
        spec = self.spesifikasi_tugas()
        sendiri = layanan.simpanan(request.user, spec["jenis"], spec["parameter"], spec["stempel"])
        if sendiri is not None:
            return HttpResponseRedirect(sendiri.get_absolute_url())
        return render(request, "kelurahan/tugas_minta.html", {"judul": spec["judul"]})

    def post(self, request, *args, **kwargs):
        tugas = layanan.minta_tugas(request.user, self.tugas_task, **self.spesifikasi_tugas())
        return HttpResponseRedirect(tugas.get_absolute_url())


class PaketPertemuanMixin(MintaTugasMixin):
    """A meeting's document pack (berita acara, notulen, daftar hadir, ...) of `self.object`,
    whose meeting is `.pertemuan`: at once, or by a background job past
    settings.TUGAS_AMBANG_HADIR participants. Subclasses give `tugas_task`, `jenis_tugas`,
    `judul_tugas()`, `nama_berkas()`, `stempel_tugas()` (what makes a stored file stale) and
    `buat_pdf()` (the app's pdf function, which the job calls too)."""

    jenis_tugas = ""

    def judul_tugas(self) -> str:
        raise NotImplementedError

    def nama_berkas(self) -> str:
        raise NotImplementedError

    def stempel_tugas(self) -> str:
        raise NotImplementedError

    def buat_pdf(self) -> bytes:
        raise NotImplementedError

    def perlu_tugas(self) -> bool:
        p = self.object.pertemuan
        return p.jumlah_l + p.jumlah_p > settings.TUGAS_AMBANG_HADIR

    def spesifikasi_tugas(self) -> dict:
        obj, request = self.object, self.request
        bahasa = "en" if request.GET.get("bahasa") == "en" else ""
        return {
            "jenis": self.jenis_tugas,
            "judul": self.judul_tugas(),
            "parameter": {
                "pk": obj.pk,
                "q": f"bahasa={bahasa}" if bahasa else "",
                "nama": self.nama_berkas(),
                "pribadi": lihat_data_pribadi(obj.pertemuan, request),
            },
            "stempel": self.stempel_tugas(),
            "kode_wilayah": obj.pertemuan.wilayah_id,
        }

    def respon_langsung(self):
        return pdf_response(self.buat_pdf(), self.nama_berkas())


class EksporWilayahMixin(MintaTugasMixin):
    """A region's xlsx (with `RegionMixin`: `self.wilayah`): at once up to
    settings.TUGAS_AMBANG_BARIS rows, past it a background job (a national or province export).
    Subclasses give `tugas_task` (a job reading `parameter["kode"]` and `["jenis"]`), `judul_tugas`
    and `ekspor()` (a `kelurahan.tugas.Ekspor` from the app's exports.py, which the job builds
    again); `jenis_ekspor()` tells exports of one view apart."""

    judul_tugas = ""
    kapabilitas_tugas = None  # default: the view's permission

    def ekspor(self) -> layanan.Ekspor:
        raise NotImplementedError

    def jenis_ekspor(self) -> str:
        return self.kwargs.get("jenis", "")

    def _ekspor(self) -> layanan.Ekspor:
        if getattr(self, "_ekspor_cache", None) is None:
            self._ekspor_cache = self.ekspor()
        return self._ekspor_cache

    def perlu_tugas(self) -> bool:
        batas = settings.TUGAS_AMBANG_BARIS
        return self._ekspor().jumlah(batas) > batas

    def spesifikasi_tugas(self) -> dict:
        ekspor = self._ekspor()
        return {
            "jenis": self.tugas_task.name,
            "judul": f"{self.judul_tugas}: {self.wilayah.label}",
            "parameter": {"kode": self.wilayah.kode, "jenis": self.jenis_ekspor()},
            "stempel": ekspor.stempel(),
            "kode_wilayah": self.wilayah.kode,
            "kapabilitas": self.kapabilitas_tugas or self.permission,
        }

    def respon_langsung(self):
        ekspor = self._ekspor()
        return xlsx_response(ekspor.baris(), ekspor.nama, str(ekspor.lembar))
