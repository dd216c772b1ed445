"""Forced password change (kelurahan/sandi.py): an account an administrator made must choose
its own password before any page of the portal opens."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from kelurahan import demo
from kelurahan.models import Akses, WajibGantiSandi

TEMPORARY = "Sementara-Cinunuk-77"
OWN = "Pilihan-Sendiri-Cileunyi-12"
User = get_user_model()


def admin_adds(admin_client, username="fasilitator3"):
    response = admin_client.post(
        reverse("admin:auth_user_add"),
        {"username": username, "usable_password": "true", "password1": TEMPORARY, "password2": TEMPORARY},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username=username)
    Akses.objects.create(user=user, peran="fasilitator", wilayah_id="32.04.05.2004")  # the admin's next step
    return user


def login(username, password):
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 302
    return client


@pytest.fixture
def admin_client(users):
    client = Client()
    client.force_login(users["admin"])
    return client


@pytest.mark.django_db
def test_an_account_the_admin_adds_must_change_its_password_before_the_portal_opens(admin_client):
    new = admin_adds(admin_client)
    assert WajibGantiSandi.objects.filter(user=new).exists()
    change = reverse("password_change")

    client = login("fasilitator3", TEMPORARY)
    for url in (reverse("home"), reverse("kelurahan:wilayah_index"), reverse("dashboard"), "/admin/"):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, change), url
    assert client.post(reverse("kelurahan:wilayah_index"))["Location"] == change
    htmx = client.get(reverse("home"), HTTP_HX_REQUEST="true")
    assert htmx["HX-Redirect"] == change

    page = client.get(change)
    assert page.status_code == 200
    assert "Akun ini dibuat oleh administrator dengan kata sandi sementara" in page.content.decode()
    language = client.post(reverse("set_language"), {"language": "id", "next": "/wilayah/"})
    assert language["Location"] == "/wilayah/"

    same = client.post(change, {"old_password": TEMPORARY, "new_password1": TEMPORARY, "new_password2": TEMPORARY})
    assert same.status_code == 200
    assert "Kata sandi baru harus berbeda dari kata sandi sekarang" in same.content.decode()
    assert WajibGantiSandi.objects.filter(user=new).exists()

    done = client.post(change, {"old_password": TEMPORARY, "new_password1": OWN, "new_password2": OWN})
    assert done["Location"] == reverse("password_change_done")
    assert not WajibGantiSandi.objects.filter(user=new).exists()
    home = client.get(reverse("home"))
    assert home.status_code == 200 and "Selamat datang" in home.content.decode()
    assert login("fasilitator3", OWN).get(reverse("kelurahan:wilayah_index")).status_code == 200


@pytest.mark.django_db
def test_leaving_is_allowed_while_the_change_is_due(admin_client):
    admin_adds(admin_client)
    client = login("fasilitator3", TEMPORARY)
    assert client.post(reverse("logout"))["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_password_an_admin_sets_for_someone_else_must_be_changed(admin_client, users):
    url = reverse("admin:auth_user_password_change", args=[users["bkm"].pk])
    response = admin_client.post(url, {"usable_password": "true", "password1": TEMPORARY, "password2": TEMPORARY})
    assert response.status_code == 302
    assert WajibGantiSandi.objects.filter(user=users["bkm"]).exists()
    assert login("bkm", TEMPORARY).get(reverse("home"))["Location"] == reverse("password_change")

    own = reverse("admin:auth_user_password_change", args=[users["admin"].pk])
    assert admin_client.post(own, {"password1": OWN, "password2": OWN}).status_code == 302
    assert not WajibGantiSandi.objects.filter(user=users["admin"]).exists()


@pytest.mark.django_db
def test_a_refused_admin_form_flags_no_one(admin_client):
    response = admin_client.post(
        reverse("admin:auth_user_add"),
        {"username": "fasilitator3", "usable_password": "true", "password1": TEMPORARY, "password2": "lain"},
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="fasilitator3").exists()
    assert not WajibGantiSandi.objects.exists()


@pytest.mark.django_db
def test_a_password_reset_by_e_mail_also_ends_the_forced_change(admin_client):
    new = admin_adds(admin_client)
    new.email = "fasilitator3@example.go.id"
    new.save()
    client = Client()
    client.post(reverse("password_reset"), {"email": new.email})
    path = "/" + mail.outbox[0].body.split("/", 3)[3].split()[0]
    form = client.get(path, follow=True)
    client.post(form.request["PATH_INFO"], {"new_password1": OWN, "new_password2": OWN})
    assert not WajibGantiSandi.objects.filter(user=new).exists()
    assert login("fasilitator3", OWN).get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_demo_accounts_and_the_operators_own_superuser_are_not_forced(regions):
    demo.load()
    call_command("createsuperuser", interactive=False, username="operator", email="operator@example.go.id")
    assert User.objects.filter(username__in=["admin", "fasilitator", "operator"]).count() == 3
    assert not WajibGantiSandi.objects.exists()
    assert login("fasilitator", demo.PASSWORD).get(reverse("home")).status_code == 200
