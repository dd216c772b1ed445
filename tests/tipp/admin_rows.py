import datetime

from kelurahan.models import Orang
from tests.write_table import NATIONAL, AdminRow
from tipp import services
from tipp.models import TIPP, AnggotaTIPP, DokumenPerencanaan, Kegiatan, PengaturanTIPP, Pokja, RencanaKerja


def _pengaturan(cast, wilayah):
    return PengaturanTIPP.objects.create(target_perempuan=30)


def _tipp(cast, wilayah):
    return services.buat_tipp(wilayah)


def _anggota(cast, wilayah):
    orang = Orang.objects.create(nama=f"Anggota {wilayah.nama}", jenis_kelamin="P", wilayah=wilayah)
    return AnggotaTIPP.objects.create(
        tipp=services.buat_tipp(wilayah), orang=orang, asal="bkm", mulai=datetime.date(2012, 6, 1)
    )


def _pokja(cast, wilayah):
    return Pokja.objects.create(tipp=services.buat_tipp(wilayah), nama="Pokja ND")


def _rencana(cast, wilayah):
    return RencanaKerja.objects.create(wilayah=wilayah)


def _kegiatan(cast, wilayah):
    rencana, _ = RencanaKerja.objects.get_or_create(wilayah=wilayah)
    return services.simpan_kegiatan(
        Kegiatan(
            rencana=rencana,
            nama="Pemetaan swadaya",
            mulai=datetime.date(2012, 7, 2),
            durasi=14,
            tahap="pemetaan",
            satuan="dokumen",
            penanggung_jawab="TIPP",
        )
    )


def _dokumen(cast, wilayah):
    return DokumenPerencanaan.objects.create(wilayah=wilayah, jenis="rplp", judul=f"RPLP {wilayah.nama}")


ADMIN_ROWS = [
    # one row of national settings: nobody adds a second one, nobody deletes it
    AdminRow(PengaturanTIPP, _pengaturan, kind=NATIONAL, add=False, delete=False),
    AdminRow(TIPP, _tipp),
    AdminRow(AnggotaTIPP, _anggota),
    AdminRow(Pokja, _pokja),
    AdminRow(RencanaKerja, _rencana),
    AdminRow(Kegiatan, _kegiatan),
    AdminRow(DokumenPerencanaan, _dokumen),
]
