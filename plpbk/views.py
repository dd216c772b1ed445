"""Cross-app pages: the home page that tells each role what to do next."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from kelurahan import access
from kelurahan.mixins import PortalMixin
from kelurahan.models import Pertemuan

# role -> (text, url name) of the next things that role usually does
NEXT_STEPS = {
    access.ADMIN: [
        (_("Buka dasbor nasional: bandingkan provinsi sampai ke kelurahan."), "dashboard"),
        (_("Lihat wilayah dan pelaku program di seluruh cakupan Anda."), "kelurahan:wilayah_index"),
        (_("Kelola pengguna, akses dan data induk di halaman admin."), "admin:index"),
    ],
    access.SATKER: [
        (_("Pantau wilayah provinsi Anda sampai ke kelurahan."), "kelurahan:wilayah_index"),
    ],
    access.PEMDA: [
        (_("Buka dasbor kabupaten/kota Anda: peserta, TIPP dan penyerapan BLM per kecamatan."), "dashboard"),
        (_("Tinjau kelurahan program di kabupaten/kota Anda."), "kelurahan:wilayah_index"),
    ],
    access.KORKOT: [
        (_("Periksa data pertemuan dan pelaku di wilayah dampingan."), "kelurahan:wilayah_index"),
    ],
    access.PPK: [
        (_("Lihat kelurahan di wilayah kerja Anda."), "kelurahan:wilayah_index"),
    ],
    access.PJOK: [
        (_("Lihat kelurahan di kecamatan Anda."), "kelurahan:wilayah_index"),
    ],
    access.FASILITATOR: [
        (_("Buka kelurahan dampingan Anda untuk mencatat pertemuan dan daftar hadir."), "kelurahan:wilayah_index"),
    ],
    access.BKM: [
        (_("Buka kelurahan Anda untuk mencetak laporan dan daftar hadir."), "kelurahan:wilayah_index"),
    ],
}


class HomeView(PortalMixin, TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        steps, seen = [], set()
        for akses in access.akses_list(user):
            for text, url_name in NEXT_STEPS.get(akses.peran, []):
                if (text, url_name) in seen:
                    continue
                seen.add((text, url_name))
                try:
                    steps.append((text, reverse(url_name)))
                except NoReverseMatch:
                    continue
        kwargs.update(steps=steps, regions=access.home_regions(user))
        if access.has_cap(user, "pertemuan.verify"):
            kwargs["menunggu_verifikasi"] = Pertemuan.objects.for_user(user).menunggu_verifikasi().count()
        return super().get_context_data(**kwargs)
