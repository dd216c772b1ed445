"""The admin obeys the portal's scope on writes: the probes of a province administrator
(Jawa Barat) that once made him national, moved access rows and bodies into Jakarta and
changed the national BLM configuration are refused with a reason, and nothing is saved."""

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse

from blm.models import KonfigurasiBLM, TahapBLM
from kelurahan import access
from kelurahan.models import Akses, Jabatan, Lembaga, Orang
from tests.blm import factories as blm_factories
from tests.conftest import make_region

pytestmark = pytest.mark.django_db

JAKARTA = "31.71.01.1001"


@pytest.fixture
def jakarta(regions):
    return make_region(JAKARTA, "Gambir")


@pytest.fixture
def jabar(adminjabar):
    c = Client()
    c.force_login(adminjabar)
    return c


def _akses_rows():
    return sorted(Akses.objects.values_list("user__username", "peran", "wilayah_id"), key=str)


def test_national_admin_helpers(users, adminjabar):
    assert access.is_national_admin(users["admin"])
    assert not access.is_national_admin(adminjabar)
    assert not access.is_national_admin(users["satker"])
    assert access.may_grant(users["admin"], "admin", None)
    assert not access.may_grant(adminjabar, "admin", "32")
    assert not access.may_grant(adminjabar, "fasilitator", None)
    assert not access.may_grant(adminjabar, "fasilitator", JAKARTA)
    assert access.may_grant(adminjabar, "fasilitator", "32.04.05.2004")
    assert not access.may_administer(adminjabar, None)
    assert access.may_administer(adminjabar, "32.04") and not access.may_administer(adminjabar, "33.01")
    assert not access.has_cap(adminjabar, "blm.configure")
    assert access.has_cap(users["admin"], "blm.configure")


def test_national_capabilities_are_exactly_the_national_admin(users, adminjabar, django_user_model):
    """Every NATIONAL capability is decided by `is_national_admin` alone: an admin without a
    region; not a province administrator, not a national role that is not admin."""
    satker_nasional = django_user_model.objects.create(username="satkernas")
    Akses.objects.create(user=satker_nasional, peran="satker", wilayah=None)
    for user in [*users.values(), adminjabar, satker_nasional]:
        for capability in access.NATIONAL:
            assert access.has_cap(user, capability) is access.is_national_admin(user), (user.username, capability)
    assert access.is_national_admin(users["admin"]) and not access.is_national_admin(satker_nasional)


def test_province_admin_cannot_make_himself_national(jabar, adminjabar, jakarta):
    before = _akses_rows()
    response = jabar.post(
        reverse("admin:kelurahan_akses_add"), {"user": adminjabar.pk, "peran": "admin", "wilayah": ""}
    )
    assert response.status_code == 200
    assert "Hanya administrator nasional yang dapat memberi peran administrator." in response.content.decode()
    assert _akses_rows() == before
    # and with a non-admin role: a national scope is refused too
    response = jabar.post(
        reverse("admin:kelurahan_akses_add"), {"user": adminjabar.pk, "peran": "satker", "wilayah": ""}
    )
    assert "akses tingkat nasional (wilayah kosong)" in response.content.decode()
    assert _akses_rows() == before
    assert jabar.get(reverse("kelurahan:wilayah", args=["31"])).status_code == 404


def test_province_admin_cannot_move_an_akses_out_of_his_province(jabar, users, jakarta):
    akses = Akses.objects.get(user=users["fasilitator"])
    before = _akses_rows()
    response = jabar.post(
        reverse("admin:kelurahan_akses_change", args=[akses.pk]),
        {"user": users["fasilitator"].pk, "peran": "fasilitator", "wilayah": JAKARTA},
    )
    assert response.status_code == 200
    assert "berada di luar wilayah Anda" in response.content.decode()
    assert _akses_rows() == before


def test_province_admin_cannot_create_a_body_in_jakarta(jabar, jakarta):
    data = {"jenis": "bkm", "nama": "BKM Gambir", "wilayah": JAKARTA, "jabatan-TOTAL_FORMS": "0"}
    data["jabatan-INITIAL_FORMS"] = "0"
    response = jabar.post(reverse("admin:kelurahan_lembaga_add"), data)
    assert response.status_code == 200
    assert "berada di luar wilayah Anda" in response.content.decode()
    assert not Lembaga.objects.filter(nama="BKM Gambir").exists()


