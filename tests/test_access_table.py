"""Every URL × every role × (in scope, out of scope) -> expected status."""

import importlib
import pkgutil

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from tests.access_table import USERS

SKIP_NAMESPACES = {"admin"}
SKIP_NAMES = {"set_language", "javascript-catalog"}


def _row_modules():
    for info in pkgutil.iter_modules(tests.__path__):
        if info.ispkg:
            try:
                yield importlib.import_module(f"tests.{info.name}.access_rows")
            except ModuleNotFoundError as exc:
                if exc.name != f"tests.{info.name}.access_rows":
                    raise


ROWS = [row for module in _row_modules() for row in module.ROWS]


def _url_names(patterns=None, namespace=""):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    names = set()
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace
            if ns in SKIP_NAMESPACES:
                continue
            names |= _url_names(p.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(p, URLPattern) and p.name and p.name not in SKIP_NAMES:
            names.add(namespace + p.name)
    return names


def test_every_url_has_a_row():
    missing = _url_names() - {row.name for row in ROWS}
    assert not missing, f"URLs without a row in the access table: {sorted(missing)}"


def test_rows_name_real_urls_and_every_user():
    for row in ROWS:
        assert row.name in _url_names(), row.name
        assert set(row.expect_in) == set(USERS), row.name


CASES = [
    pytest.param(row, who, where, id=f"{row.method}:{row.name}:{who}:{where}")
    for row in ROWS
    if row.method == "get"  # POST rows run in tests/test_write_table.py, which also checks the database
    for who in [*USERS, "anonymous"]
    for where in (("in", "out") if row.scoped else ("in",))
]


class Cast:
    """What a row's `make` gets: regions, users and factories of the test cast."""

    def __init__(self, request):
        self.regions = request.getfixturevalue("regions")
        self.users = request.getfixturevalue("users")
        self.pertemuan_factory = request.getfixturevalue("pertemuan_factory")
        self.lembaga_factory = request.getfixturevalue("lembaga_factory")
        self.request = request

    def __getattr__(self, name):
        return self.request.getfixturevalue(name)


@pytest.mark.django_db
@pytest.mark.parametrize("row,who,where", CASES)
def test_access(row, who, where, request):
    cast = Cast(request)
    kwargs = row.make(cast)
    url_kwargs = kwargs[where]
    url = reverse(row.name, kwargs=url_kwargs or None) + row.query
    client = Client()
    if who == "anonymous":
        expected = row.anonymous
    else:
        client.force_login(cast.users[who])
        if where == "in":
            expected = row.expect_in[who]
        elif who == "admin":
            expected = row.admin_out if row.admin_out is not None else row.expect_in["admin"]
        else:
            expected = row.out
    data = row.data(cast) if row.data else {}
    response = getattr(client, row.method)(url, data)
    assert response.status_code == expected, f"{row.method.upper()} {url} as {who}: {response.status_code}"
