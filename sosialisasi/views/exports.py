"""xlsx of sosialisasi activities in a region."""

from django.views import View

from kelurahan.mixins import RegionMixin
from plpbk.common.xlsx import xlsx_response

from ..exports import kegiatan_rows


class KegiatanXlsxView(RegionMixin, View):
    def get(self, request, *args, **kwargs):
        return xlsx_response(
            kegiatan_rows(request.user, self.wilayah),
            f"sosialisasi-{self.wilayah.kode}.xlsx",
            sheet_title="Sosialisasi",
        )
