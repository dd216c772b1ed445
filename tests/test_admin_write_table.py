"""Every model in the admin × add/change/delete × (national admin, province admin of Jawa
Barat, every other role) × (in, out of Jawa Barat) -> allowed or refused. An allowed write
is logged and done; a refused one answers the expected status and leaves every table as it
was. The models come from `admin.site._registry`: a model without a row fails the test."""

import importlib
import pkgutil

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse

import tests
from kelurahan.admin import NationalAdminMixin, ScopedAdminForm, ScopedModelAdmin
from tests.access_table import USERS
from tests.test_access_table import Cast
from tests.write_table import (
    IN,
    NATIONAL,
    NATIONAL_WRITE,
    OUT,
    READONLY,
    admin_form_data,
    db_state,
    settled_state,
    state_diff,
    without_inline_rows,
)


def _row_modules():
    for info in pkgutil.iter_modules(tests.__path__):
        if info.ispkg:
            try:
                yield importlib.import_module(f"tests.{info.name}.admin_rows")
            except ModuleNotFoundError as exc:
                if exc.name != f"tests.{info.name}.admin_rows":
                    raise


ADMIN_ROWS = [row for module in _row_modules() for row in module.ADMIN_ROWS]
ACTIONS = ("add", "change", "delete")
OTHERS = [u for u in USERS if u != "admin"]


def test_every_admin_model_has_a_row():
    registered = set(admin.site._registry)
    listed = [row.model for row in ADMIN_ROWS]
    assert len(listed) == len(set(listed)), "a model listed twice"
    missing = sorted(m._meta.label for m in registered - set(listed))
    assert not missing, f"admin models without a row in the write table: {missing}"
    assert not set(listed) - registered


def test_every_admin_is_scoped_or_national():
    """A new ModelAdmin either checks regions on save (its form extends ScopedAdminForm) or
    is for national administrators only."""
    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, ScopedModelAdmin | NationalAdminMixin), model._meta.label
        if isinstance(model_admin, ScopedModelAdmin):
            assert issubclass(model_admin.form, ScopedAdminForm), model._meta.label
        for inline in model_admin.inlines:
            assert hasattr(inline, "_parent"), f"{model._meta.label}: {inline.__name__} is not a ScopedInline"


def expected(row, action, who, where) -> tuple[bool, int]:
    """(allowed, status) of `who` doing `action` on the row's object `where`."""
    if who == "others":
        return False, 302  # to the admin's login page: not staff
    allowed_at_all = getattr(row, action) and row.kind != READONLY
    if who == "admin":
        return (True, 302) if allowed_at_all else (False, 403)
    if row.kind in (NATIONAL, NATIONAL_WRITE) or not allowed_at_all:
        return False, 403
    if where == "in":
        return True, 302
    return False, (200 if action == "add" else 302)  # add: the form with the reason; else "not found"


CASES = [
    pytest.param(row, action, who, where, id=f"{row.model._meta.label}:{action}:{who}:{where}")
    for row in ADMIN_ROWS
    for action in ACTIONS
    for who in ("admin", "adminjabar", "others")
    for where in (("in",) if row.kind == NATIONAL or who == "others" else ("in", "out"))
]


def _urls(obj):
    opts = obj._meta
    base = f"admin:{opts.app_label}_{opts.model_name}"
    return reverse(f"{base}_add"), reverse(f"{base}_change", args=[obj.pk]), reverse(f"{base}_delete", args=[obj.pk])


