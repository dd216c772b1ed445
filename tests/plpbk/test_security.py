"""Login protection, password rules, CSP without inline scripts, names shown as text."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from kelurahan.models import Orang

ROOT = Path(__file__).resolve().parents[2]


def test_repeated_failed_logins_lock_the_account(users, client):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("login"), {"username": "pemda", "password": "salah"})
        assert response.status_code == 200
    assert client.post(reverse("login"), {"username": "pemda", "password": "salah"}).status_code == 429
    locked = client.post(reverse("login"), {"username": "pemda", "password": "plpbk-demo"})
    assert locked.status_code == 429
    assert "dikunci sementara" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_successful_login_is_not_locked(users, client):
    client.post(reverse("login"), {"username": "pemda", "password": "salah"})
    response = client.post(reverse("login"), {"username": "pemda", "password": "plpbk-demo"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(users["pemda"].pk)


def test_weak_passwords_are_refused_on_change(users, client):
    client.force_login(users["bkm"])
    response = client.post(
        reverse("password_change"),
        {"old_password": "plpbk-demo", "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    users["bkm"].refresh_from_db()
    assert users["bkm"].check_password("plpbk-demo")
    assert "terlalu umum" in response.content.decode() or "seluruhnya angka" in response.content.decode()


def test_pages_carry_a_csp_without_inline_scripts(users, client):
    client.force_login(users["pemda"])
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", csp).group(1)
    assert "'self'" in script_src and "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert "frame-ancestors 'none'" in csp
    for tag in re.findall(r"<script[^>]*>", response.content.decode()):
        assert "src=" in tag or 'type="application/json"' in tag, tag


def test_no_template_holds_an_inline_script_or_event_handler():
    offenders = []
    for path in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("*/templates/**/*.html")]:
        if ".venv" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and "application/json" not in tag:
                offenders.append(f"{path.relative_to(ROOT)}: {tag}")
        for attr in re.findall(r"\s(on[a-z]+)=[\"']", text):
            offenders.append(f"{path.relative_to(ROOT)}: {attr}=")
    assert not offenders


def test_session_cookies_are_httponly_and_expire():
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert 0 < settings.SESSION_COOKIE_AGE <= 12 * 3600


@pytest.mark.parametrize("who", ["fasilitator", "pemda"])
def test_a_name_with_markup_is_shown_as_text(regions, client_for, who):
    Orang.objects.create(nama="<script>alert('x')</script> Asep", jenis_kelamin="L", wilayah=regions["32.04.05.2004"])
    html = client_for(who).get(reverse("kelurahan:wilayah", args=["32.04.05.2004"])).content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Asep" in html
    assert "<script>alert(" not in html


def test_an_overlong_username_is_refused_without_touching_the_lockout_table(users, client):
    from axes.models import AccessAttempt

    response = client.post(reverse("login"), {"username": "a" * 400, "password": "x"})
    assert response.status_code == 200
    assert "Nama pengguna terlalu panjang" in response.content.decode()
    assert not AccessAttempt.objects.filter(username__startswith="aaaa").exists()
