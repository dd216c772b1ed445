"""A page per person and per actor body: who they are, the positions held, the meetings
attended; personal details only for roles holding `data_pribadi` on the person's region."""

from django.core.paginator import Paginator
from django.views.generic import DetailView

from .. import access
from ..mixins import ScopedObjectMixin
from ..models import Jabatan, Kehadiran, Lembaga, Orang

KEHADIRAN_PER_PAGE = 50


class OrangDetailView(ScopedObjectMixin, DetailView):
    model = Orang
    template_name = "kelurahan/orang_detail.html"
    context_object_name = "orang"

    def get_queryset(self):
        return super().get_queryset().select_related("wilayah")

    def get_context_data(self, **kwargs):
        user, orang = self.request.user, self.object
        # positions in bodies the user may see (a kabupaten body of a desa resident stays hidden
        # from a desa user)
        kwargs["jabatan"] = (
            Jabatan.objects.filter(orang=orang, lembaga__in=Lembaga.objects.for_user(user))
            .select_related("lembaga__wilayah")
            .order_by("-mulai")
        )
        hadir = (
            Kehadiran.objects.for_user(user)
            .filter(orang=orang)
            .select_related("pertemuan__wilayah")
            .order_by("-pertemuan__tanggal", "-pertemuan_id")
        )
        kwargs["hadir_page"] = Paginator(hadir, KEHADIRAN_PER_PAGE).get_page(self.request.GET.get("hal"))
        kwargs["lihat_data_pribadi"] = access.has_cap(user, "data_pribadi", orang.wilayah_id)
        kwargs["jalur"] = access.jalur(user, orang.wilayah)
        kwargs["tail"] = [(orang.nama, "")]
        return super().get_context_data(**kwargs)


class LembagaDetailView(ScopedObjectMixin, DetailView):
    model = Lembaga
    template_name = "kelurahan/lembaga_detail.html"
    context_object_name = "lembaga"

    def get_queryset(self):
        return super().get_queryset().select_related("wilayah")

    def get_context_data(self, **kwargs):
        user, lembaga = self.request.user, self.object
        anggota = lembaga.jabatan.select_related("orang").order_by("selesai", "-mulai", "orang__nama")
        kwargs["anggota"] = [(j, access.can_see(user, j.orang.wilayah_id)) for j in anggota]
        kwargs["jalur"] = access.jalur(user, lembaga.wilayah)
        kwargs["tail"] = [(lembaga.nama, "")]
        return super().get_context_data(**kwargs)