@pytest.mark.django_db
@pytest.mark.parametrize("row,action,who,where", CASES)
def test_admin_write(row, action, who, where, request, adminjabar):
    cast = Cast(request)
    wilayah = cast.regions[IN if where == "in" else OUT]
    obj = row.make(cast, wilayah)
    add_url, change_url, delete_url = _urls(obj)
    national = Client()
    national.force_login(cast.users["admin"])
    if action == "add":
        url = add_url
        if row.add_data:
            data = row.add_data(cast, wilayah)
        else:
            data = without_inline_rows(admin_form_data(national.get(change_url).content.decode()))
            if row.add:
                obj.delete()  # a one-row setting (add=False) keeps its row: adding is refused
    elif action == "change":
        url = change_url
        data = admin_form_data(national.get(change_url).content.decode())
    else:
        url, data = delete_url, {"post": "yes"}

    posters = {"admin": [cast.users["admin"]], "adminjabar": [adminjabar]}.get(who) or [cast.users[u] for u in OTHERS]
    clients = []
    for user in posters:
        c = Client()
        c.force_login(user)
        clients.append(c)
    allowed, status = expected(row, action, who, where)
    before = None if allowed else settled_state()
    logs, count = LogEntry.objects.count(), row.model._base_manager.count()

    for c in clients:
        response = c.post(url, data)
        detail = f"POST {url} as {who}: {response.status_code}"
        if response.status_code == 200 and hasattr(response, "context_data"):
            form = response.context_data.get("adminform")
            detail += f" {form.form.errors if form else ''}"
        assert response.status_code == status, detail
        if status == 302 and not allowed:
            target = reverse("admin:login") if who == "others" else reverse("admin:index")
            assert response.url.startswith(target), response.url

    if allowed:
        assert LogEntry.objects.count() == logs + 1
        if action == "add":
            assert row.model._base_manager.count() == count + 1
        elif action == "delete":
            assert not row.model._base_manager.filter(pk=obj.pk).exists()
    else:
        assert LogEntry.objects.count() == logs
        assert not state_diff(before, db_state()), f"{who} {action} was refused but changed the database"
        if status == 200:
            assert "wilayah Anda" in response.content.decode()


def _probe_akses(cast):
    return cast.users["fasilitator"].akses.get().pk


#: the probes of the security report, as the administrator of Jawa Barat:
#: (id, url name, args(cast), data(cast, adminjabar), status, message shown)
ESCALATIONS = [
    (
        "national-admin-for-himself",
        "admin:kelurahan_akses_add",
        lambda c: [],
        lambda c, me: {"user": me.pk, "peran": "admin", "wilayah": ""},
        200,
        "Hanya administrator nasional yang dapat memberi peran administrator.",
    ),
    (
        "national-scope",
        "admin:kelurahan_akses_add",
        lambda c: [],
        lambda c, me: {"user": c.users["fasilitator"].pk, "peran": "fasilitator", "wilayah": ""},
        200,
        "akses tingkat nasional (wilayah kosong)",
    ),
    (
        "fasilitator-into-jakarta",
        "admin:kelurahan_akses_change",
        lambda c: [_probe_akses(c)],
        lambda c, me: {"user": c.users["fasilitator"].pk, "peran": "fasilitator", "wilayah": "31.71.01.1001"},
        200,
        "di luar wilayah Anda",
    ),
    (
        "lembaga-in-jakarta",
        "admin:kelurahan_lembaga_add",
        lambda c: [],
        lambda c, me: {
            "jenis": "bkm",
            "nama": "BKM Gambir",
            "wilayah": "31.71.01.1001",
            "jabatan-TOTAL_FORMS": "0",
            "jabatan-INITIAL_FORMS": "0",
        },
        200,
        "di luar wilayah Anda",
    ),
    (
        "national-blm-configuration",
        "blm:konfigurasi_ubah",
        lambda c: [c.konfigurasi_pk],
        lambda c, me: {"catatan": "diubah provinsi", "jumlah_tahap": "2"},
        403,
        "",
    ),
    (
        "national-blm-configuration-admin",
        "admin:blm_konfigurasiblm_change",
        lambda c: [c.konfigurasi_pk],
        lambda c, me: {
            "tahun": "2012",
            "catatan": "diubah provinsi",
            "tahap-TOTAL_FORMS": "0",
            "tahap-INITIAL_FORMS": "0",
        },
        403,
        "",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("probe", ESCALATIONS, ids=[p[0] for p in ESCALATIONS])
def test_escalation_probe(probe, request, adminjabar):
    from tests.blm.factories import konfigurasi
    from tests.conftest import make_region

    _id, name, args, data, status, message = probe
    cast = Cast(request)
    make_region("31.71.01.1001", "Gambir")
    cast.konfigurasi_pk = konfigurasi().pk
    client = Client()
    client.force_login(adminjabar)
    url = reverse(name, args=args(cast))
    payload = data(cast, adminjabar)
    before = settled_state()
    response = client.post(url, payload)
    assert response.status_code == status
    assert message in response.content.decode()
    assert not state_diff(before, db_state())
    assert client.get(reverse("kelurahan:wilayah", args=["31"])).status_code == 404
