from blm.models import AlokasiBLM, KonfigurasiBLM, LpjBLM, PembayaranBLM, PermintaanBLM
from tests.write_table import NATIONAL, READONLY, AdminRow

from . import factories as f


def _konfigurasi(cast, wilayah):
    return f.konfigurasi(tahun=2030)


def _alokasi(cast, wilayah):
    return f.alokasi(wilayah)


def _permintaan(cast, wilayah):
    return f.permintaan(wilayah, cast.users["bkm"])


def _pembayaran(cast, wilayah):
    cast.settings.MEDIA_ROOT = str(cast.tmp_path)
    return f.dibayar(wilayah, cast.users["bkm"], cast.users["ppk"]).pembayaran


def _lpj(cast, wilayah):
    cast.settings.MEDIA_ROOT = str(cast.tmp_path)
    return f.dibayar(wilayah, cast.users["bkm"], cast.users["ppk"]).lpj


ADMIN_ROWS = [
    AdminRow(KonfigurasiBLM, _konfigurasi, kind=NATIONAL),
    AdminRow(AlokasiBLM, _alokasi, delete=False),
    AdminRow(PermintaanBLM, _permintaan, kind=READONLY),
    AdminRow(PembayaranBLM, _pembayaran, kind=READONLY),
    AdminRow(LpjBLM, _lpj, kind=READONLY),
]
