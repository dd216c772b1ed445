import pytest

from kelurahan.demo import load as load_kelurahan
from lokakarya.demo import load
from lokakarya.models import TUJUAN_SEED, Lokakarya

pytestmark = pytest.mark.django_db


def test_demo_has_the_seed_workshop_and_one_per_level_and_is_idempotent():
    load_kelurahan()
    load()
    load()
    assert Lokakarya.objects.count() == 4
    assert sorted(Lokakarya.objects.values_list("tingkat", flat=True)) == [1, 2, 3, 4]
    desa = Lokakarya.objects.get(pertemuan__judul="Lokakarya PLP-BK tingkat Desa")
    p = desa.pertemuan
    assert (p.wilayah_id, str(p.tanggal), p.tempat) == ("32.04.05.2004", "2012-05-16", "Aula Desa Cinunuk")
    assert (p.jumlah_l, p.jumlah_p, round(p.persen_perempuan)) == (14, 15, 52)
    assert p.kehadiran.count() == 29 and p.jumlah_disabilitas >= 1 and p.jumlah_miskin >= 1
    for lk in Lokakarya.objects.all():
        assert lk.daftar_tujuan() == TUJUAN_SEED
    assert {lk.pertemuan.wilayah_id for lk in Lokakarya.objects.select_related("pertemuan")} == {
        "32",
        "32.04",
        "32.04.05",
        "32.04.05.2004",
    }
