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


# --- the KSM stage (read-only in the admin) ---
def _ksm_media(cast):
    cast.settings.MEDIA_ROOT = str(cast.tmp_path)


def _ksm(cast, wilayah):
    from . import factories_ksm as fk

    return fk.ksm(wilayah)


def _usulan(cast, wilayah):
    from . import factories_ksm as fk

    return fk.usulan(wilayah, "disetujui")


def _pencairan(cast, wilayah):
    from . import factories_ksm as fk

    _ksm_media(cast)
    return fk.pencairan(wilayah, cast.users["bkm"])


def _laporan(cast, wilayah):
    from . import factories_ksm as fk

    return fk.laporan(wilayah, cast.users["bkm"])


def _berita_acara(cast, wilayah):
    import datetime

    from blm.models_ksm import BeritaAcaraKSM

    from . import factories_ksm as fk

    u = fk.usulan(wilayah, "disetujui", progres=100)
    return BeritaAcaraKSM.objects.create(
        usulan=u, wilayah=wilayah, jenis="pemeriksaan", tanggal=datetime.date(2013, 4, 1), hasil="Baik"
    )


def _ksm_rows():
    from blm.models_ksm import KSM, BeritaAcaraKSM, LaporanProgres, PencairanKSM, UsulanKegiatan

    return [
        AdminRow(KSM, _ksm, kind=READONLY),
        AdminRow(UsulanKegiatan, _usulan, kind=READONLY),
        AdminRow(PencairanKSM, _pencairan, kind=READONLY),
        AdminRow(LaporanProgres, _laporan, kind=READONLY),
        AdminRow(BeritaAcaraKSM, _berita_acara, kind=READONLY),
    ]


ADMIN_ROWS += _ksm_rows()
