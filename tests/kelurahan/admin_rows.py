import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from kelurahan.models import Akses, Jabatan, Lembaga, LokasiProgram, Orang, Pertemuan, ProfilKelurahan, Wilayah
from tests.conftest import make_region
from tests.write_table import NATIONAL, NATIONAL_WRITE, AdminRow


def _orang(wilayah, nama="Warga Uji"):
    return Orang.objects.create(nama=f"{nama} {wilayah.nama}", jenis_kelamin="P", wilayah=wilayah)


def _wilayah(cast, wilayah):
    return make_region(wilayah.induk_id + ".2099", f"Desa Uji {wilayah.induk.nama}")


def _lokasi(cast, wilayah):
    return LokasiProgram.objects.get(wilayah=wilayah)


def _lembaga(cast, wilayah):
    lembaga = cast.lembaga_factory(jenis="bkm", wilayah=wilayah, nama=f"BKM Uji {wilayah.nama}")
    Jabatan.objects.create(orang=_orang(wilayah), lembaga=lembaga, jabatan="Ketua", mulai=datetime.date(2012, 1, 2))
    return lembaga


def _orang_row(cast, wilayah):
    return _orang(wilayah)


def _pertemuan(cast, wilayah):
    return cast.pertemuan_factory(wilayah=wilayah, judul=f"Rapat uji {wilayah.nama}")


def _akses(cast, wilayah):
    """A facilitator's access; the account keeps a second one in the same region, so it stays
    among the accounts an administrator of that region may pick."""
    user = get_user_model().objects.create(username=f"uji-{wilayah.kode}")
    Akses.objects.create(user=user, peran="bkm", wilayah=wilayah)
    return Akses.objects.create(user=user, peran="fasilitator", wilayah=wilayah)


def _user(cast, wilayah):
    return get_user_model().objects.create_user("pengguna-uji", password="Sandi-uji-2012")


def _user_add(cast, wilayah):
    return {"username": "pengguna-baru", "password1": "Sandi-uji-2012", "password2": "Sandi-uji-2012"}


def _group(cast, wilayah):
    return Group.objects.create(name="Grup uji")


def _profil(cast, wilayah):
    return ProfilKelurahan.objects.create(wilayah=wilayah, tahun=2013, penduduk_l=50, penduduk_p=55, jumlah_kk=30)


ADMIN_ROWS = [
    AdminRow(Wilayah, _wilayah, kind=NATIONAL_WRITE),
    AdminRow(LokasiProgram, _lokasi),
    AdminRow(Lembaga, _lembaga),
    AdminRow(Orang, _orang_row),
    AdminRow(Pertemuan, _pertemuan),
    AdminRow(ProfilKelurahan, _profil),
    AdminRow(Akses, _akses),
    AdminRow(get_user_model(), _user, kind=NATIONAL, add_data=_user_add),
    AdminRow(Group, _group, kind=NATIONAL),
]
