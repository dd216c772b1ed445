"""The one way an uploaded file leaves the portal (uploads are never served as /media/)."""

from django.shortcuts import get_object_or_404
from django.views import View

from plpbk.common.uploads import serve_file

from .. import access
from ..mixins import PortalMixin
from ..models import Berkas


class BerkasView(PortalMixin, View):
    """A file, fetched through `Berkas.objects.for_user` (outside the user's regions: 404),
    then the owning record's capability is checked on its region (403): a scanned daftar
    hadir needs "data_pribadi", everything else "view"."""

    def authorize(self):
        user = self.request.user
        queryset = Berkas.objects.for_user(user).select_related(*(r.name for r in Berkas.relasi_pemilik()))
        self.berkas = get_object_or_404(queryset, pk=self.kwargs["pk"])
        pemilik = self.berkas.pemilik()
        access.require(user, getattr(pemilik, "kapabilitas_berkas", "view"), pemilik.kode_wilayah)

    def get(self, request, *args, **kwargs):
        berkas = self.berkas
        return serve_file(berkas.berkas, berkas.nama_asli, berkas.tipe_isi)
