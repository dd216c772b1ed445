"""xlsx of sosialisasi activities in a region (a large region's by a background job)."""

from django.utils.translation import gettext_lazy
from django.views import View

from kelurahan.mixins import RegionMixin
from kelurahan.views.tugas import EksporWilayahMixin

from .. import tasks
from ..exports import ekspor_kegiatan


class KegiatanXlsxView(RegionMixin, EksporWilayahMixin, View):
    judul_tugas = gettext_lazy("Ekspor Excel sosialisasi")
    tugas_task = tasks.kegiatan_xlsx

    def ekspor(self):
        return ekspor_kegiatan(self.request.user, self.wilayah)