def test_province_admin_cannot_create_a_national_body(jabar):
    data = {"jenis": "kmw", "nama": "KMW Nasional", "wilayah": "", "jabatan-TOTAL_FORMS": "0"}
    data["jabatan-INITIAL_FORMS"] = "0"
    response = jabar.post(reverse("admin:kelurahan_lembaga_add"), data)
    assert response.status_code == 200
    assert "hanya dapat disimpan oleh administrator nasional" in response.content.decode()
    assert not Lembaga.objects.filter(nama="KMW Nasional").exists()


def test_a_typed_raw_id_outside_the_province_is_refused(jabar, lembaga_factory, regions):
    lembaga = lembaga_factory()
    outside = Orang.objects.create(nama="Warga Cilacap", jenis_kelamin="L", wilayah=regions["33.01.01.2001"])
    data = {
        "jenis": lembaga.jenis,
        "nama": lembaga.nama,
        "wilayah": lembaga.wilayah_id,
        "jabatan-TOTAL_FORMS": "1",
        "jabatan-INITIAL_FORMS": "0",
        "jabatan-0-orang": outside.pk,
        "jabatan-0-lembaga": lembaga.pk,
        "jabatan-0-jabatan": "Ketua",
        "jabatan-0-mulai": "2012-01-02",
    }
    response = jabar.post(reverse("admin:kelurahan_lembaga_change", args=[lembaga.pk]), data)
    assert response.status_code == 200
    assert "Pilihan ini tidak ada atau berada di luar wilayah Anda" in response.content.decode()
    assert not Jabatan.objects.exists()


def test_user_choices_are_only_accounts_of_the_province(jabar, users, adminjabar):
    html = jabar.get(reverse("admin:kelurahan_akses_add")).content.decode()
    for inside in ("fasilitator", "bkm2", "pemda", "satker"):
        assert f'value="{users[inside].pk}"' in html, inside
    assert f'value="{users["admin"].pk}"' not in html
    # and a typed id outside the choices is refused
    before = _akses_rows()
    response = jabar.post(
        reverse("admin:kelurahan_akses_add"),
        {"user": users["admin"].pk, "peran": "fasilitator", "wilayah": "32.04.05.2004"},
    )
    assert "Pilihan ini tidak ada atau berada di luar wilayah Anda" in response.content.decode()
    assert _akses_rows() == before


def test_province_admin_grants_a_non_admin_role_inside_his_province(jabar, users):
    response = jabar.post(
        reverse("admin:kelurahan_akses_add"),
        {"user": users["fasilitator"].pk, "peran": "bkm", "wilayah": "32.04.12.1001"},
    )
    assert response.status_code == 302
    assert Akses.objects.filter(user=users["fasilitator"], peran="bkm", wilayah_id="32.04.12.1001").exists()


def test_province_admin_cannot_touch_admin_grants(jabar, users, django_user_model, regions):
    other = django_user_model.objects.create(username="admin-jabar-2", is_staff=True)
    other_akses = Akses.objects.create(user=other, peran="admin", wilayah_id="32")
    jateng = django_user_model.objects.create(username="admin-jateng", is_staff=True)
    jateng_akses = Akses.objects.create(user=jateng, peran="admin", wilayah_id="33")
    national = Akses.objects.get(user=users["admin"])
    before = _akses_rows()
    # an admin of his own province: visible, but neither changed nor deleted
    change = reverse("admin:kelurahan_akses_change", args=[other_akses.pk])
    assert jabar.get(change).status_code == 200
    assert jabar.post(change, {"user": other.pk, "peran": "satker", "wilayah": "32"}).status_code == 403
    assert (
        jabar.post(reverse("admin:kelurahan_akses_delete", args=[other_akses.pk]), {"post": "yes"}).status_code == 403
    )
    bulk = {"action": "delete_selected", "_selected_action": [other_akses.pk], "post": "yes"}
    assert jabar.post(reverse("admin:kelurahan_akses_changelist"), bulk).status_code == 403
    # a national admin's and another province's: not found
    for akses in (national, jateng_akses):
        for url in (
            reverse("admin:kelurahan_akses_change", args=[akses.pk]),
            reverse("admin:kelurahan_akses_delete", args=[akses.pk]),
        ):
            response = jabar.post(url, {"user": akses.user_id, "peran": "satker", "wilayah": "32", "post": "yes"})
            assert response.status_code == 302 and response.url == reverse("admin:index"), url
    assert _akses_rows() == before


