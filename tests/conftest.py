"""The fixed cast every test uses.

Regions: Desa Cinunuk (32.04.05.2004, Kec. Cileunyi, Kab. Bandung, Jawa Barat); Kelurahan
Pasawahan (32.04.12.1001, Kec. Dayeuhkolot, same kabupaten); Desa Tambakreja
(33.01.01.2001, Kab. Cilacap, Jawa Tengah) as the place outside everyone's scope but the
national administrator's. One user per role, each with its demo scope.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.cache import cache
from django.utils import translation

from kelurahan.models import Akses, Lembaga, LokasiProgram, Pertemuan, Wilayah
from kelurahan.signals import hitung_jumlah_kelurahan

PASSWORD = "plpbk-demo"

REGIONS = {
    "32": "Jawa Barat",
    "32.04": "Kabupaten Bandung",
    "32.04.05": "Cileunyi",
    "32.04.05.2004": "Cinunuk",
    "32.04.12": "Dayeuhkolot",
    "32.04.12.1001": "Pasawahan",
    "33": "Jawa Tengah",
    "33.01": "Kabupaten Cilacap",
    "33.01.01": "Kedungreja",
    "33.01.01.2001": "Tambakreja",
}

# username -> (role, region code or None for national)
CAST = {
    "admin": ("admin", None),
    "satker": ("satker", "32"),
    "kmw": ("kmw", "32"),
    "pemda": ("pemda", "32.04"),
    "korkot": ("korkot", "32.04"),
    "ppk": ("ppk", "32.04"),
    "pjok": ("pjok", "32.04.05"),
    "fasilitator": ("fasilitator", "32.04.05.2004"),
    "bkm": ("bkm", "32.04.05.2004"),
    "fasilitator2": ("fasilitator", "32.04.12.1001"),
    "bkm2": ("bkm", "32.04.12.1001"),
}


def pytest_addoption(parser):
    parser.addoption(
        "--frozen-at",
        metavar="YYYY-MM-DDTHH:MM",
        help="run every test with the clock stopped at this moment (Asia/Jakarta unless an offset "
        "is given), to find tests that read the clock; a test that sets the clock itself still does",
    )


@pytest.fixture(autouse=True)
def _frozen_clock(request):
    """With --frozen-at, the clock stands still at that moment for the whole test. A test that
    travels itself (time_machine.travel, the time_machine fixture) nests inside and wins."""
    value = request.config.getoption("--frozen-at")
    if not value:
        yield
        return
    moment = datetime.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("Asia/Jakarta"))
    with time_machine.travel(moment, tick=False):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: what a dashboard kept for one test's data (keyed on
    a clock a frozen test can repeat) must not answer the next test's."""
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _default_language(settings):
    """Each test starts in the portal's default language: a request with an English cookie
    leaves English active in the thread, which would leak into the next test's messages."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


def make_region(kode: str, nama: str | None = None) -> Wilayah:
    """Create a region and any missing ancestors (names from REGIONS when known)."""
    parts = kode.split(".")
    induk = None
    for i in range(1, len(parts) + 1):
        k = ".".join(parts[:i])
        w, _ = Wilayah.objects.get_or_create(
            kode=k,
            defaults={
                "nama": (nama if k == kode and nama else REGIONS.get(k, f"Wilayah {k}")),
                "tingkat": i,
                "induk": induk,
            },
        )
        induk = w
    return induk


@pytest.fixture
def regions(db):
    rows = [
        Wilayah(kode=k, nama=n, tingkat=k.count(".") + 1, induk_id=k.rsplit(".", 1)[0] if "." in k else None)
        for k, n in REGIONS.items()
    ]
    Wilayah.objects.bulk_create(sorted(rows, key=lambda w: w.tingkat))
    hitung_jumlah_kelurahan()
    made = {w.kode: w for w in Wilayah.objects.filter(kode__in=REGIONS)}
    lokasi = ("32.04.05.2004", "32.04.12.1001", "33.01.01.2001")
    LokasiProgram.objects.bulk_create(LokasiProgram(wilayah=made[k], tahun=2012, angkatan="2012") for k in lokasi)
    return made


@pytest.fixture
def cinunuk(regions):
    return regions["32.04.05.2004"]


@pytest.fixture
def pasawahan(regions):
    return regions["32.04.12.1001"]


@pytest.fixture
def tambakreja(regions):
    return regions["33.01.01.2001"]


_HASH = {}


@pytest.fixture
def users(regions, django_user_model):
    if "h" not in _HASH:
        _HASH["h"] = make_password(PASSWORD)
    django_user_model.objects.bulk_create(
        django_user_model(
            username=username,
            password=_HASH["h"],
            first_name=username.capitalize(),
            is_staff=(peran == "admin"),
            is_superuser=(peran == "admin"),
        )
        for username, (peran, _kode) in CAST.items()
    )
    made = {u.username: u for u in django_user_model.objects.filter(username__in=CAST)}
    Akses.objects.bulk_create(Akses(user=made[u], peran=p, wilayah_id=k) for u, (p, k) in CAST.items())
    return made


@pytest.fixture
def client_for(client, users):
    """client_for("pemda") -> a test client logged in as that cast member."""
    from django.test import Client

    def make(username):
        c = Client()
        c.force_login(users[username])
        return c

    return make


@pytest.fixture
def pertemuan_factory(regions):
    def make(wilayah=None, **kw):
        wilayah = wilayah or regions["32.04.05.2004"]
        kw.setdefault("judul", "Rembug warga")
        kw.setdefault("jenis", "lain")
        kw.setdefault("tanggal", "2012-05-16")
        return Pertemuan.objects.create(wilayah=wilayah, **kw)

    return make


@pytest.fixture
def lembaga_factory(regions):
    def make(jenis="bkm", wilayah=None, nama=None):
        wilayah = wilayah or regions["32.04.05.2004"]
        return Lembaga.objects.create(jenis=jenis, wilayah=wilayah, nama=nama or f"{jenis.upper()} {wilayah.nama}")

    return make


User = get_user_model()


@pytest.fixture
def adminjabar(users, django_user_model):
    """An administrator of Provinsi Jawa Barat only (staff, not superuser), as in the demo."""
    user = django_user_model.objects.create(
        username="adminjabar", password=_HASH["h"], first_name="Adminjabar", is_staff=True
    )
    Akses.objects.create(user=user, peran="admin", wilayah_id="32")
    return user
