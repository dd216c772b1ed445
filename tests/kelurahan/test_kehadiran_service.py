"""The attendance service: rows and counters in one transaction, duplicates refused."""

import pytest
from django.core.exceptions import ValidationError

from kelurahan.models import Kehadiran, Orang
from kelurahan.services import BarisKehadiran, hapus_kehadiran, tambah_kehadiran, ubah_kehadiran


def rows(*specs):
    return [BarisKehadiran(nama=n, jenis_kelamin=jk, baris=i + 1, **kw) for i, (n, jk, kw) in enumerate(specs)]


def test_counters_follow_the_rows(pertemuan_factory):
    p = pertemuan_factory()
    tambah_kehadiran(
        p,
        rows(
            ("Asep", "L", {"miskin": True}),
            ("Euis", "P", {"disabilitas": True}),
            ("Neneng", "P", {"miskin": True, "disabilitas": True}),
        ),
    )
    p.refresh_from_db()
    assert (p.jumlah_l, p.jumlah_p, p.jumlah_disabilitas, p.jumlah_miskin) == (1, 2, 2, 2)
    assert round(p.persen_perempuan, 1) == 66.7
    assert list(p.kehadiran.values_list("urutan", "nama")) == [(1, "Asep"), (2, "Euis"), (3, "Neneng")]


def test_seed_workshop_is_52_percent_women(pertemuan_factory):
    p = pertemuan_factory()
    tambah_kehadiran(
        p, rows(*[(f"Laki {i}", "L", {}) for i in range(14)], *[(f"Perempuan {i}", "P", {}) for i in range(15)])
    )
    p.refresh_from_db()
    assert p.jumlah_hadir == 29
    assert round(p.persen_perempuan) == 52


def test_new_names_register_people_in_the_meeting_region(pertemuan_factory, cinunuk):
    p = pertemuan_factory()
    tambah_kehadiran(p, rows(("Ujang Sutisna", "L", {"rt": "01", "rw": "02"})))
    orang = Orang.objects.get(nama="Ujang Sutisna")
    assert orang.wilayah == cinunuk
    assert orang.rt_rw == "01/02"


def test_a_known_name_reuses_the_registered_person(pertemuan_factory, cinunuk):
    known = Orang.objects.create(nama="Iis Rohayati", jenis_kelamin="P", wilayah=cinunuk)
    p = pertemuan_factory()
    tambah_kehadiran(p, rows(("iis  rohayati", "P", {})))
    assert Kehadiran.objects.get(pertemuan=p).orang == known
    assert Orang.objects.filter(nama__iexact="Iis Rohayati").count() == 1


def test_same_person_twice_in_a_batch_is_refused_and_nothing_saved(pertemuan_factory):
    p = pertemuan_factory()
    with pytest.raises(ValidationError) as exc:
        tambah_kehadiran(p, rows(("Asep", "L", {}), ("Dede", "L", {}), ("Asep", "L", {})))
    assert "Baris 3" in str(exc.value) and "Baris 1" in str(exc.value)
    assert Kehadiran.objects.count() == 0
    assert Orang.objects.count() == 0
    p.refresh_from_db()
    assert p.jumlah_l == 0


def test_same_person_already_on_the_list_is_refused(pertemuan_factory):
    p = pertemuan_factory()
    tambah_kehadiran(p, rows(("Asep", "L", {})))
    orang = Orang.objects.get(nama="Asep")
    with pytest.raises(ValidationError, match="sudah tercatat hadir"):
        tambah_kehadiran(p, [BarisKehadiran(nama="Asep", jenis_kelamin="L", orang_id=orang.pk, baris=1)])
    assert p.kehadiran.count() == 1


def test_a_person_from_another_region_cannot_be_chosen(pertemuan_factory, tambakreja):
    outsider = Orang.objects.create(nama="Orang Cilacap", jenis_kelamin="L", wilayah=tambakreja)
    p = pertemuan_factory()
    with pytest.raises(ValidationError, match="tidak terdaftar"):
        tambah_kehadiran(p, [BarisKehadiran(nama="x", jenis_kelamin="L", orang_id=outsider.pk, baris=1)])
    assert p.kehadiran.count() == 0


def test_delete_and_edit_keep_counters_right(pertemuan_factory):
    p = pertemuan_factory()
    made = tambah_kehadiran(p, rows(("Asep", "L", {}), ("Euis", "P", {})))
    ubah_kehadiran(made[0], disabilitas=True)
    p.refresh_from_db()
    assert p.jumlah_disabilitas == 1
    hapus_kehadiran(p, [made[1].pk])
    p.refresh_from_db()
    assert (p.jumlah_l, p.jumlah_p, p.jumlah_disabilitas) == (1, 0, 1)


def test_every_write_bumps_the_version(pertemuan_factory):
    p = pertemuan_factory()
    before = p.versi
    tambah_kehadiran(p, rows(("Asep", "L", {})))
    p.refresh_from_db()
    assert p.versi == before + 1


def test_bulk_rows_are_recorded_in_history(pertemuan_factory):
    p = pertemuan_factory()
    tambah_kehadiran(p, rows(("Asep", "L", {}), ("Euis", "P", {})))
    assert Kehadiran.history.filter(pertemuan_id=p.pk, history_type="+").count() == 2


def test_five_hundred_rows_are_written_in_batches_not_row_by_row(pertemuan_factory, django_assert_max_num_queries):
    p = pertemuan_factory()
    batch = rows(*[(f"Warga {i}", "L" if i % 2 else "P", {}) for i in range(500)])
    # bulk inserts: SQLite splits them by its parameter limit, still far below one query per row
    with django_assert_max_num_queries(60):
        tambah_kehadiran(p, batch)
    p.refresh_from_db()
    assert (p.jumlah_l, p.jumlah_p) == (250, 250)
