"""Password reset by e-mail (plpbk/views_akun.py): the whole flow through the link in the
mail, no hint whether an address exists, light limits, and the lockout lifted for the owner."""

import re
import runpy
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from plpbk.views_akun import BATAS_PER_ALAMAT_IP, BATAS_PER_EMAIL

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "plpbk" / "settings.py"
EMAIL = "bkm.cinunuk@example.go.id"
NEW = "Rembug-Warga-Cinunuk-2012"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def bkm(users):
    user = users["bkm"]
    user.email = EMAIL
    user.save()
    return user


def ask(client, email, remote="198.51.100.20"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=remote)


def link_in(message) -> str:
    (url,) = re.findall(r"https?://\S+", message.body)
    return url


def login(client, username, password, remote="198.51.100.20"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=remote)


def set_new_password(client, url, password=NEW, remote="198.51.100.20"):
    form_page = client.get(urlsplit(url).path, REMOTE_ADDR=remote, follow=True)
    assert form_page.status_code == 200
    assert "sandi-baru" in form_page.request["PATH_INFO"]
    return client.post(
        form_page.request["PATH_INFO"], {"new_password1": password, "new_password2": password}, REMOTE_ADDR=remote
    )


@pytest.mark.django_db
def test_the_login_page_links_to_the_reset(client):
    html = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("password_reset")}"' in html
    assert "Lupa kata sandi?" in html


@pytest.mark.django_db
def test_the_link_in_the_mail_sets_a_new_password_once(bkm, settings):
    settings.SITE_URL = "https://plpbk.example.go.id"
    client = Client()
    response = ask(client, EMAIL.upper())
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert "Bila alamat e-mail itu terdaftar" in client.get(response["Location"]).content.decode()

    (message,) = mail.outbox
    assert message.to == [EMAIL]
    assert message.subject == "Atur ulang kata sandi Portal PLP-BK"
    assert "Yth. Bkm," in message.body and "Nama pengguna Anda: bkm" in message.body
    assert "Bila Anda tidak meminta ini" in message.body
    url = link_in(message)
    assert url.startswith("https://plpbk.example.go.id/akun/sandi/atur/")

    done = set_new_password(client, url)
    assert done.status_code == 302 and done["Location"] == reverse("password_reset_complete")
    assert "Kata sandi baru Anda sudah disimpan" in client.get(done["Location"]).content.decode()
    bkm.refresh_from_db()
    assert bkm.check_password(NEW)

    assert login(Client(), "bkm", "plpbk-demo").status_code == 200
    fresh = Client()
    assert login(fresh, "bkm", NEW).status_code == 302
    assert fresh.session["_auth_user_id"] == str(bkm.pk)

    again = Client().get(urlsplit(url).path, follow=True)
    assert 'data-testid="reset-invalid"' in again.content.decode()


@pytest.mark.django_db
def test_an_unknown_address_gets_the_same_answer_and_no_mail(bkm):
    known = ask(Client(), EMAIL)
    unknown = ask(Client(), "tidak.ada@example.go.id")
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [EMAIL]


@pytest.mark.django_db
def test_an_inactive_account_gets_no_mail(bkm):
    bkm.is_active = False
    bkm.save()
    assert ask(Client(), EMAIL)["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_malformed_address_is_refused_with_a_message(bkm):
    response = ask(Client(), "bukan alamat")
    assert response.status_code == 200
    assert "Alamat e-mail" in response.content.decode()
    assert response.context["form"].errors["email"]
    assert mail.outbox == []


@pytest.mark.django_db
def test_one_address_gets_a_few_mails_an_hour_and_the_same_page_after(bkm):
    client = Client()
    for _ in range(BATAS_PER_EMAIL + 2):
        assert ask(client, EMAIL)["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == BATAS_PER_EMAIL


@pytest.mark.django_db
def test_one_client_address_is_refused_after_the_limit(bkm):
    client = Client()
    for n in range(BATAS_PER_ALAMAT_IP):
        assert ask(client, f"orang{n}@example.go.id", remote="203.0.113.66").status_code == 302
    refused = ask(client, EMAIL, remote="203.0.113.66")
    assert refused.status_code == 429
    assert "Terlalu banyak permintaan atur ulang kata sandi" in refused.content.decode()
    assert mail.outbox == []
    assert ask(Client(), EMAIL, remote="198.51.100.20").status_code == 302
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_reset_lifts_the_owners_lockout_but_not_the_attackers(bkm):
    for remote in ("198.51.100.20", "203.0.113.66"):
        client = Client()
        for _ in range(django_settings.AXES_FAILURE_LIMIT):
            login(client, "bkm", "salah", remote=remote)
        assert login(client, "bkm", "plpbk-demo", remote=remote).status_code == 429

    owner = Client()
    ask(owner, EMAIL)
    assert set_new_password(owner, link_in(mail.outbox[0]))["Location"] == reverse("password_reset_complete")

    assert login(owner, "bkm", NEW).status_code == 302
    assert login(Client(), "bkm", NEW, remote="203.0.113.66").status_code == 429
    assert AccessAttempt.objects.filter(username="bkm", ip_address="203.0.113.66").exists()


def settings_with(monkeypatch, **env):
    for name in ("EMAIL_HOST", "EMAIL_USE_TLS", "EMAIL_USE_SSL", "DEFAULT_FROM_EMAIL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DEBUG", "1")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_mail_goes_to_the_console_in_development_and_to_smtp_when_configured(monkeypatch):
    assert settings_with(monkeypatch)["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    smtp = settings_with(
        monkeypatch,
        EMAIL_HOST="smtp.example.go.id",
        EMAIL_PORT="587",
        EMAIL_HOST_USER="plpbk",
        EMAIL_HOST_PASSWORD="rahasia",
        EMAIL_USE_TLS="1",
        DEFAULT_FROM_EMAIL="PLP-BK <plpbk@example.go.id>",
    )
    assert smtp["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (smtp["EMAIL_HOST"], smtp["EMAIL_PORT"], smtp["EMAIL_HOST_USER"]) == ("smtp.example.go.id", 587, "plpbk")
    assert smtp["EMAIL_HOST_PASSWORD"] == "rahasia" and smtp["EMAIL_USE_TLS"] is True
    assert smtp["DEFAULT_FROM_EMAIL"] == "PLP-BK <plpbk@example.go.id>"
    production = settings_with(monkeypatch, DEBUG="0", SECRET_KEY="x" * 60)
    assert production["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    with pytest.raises(ImproperlyConfigured, match="EMAIL_USE_TLS and EMAIL_USE_SSL"):
        settings_with(monkeypatch, EMAIL_USE_TLS="1", EMAIL_USE_SSL="1")
