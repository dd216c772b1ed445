"""The demo command and the settings read from the environment."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from kelurahan.models import Akses, Jabatan, Lembaga, LokasiProgram

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG mati"):
        call_command("demo", stdout=StringIO())
    assert not Akses.objects.exists()


@pytest.mark.django_db
def test_demo_loads_cinunuk_and_the_accounts_and_can_run_again(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("demo", stdout=out)
    assert "plpbk-demo" in out.getvalue() and "fasilitator2" in out.getvalue()
    expected = {
        "admin": ("admin", None),
        "adminjabar": ("admin", "32"),
        "pemda": ("pemda", "32.04"),
        "pjok": ("pjok", "32.04.05"),
        "fasilitator": ("fasilitator", "32.04.05.2004"),
        "bkm": ("bkm", "32.04.05.2004"),
        "fasilitator2": ("fasilitator", "32.04.12.1001"),
        "bkm2": ("bkm", "32.04.12.1001"),
        "korkot": ("korkot", "32.04"),
        "ppk": ("ppk", "32.04"),
        "satker": ("satker", "32"),
        "kmw": ("kmw", "32"),
    }
    for username, (peran, kode) in expected.items():
        user = authenticate(RequestFactory().post("/masuk/"), username=username, password="plpbk-demo")
        assert user is not None, username
        assert list(Akses.objects.filter(user=user).values_list("peran", "wilayah_id")) == [(peran, kode)]
    jabar = Akses.objects.get(user__username="adminjabar").user
    assert jabar.is_staff and not jabar.is_superuser
    assert Akses.objects.filter(user=jabar).count() == 1
    assert set(Lembaga.objects.filter(wilayah_id="32.04.05.2004").values_list("jenis", flat=True)) >= {
        "bkm",
        "perangkat",
        "fasilitator",
    }
    assert Lembaga.objects.filter(jenis="pjok", wilayah_id="32.04.05").exists()
    assert Lembaga.objects.filter(jenis="bkm", wilayah_id="32.04.12.1001").exists()
    counts = (Lembaga.objects.count(), Jabatan.objects.count(), Akses.objects.count(), LokasiProgram.objects.count())
    call_command("demo", stdout=StringIO())
    assert (
        Lembaga.objects.count(),
        Jabatan.objects.count(),
        Akses.objects.count(),
        LokasiProgram.objects.count(),
    ) == counts


def run_check(env_extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_checks():
    result = run_check(
        {
            "DEBUG": "0",
            "SECRET_KEY": "k" * 20 + "-production-secret-key-with-enough-entropy-0123456789",
            "ALLOWED_HOSTS": "plpbk.example.go.id",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_secret_key_is_required_when_debug_is_off():
    result = run_check({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_bad_boolean_fails_loudly():
    result = run_check({"DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_language_and_time_zone(settings):
    assert settings.LANGUAGE_CODE == "id"
    assert dict(settings.LANGUAGES).keys() == {"id", "en"}
    assert settings.TIME_ZONE == "Asia/Jakarta" and settings.USE_TZ
    assert settings.DATABASES["default"]["ATOMIC_REQUESTS"] is True


def test_demo_modules_are_found_through_the_app_registry_in_dependency_order():
    from kelurahan import demo_apps

    labels = [label for label, _module in demo_apps.modules()]
    assert labels == ["kelurahan", "lokakarya", "sosialisasi", "tipp", "blm"]
    for label, module in demo_apps.modules():
        assert all(labels.index(before) < labels.index(label) for before in module.SESUDAH), label


def test_a_demo_dependency_without_a_demo_fails_loudly(monkeypatch):
    from kelurahan import demo_apps
    from tipp import demo as tipp_demo

    monkeypatch.setattr(tipp_demo, "SESUDAH", ("kelurahan", "tidak_ada"))
    with pytest.raises(LookupError, match="tidak_ada"):
        demo_apps.modules()
    monkeypatch.setattr(tipp_demo, "SESUDAH", ("blm",))
    with pytest.raises(ValueError, match="cycle"):
        demo_apps.modules()
