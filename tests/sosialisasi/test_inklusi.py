"""The inclusion rule of a rembug warga: boundary, disability, targets changed by an
administrator, and the below-target query that reads only the counters on Pertemuan."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sosialisasi import services
from sosialisasi.models import RembugWarga, TargetInklusi

from . import factories as f

pytestmark = pytest.mark.django_db


def test_default_targets_without_a_saved_row(regions):
    target = TargetInklusi.current()
    assert target.persen_perempuan == Decimal("30.0")
    assert target.jumlah_disabilitas == 1


def test_29_people_with_8_women_needs_a_justification(cinunuk):
    r = f.rembug(cinunuk, laki=21, perempuan=8, disabilitas=1)
    hasil = services.cek_inklusi(r)
    assert round(hasil.persen_perempuan, 1) == 27.6
    assert not hasil.perempuan_cukup and hasil.disabilitas_cukup and not hasil.memenuhi
    with pytest.raises(ValidationError) as exc:
        services.tutup_rembug(r, alasan="")
    assert "27,6%" in " ".join(exc.value.messages)
    r.refresh_from_db()
    assert not r.is_closed
    assert list(RembugWarga.objects.below_target()) == [r]

    services.tutup_rembug(r, alasan="Banyak ibu-ibu sedang ada pengajian; diundang ulang lewat PKK.")
    r.refresh_from_db()
    assert r.is_closed and r.target_persen_perempuan == Decimal("30.0") and r.target_disabilitas == 1
    assert r.alasan.startswith("Banyak ibu-ibu")
    assert list(RembugWarga.objects.below_target()) == [r]


def test_29_people_with_9_women_closes(cinunuk):
    r = f.rembug(cinunuk, laki=20, perempuan=9, disabilitas=1)
    hasil = services.tutup_rembug(r)
    assert round(hasil.persen_perempuan, 1) == 31.0 and hasil.memenuhi
    r.refresh_from_db()
    assert r.is_closed and r.alasan == ""
    assert not RembugWarga.objects.below_target().exists()


def test_exactly_on_the_target_is_enough(cinunuk):
    r = f.rembug(cinunuk, laki=7, perempuan=3, disabilitas=1)  # 30.0 %
    assert services.cek_inklusi(r).memenuhi
    assert not RembugWarga.objects.below_target().exists()


def test_zero_people_with_a_disability_is_below_the_target_of_one(cinunuk):
    r = f.rembug(cinunuk, laki=14, perempuan=15, disabilitas=0)  # the seed's 52 % women
    hasil = services.cek_inklusi(r)
    assert hasil.perempuan_cukup and not hasil.disabilitas_cukup
    assert hasil.kekurangan() == ["Penyandang disabilitas 0 orang, di bawah target 1 orang."]
    with pytest.raises(ValidationError):
        services.tutup_rembug(r, alasan="terlalu pendek")
    assert list(RembugWarga.objects.below_target()) == [r]


def test_an_empty_meeting_cannot_be_closed_and_is_not_flagged(cinunuk):
    r = f.rembug(cinunuk)
    with pytest.raises(ValidationError, match="Daftar hadir masih kosong"):
        services.tutup_rembug(r, alasan="x" * 40)
    assert not RembugWarga.objects.below_target().exists()


def test_targets_changed_by_an_administrator_take_effect(cinunuk):
    ok_then = f.rembug(cinunuk, laki=20, perempuan=9, disabilitas=1)  # 31.0 %
    services.tutup_rembug(ok_then)
    open_one = f.rembug(cinunuk, laki=20, perempuan=9, disabilitas=1, judul="Rembug kedua")

    services.ubah_target(persen_perempuan=Decimal("40"), jumlah_disabilitas=2)
    assert TargetInklusi.current().persen_perempuan == Decimal("40.0")
    hasil = services.cek_inklusi(open_one)
    assert not hasil.perempuan_cukup and not hasil.disabilitas_cukup
    with pytest.raises(ValidationError):
        services.tutup_rembug(open_one)
    # the meeting closed earlier keeps the targets in force when it was closed
    assert list(RembugWarga.objects.below_target()) == [open_one]
    assert ok_then.inklusi().target_persen_perempuan == Decimal("30.0")

    services.ubah_target(persen_perempuan=Decimal("25"), jumlah_disabilitas=0)
    f.hadir(open_one, perempuan=0)  # reload counters
    assert services.cek_inklusi(open_one).memenuhi
    services.tutup_rembug(open_one)
    assert not RembugWarga.objects.below_target().exists()


def test_target_validation(regions):
    with pytest.raises(ValidationError):
        services.ubah_target(persen_perempuan=Decimal("120"), jumlah_disabilitas=1)


def test_a_closed_rembug_refuses_late_attendance_and_keeps_its_figures(cinunuk):
    r = f.rembug(cinunuk, laki=20, perempuan=9, disabilitas=1)
    services.tutup_rembug(r)
    r.pertemuan.refresh_from_db()
    assert r.pertemuan.status == "ditutup"
    with pytest.raises(ValidationError, match="Pertemuan sudah ditutup"):
        f.hadir(r, laki=5, prefix="Terlambat")  # would be 9 of 34 = 26.5 %
    r.pertemuan.refresh_from_db()
    assert r.pertemuan.jumlah_hadir == 29
    assert list(RembugWarga.objects.below_target()) == []


def test_reopen_and_close_again_uses_the_new_targets(cinunuk):
    r = f.rembug(cinunuk, laki=20, perempuan=9, disabilitas=1)
    services.tutup_rembug(r)
    services.ubah_target(persen_perempuan=Decimal("35"), jumlah_disabilitas=1)
    services.buka_kembali(r, alasan="Target inklusi diperbarui")
    r.refresh_from_db()
    assert not r.is_closed and r.target_persen_perempuan is None
    with pytest.raises(ValidationError):
        services.tutup_rembug(r)


def test_below_target_scoped_and_by_region(cinunuk, pasawahan, tambakreja, users):
    a = f.rembug(cinunuk, laki=21, perempuan=8, disabilitas=1)
    b = f.rembug(pasawahan, laki=21, perempuan=8, disabilitas=1)
    c = f.rembug(tambakreja, laki=21, perempuan=8, disabilitas=1)
    f.rembug(cinunuk, laki=20, perempuan=9, disabilitas=1, judul="Memenuhi")
    assert set(RembugWarga.objects.below_target()) == {a, b, c}
    assert set(RembugWarga.objects.for_user(users["pemda"]).below_target()) == {a, b}
    assert set(RembugWarga.objects.for_user(users["fasilitator"]).below_target()) == {a}
    assert set(RembugWarga.objects.for_user(users["pemda"]).in_region(cinunuk.induk).below_target()) == {a}
    assert set(RembugWarga.objects.for_user(users["fasilitator2"]).in_region(cinunuk).below_target()) == set()


def test_below_target_reads_counters_not_attendance_rows(cinunuk, django_assert_num_queries):
    f.rembug(cinunuk, laki=21, perempuan=8, disabilitas=1)
    with django_assert_num_queries(2) as ctx:  # the targets, then one count
        assert RembugWarga.objects.below_target().count() == 1
    sql = " ".join(q["sql"] for q in ctx.captured_queries).lower()
    assert "kelurahan_kehadiran" not in sql
    assert "jumlah_p" in sql


def test_targets_editable_in_the_django_admin_by_a_national_administrator(client_for, cinunuk):
    r = f.rembug(cinunuk, laki=20, perempuan=9, disabilitas=1)  # 31.0 %
    admin = client_for("admin")
    assert admin.get("/admin/sosialisasi/targetinklusi/add/").status_code == 200
    resp = admin.post("/admin/sosialisasi/targetinklusi/add/", {"persen_perempuan": "33.5", "jumlah_disabilitas": "1"})
    assert resp.status_code == 302
    assert TargetInklusi.objects.get().persen_perempuan == Decimal("33.5")
    assert admin.get("/admin/sosialisasi/targetinklusi/add/").status_code == 403  # one row only
    assert list(RembugWarga.objects.below_target()) == [r]
    assert client_for("korkot").get("/admin/sosialisasi/targetinklusi/1/change/").status_code == 302


def test_ringkasan_inklusi_for_dashboards(cinunuk, pasawahan, users, django_assert_num_queries):
    services.tutup_rembug(f.rembug(cinunuk, laki=20, perempuan=9, disabilitas=1))
    f.rembug(cinunuk, laki=21, perempuan=8, disabilitas=1)
    f.rembug(pasawahan, laki=1, perempuan=1)  # no disability: below target
    f.rembug(pasawahan)  # empty: counted, not flagged
    with django_assert_num_queries(3):  # the user's access rows, the targets, one aggregate
        summary = RembugWarga.objects.for_user(users["pemda"]).ringkasan_inklusi()
    assert summary == {"total": 4, "ditutup": 1, "di_bawah": 2}
    assert RembugWarga.objects.for_user(users["fasilitator"]).in_region(cinunuk).ringkasan_inklusi() == {
        "total": 2,
        "ditutup": 1,
        "di_bawah": 1,
    }