def test_national_blm_configuration_is_for_national_admins_only(jabar, client_for):
    konfigurasi = blm_factories.konfigurasi()
    tahap = list(TahapBLM.objects.values_list("nomor", "persen"))
    data = {"catatan": "diubah provinsi", "jumlah_tahap": "2"}
    assert jabar.post(reverse("blm:konfigurasi_ubah", args=[konfigurasi.pk]), data).status_code == 403
    assert jabar.post(reverse("blm:konfigurasi_tambah"), {"tahun": "2013", "jumlah_tahap": "3"}).status_code == 403
    admin_change = reverse("admin:blm_konfigurasiblm_change", args=[konfigurasi.pk])
    assert jabar.post(admin_change, {"tahun": "2012", "catatan": "diubah provinsi"}).status_code == 403
    assert jabar.get(reverse("blm:konfigurasi_list")).status_code == 403
    konfigurasi.refresh_from_db()
    assert konfigurasi.catatan != "diubah provinsi"
    assert list(TahapBLM.objects.values_list("nomor", "persen")) == tahap
    assert list(KonfigurasiBLM.objects.values_list("tahun", flat=True)) == [2012]
    # the national administrator still may
    national = client_for("admin")
    assert national.post(reverse("blm:konfigurasi_tambah"), {"tahun": "2013", "jumlah_tahap": "3"}).status_code == 302


def test_national_targets_and_accounts_are_for_national_admins_only(jabar, users):
    from sosialisasi.models import TargetInklusi

    target = TargetInklusi.current()
    target.save()
    before = (target.persen_perempuan, target.jumlah_disabilitas)
    data = {"persen_perempuan": "10", "jumlah_disabilitas": "0"}
    assert jabar.post(reverse("sosialisasi:target"), data).status_code == 403
    target.refresh_from_db()
    assert (target.persen_perempuan, target.jumlah_disabilitas) == before
    for name, args in (
        ("admin:auth_user_changelist", []),
        ("admin:auth_user_add", []),
        ("admin:auth_user_change", [users["fasilitator"].pk]),
        ("admin:auth_user_password_change", [users["fasilitator"].pk]),
        ("admin:tipp_pengaturantipp_changelist", []),
        ("admin:sosialisasi_targetinklusi_changelist", []),
    ):
        assert jabar.get(reverse(name, args=args)).status_code == 403, name
    response = jabar.post(
        reverse("admin:auth_user_password_change", args=[users["fasilitator"].pk]),
        {"password1": "Sandi-baru-123", "password2": "Sandi-baru-123"},
    )
    assert response.status_code == 403
    users["fasilitator"].refresh_from_db()
    assert users["fasilitator"].check_password("plpbk-demo")


def test_a_history_revert_is_a_change(jabar, users, regions):
    """Requests are read-only in the admin: reverting one to an older version is refused."""
    permintaan = blm_factories.permintaan(regions["32.04.05.2004"], users["bkm"])
    version = permintaan.history.order_by("history_id").first()
    permintaan.catatan = "sesudah"
    permintaan.save()
    url = reverse("admin:blm_permintaanblm_simple_history", args=[permintaan.pk, version.history_id])
    entries = LogEntry.objects.count()
    response = jabar.post(url, {"nomor": permintaan.nomor, "jumlah": permintaan.jumlah})
    assert response.status_code == 403
    permintaan.refresh_from_db()
    assert permintaan.catatan == "sesudah" and LogEntry.objects.count() == entries


def test_region_list_is_national(jabar, regions):
    response = jabar.post(
        reverse("admin:kelurahan_wilayah_change", args=["32.04"]), {"nama": "Kabupaten Baru", "tingkat": "2"}
    )
    assert response.status_code == 403
    assert regions["32.04"].__class__.objects.get(kode="32.04").nama == "Kabupaten Bandung"
    assert jabar.get(reverse("admin:kelurahan_wilayah_change", args=["32.04"])).status_code == 200
