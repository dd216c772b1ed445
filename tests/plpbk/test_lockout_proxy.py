"""The login lockout keys on username + the real client address, with or without a trusted
reverse proxy in front of the portal (plpbk/common/client_ip.py)."""

import runpy
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory
from django.urls import reverse

from plpbk.common.client_ip import client_ip

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "plpbk" / "settings.py"
PROXY = "10.0.0.2"
ATTACKER = "203.0.113.66"
OWNER = "198.51.100.20"


def login(client, password, remote=PROXY, xff=None, username="pemda"):
    meta = {"REMOTE_ADDR": remote}
    if xff is not None:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    return client.post(reverse("login"), {"username": username, "password": password}, **meta)


def fail_until_locked(remote=PROXY, xff=None, username="pemda"):
    client = Client()
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "salah", remote, xff, username).status_code == 200
    assert login(client, "salah", remote, xff, username).status_code == 429
    return client


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def settings_with(monkeypatch, **env):
    monkeypatch.setenv("DEBUG", "1")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_trusted_proxies_come_from_the_environment_and_default_to_none(monkeypatch):
    monkeypatch.delenv("TRUSTED_PROXY_COUNT", raising=False)
    assert settings_with(monkeypatch)["TRUSTED_PROXY_COUNT"] == 0
    assert settings_with(monkeypatch, TRUSTED_PROXY_COUNT="2")["TRUSTED_PROXY_COUNT"] == 2
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXY_COUNT"):
        settings_with(monkeypatch, TRUSTED_PROXY_COUNT="-1")
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXY_COUNT"):
        settings_with(monkeypatch, TRUSTED_PROXY_COUNT="satu")


@pytest.mark.parametrize(
    "proxies,xff,remote,expected",
    [
        (0, None, "198.51.100.20", "198.51.100.20"),
        (0, "8.8.8.8", "198.51.100.20", "198.51.100.20"),  # no trusted proxy: the header is ignored
        (1, "8.8.8.8", PROXY, "8.8.8.8"),
        (1, "1.2.3.4, 8.8.8.8", PROXY, "8.8.8.8"),  # what the client wrote itself is ignored
        (1, "kacau, 8.8.8.8", PROXY, "8.8.8.8"),
        (1, "192.168.1.10", "8.8.4.4", "192.168.1.10"),  # a private client behind a public proxy
        (1, "2001:db8::7", PROXY, "2001:db8::7"),
        (1, None, "127.0.0.1", "127.0.0.1"),  # straight to the app server: its peer
        (2, "1.2.3.4, 8.8.8.8, 172.16.0.5", PROXY, "8.8.8.8"),  # CDN, then nginx
        (2, "8.8.8.8", PROXY, PROXY),  # fewer hops than proxies: the header is not trusted
    ],
)
def test_the_client_address_is_read_at_the_trusted_position(settings, proxies, xff, remote, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    meta = {"REMOTE_ADDR": remote}
    if xff is not None:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    assert client_ip(RequestFactory().get("/", **meta)) == expected


@pytest.mark.django_db
def test_without_a_proxy_a_forged_header_does_not_escape_the_lockout(users):
    client = Client()
    for n in range(django_settings.AXES_FAILURE_LIMIT):
        login(client, "salah", remote=ATTACKER, xff=f"192.0.2.{n}")
    locked = login(client, "plpbk-demo", remote=ATTACKER, xff="192.0.2.200")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


@pytest.mark.django_db
def test_without_a_proxy_an_attacker_cannot_lock_the_owner_out(users):
    fail_until_locked(remote=ATTACKER)
    owner = Client()
    response = login(owner, "plpbk-demo", remote=OWNER)
    assert response.status_code == 302
    assert owner.session["_auth_user_id"] == str(users["pemda"].pk)


@pytest.mark.django_db
def test_behind_a_proxy_the_lockout_keys_on_the_real_client(users, behind_one_proxy):
    attacker = fail_until_locked(xff=ATTACKER)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    assert login(attacker, "plpbk-demo", xff=ATTACKER).status_code == 429

    owner = Client()
    response = login(owner, "plpbk-demo", xff=OWNER)
    assert response.status_code == 302
    assert owner.session["_auth_user_id"] == str(users["pemda"].pk)


@pytest.mark.django_db
def test_behind_a_proxy_a_forged_prefix_does_not_escape_the_lockout(users, behind_one_proxy):
    attacker = fail_until_locked(xff=ATTACKER)
    forged = login(attacker, "plpbk-demo", xff=f"{OWNER}, {ATTACKER}")
    assert forged.status_code == 429
    assert "_auth_user_id" not in attacker.session


@pytest.mark.django_db
def test_behind_a_proxy_other_accounts_are_not_locked_for_everyone(users, behind_one_proxy):
    """The fault this fixes: every request came from the proxy, so five failures locked an
    account (the administrator's too) for every user of the portal."""
    fail_until_locked(xff=ATTACKER, username="admin")
    admin = Client()
    assert login(admin, "plpbk-demo", xff=OWNER, username="admin").status_code == 302
    assert admin.session["_auth_user_id"] == str(users["admin"].pk)


@pytest.mark.django_db
def test_the_lockout_page_explains_in_indonesian(users):
    client = fail_until_locked(remote=ATTACKER)
    html = login(client, "salah", remote=ATTACKER).content.decode()
    assert "Akun dikunci sementara" in html
    assert f"gagal ({django_settings.AXES_FAILURE_LIMIT} kali)" in html
    assert f"selama {int(django_settings.AXES_COOLOFF_TIME * 60)} menit" in html
    assert reverse("password_reset") in html
