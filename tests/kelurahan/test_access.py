"""access.py: scopes, capabilities, the scoped query sets and the admin."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kelurahan import access
from kelurahan.models import Akses, Lembaga, Orang, Pertemuan, Wilayah


@pytest.fixture
def meetings(pertemuan_factory, regions):
    return {
        "cinunuk": pertemuan_factory(judul="Cinunuk"),
        "pasawahan": pertemuan_factory(wilayah=regions["32.04.12.1001"], judul="Pasawahan"),
        "tambakreja": pertemuan_factory(wilayah=regions["33.01.01.2001"], judul="Tambakreja"),
    }


@pytest.mark.parametrize(
    "who,seen",
    [
        ("admin", {"Cinunuk", "Pasawahan", "Tambakreja"}),
        ("satker", {"Cinunuk", "Pasawahan"}),
        ("pemda", {"Cinunuk", "Pasawahan"}),
        ("pjok", {"Cinunuk"}),
        ("fasilitator", {"Cinunuk"}),
        ("bkm2", {"Pasawahan"}),
    ],
)
def test_for_user_keeps_rows_inside_the_users_regions(users, meetings, who, seen):
    assert set(Pertemuan.objects.for_user(users[who]).values_list("judul", flat=True)) == seen


def test_a_user_without_any_role_sees_nothing(users, meetings, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="x")
    assert not Pertemuan.objects.for_user(nobody).exists()
    assert not Wilayah.objects.for_user(nobody).exists()


def test_a_code_prefix_does_not_leak_into_a_sibling_code(regions, django_user_model):
    Wilayah.objects.create(kode="32.04.05.2040", nama="Desa Lain", tingkat=4, induk_id="32.04.05")
    user = django_user_model.objects.create_user("bkm-x", password="x")
    Akses.objects.create(user=user, peran="bkm", wilayah_id="32.04.05.2004")
    assert list(Wilayah.objects.for_user(user).values_list("kode", flat=True)) == ["32.04.05.2004"]


def test_two_roles_in_two_regions_add_up(regions, django_user_model, meetings):
    user = django_user_model.objects.create_user("dua", password="x")
    Akses.objects.create(user=user, peran="fasilitator", wilayah_id="32.04.05.2004")
    Akses.objects.create(user=user, peran="bkm", wilayah_id="32.04.12.1001")
    assert set(Pertemuan.objects.for_user(user).values_list("judul", flat=True)) == {"Cinunuk", "Pasawahan"}
    assert access.has_cap(user, "pertemuan.entry", "32.04.05.2004")
    assert not access.has_cap(user, "pertemuan.entry", "32.04.12.1001")
    assert access.has_cap(user, "print", "32.04.12.1001")


def test_capabilities_follow_role_and_region(users):
    assert access.has_cap(users["fasilitator"], "pertemuan.entry", "32.04.05.2004")
    assert not access.has_cap(users["fasilitator"], "pertemuan.entry", "32.04.12.1001")
    assert not access.has_cap(users["bkm"], "pertemuan.entry", "32.04.05.2004")
    assert access.has_cap(users["bkm"], "print", "32.04.05.2004")
    assert access.has_cap(users["admin"], "admin", "33.01.01.2001")
    assert not access.has_cap(users["pemda"], "admin")
    with pytest.raises(KeyError):
        access.has_cap(users["admin"], "no.such.capability")


def test_scopes_are_loaded_once_per_user_object(users, django_assert_num_queries):
    user = users["pemda"]
    with django_assert_num_queries(1):
        for _ in range(5):
            access.has_cap(user, "view", "32.04.05")
            access.region_codes(user)


@pytest.mark.parametrize(
    "peran,kode,ok",
    [
        ("bkm", "32.04.05.2004", True),
        ("bkm", "32.04", False),
        ("pjok", "32.04.05", True),
        ("pjok", "32.04.05.2004", False),
        ("pemda", "32.04", True),
        ("satker", "32", True),
        ("satker", None, False),
        ("admin", None, True),
    ],
)
def test_a_role_fits_only_regions_of_its_level(users, peran, kode, ok):
    akses = Akses(user=users["admin"], peran=peran, wilayah_id=kode)
    if ok:
        akses.full_clean(validate_unique=False)
    else:
        with pytest.raises(ValidationError):
            akses.full_clean(validate_unique=False)


@pytest.mark.parametrize(
    "jenis,kode,ok",
    [
        ("bkm", "32.04.05.2004", True),
        ("bkm", "32.04", False),
        ("pjok", "32.04.05", True),
        ("kmp", None, True),
        ("satker", "32.04", False),
    ],
)
def test_a_body_fits_only_regions_of_its_level(regions, jenis, kode, ok):
    lembaga = Lembaga(jenis=jenis, nama="x", wilayah_id=kode)
    if ok:
        lembaga.full_clean()
    else:
        with pytest.raises(ValidationError):
            lembaga.full_clean()


def test_admin_is_scoped_for_a_province_administrator(regions, users, django_user_model, client):
    Orang.objects.create(nama="Warga Bandung", jenis_kelamin="L", wilayah=regions["32.04.05.2004"])
    Orang.objects.create(nama="Warga Cilacap", jenis_kelamin="L", wilayah=regions["33.01.01.2001"])
    admin_jabar = django_user_model.objects.create_user("admin-jabar", password="x", is_staff=True)
    Akses.objects.create(user=admin_jabar, peran="admin", wilayah_id="32")
    client.force_login(admin_jabar)
    html = client.get(reverse("admin:kelurahan_orang_changelist")).content.decode()
    assert "Warga Bandung" in html and "Warga Cilacap" not in html
    outside = Orang.objects.get(nama="Warga Cilacap")
    assert client.get(reverse("admin:kelurahan_orang_change", args=[outside.pk])).status_code == 302


def test_admin_pages_are_closed_to_other_roles(users, client):
    client.force_login(users["pemda"])
    assert client.get(reverse("admin:kelurahan_orang_changelist")).status_code == 302
