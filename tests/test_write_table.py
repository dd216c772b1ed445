"""Every portal URL whose view accepts POST × every role (and the administrator of Jawa
Barat) × (in, out of scope) -> expected status; a refused POST (403, 404, or a visitor sent
to the login page) leaves every table as it was. A POST URL without a POST row (in
tests/<app>/access_rows.py or write_rows.py) fails the test."""

import importlib
import pkgutil

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from tests.access_table import USERS
from tests.test_access_table import ROWS as READ_ROWS
from tests.test_access_table import SKIP_NAMES, SKIP_NAMESPACES, Cast
from tests.write_table import db_state, settled_state, state_diff


def _write_modules():
    for info in pkgutil.iter_modules(tests.__path__):
        if info.ispkg:
            try:
                yield importlib.import_module(f"tests.{info.name}.write_rows")
            except ModuleNotFoundError as exc:
                if exc.name != f"tests.{info.name}.write_rows":
                    raise


POST_ROWS = [row for row in READ_ROWS if row.method == "post"]
POST_ROWS += [row for module in _write_modules() for row in module.ROWS]


def _accepts_post(callback) -> bool:
    view = getattr(callback, "view_class", None)
    if view is None:
        return True  # a function view: assume it may
    return "post" in view.http_method_names and hasattr(view, "post")


def _post_urls(patterns=None, namespace=""):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    names = set()
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace in SKIP_NAMESPACES:
                continue
            names |= _post_urls(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
        elif isinstance(p, URLPattern) and p.name and p.name not in SKIP_NAMES and _accepts_post(p.callback):
            names.add(namespace + p.name)
    return names


def test_every_post_url_has_a_post_row():
    missing = _post_urls() - {row.name for row in POST_ROWS}
    assert not missing, f"URLs accepting POST without a POST row in the write table: {sorted(missing)}"


def test_post_rows_name_post_urls_and_every_user():
    for row in POST_ROWS:
        assert row.method == "post" and row.name in _post_urls(), row.name
        assert set(row.expect_in) == set(USERS), row.name


def _expected(row, who, where):
    if who == "anonymous":
        return row.anonymous
    if who == "adminjabar":
        if where == "out":
            return row.out
        return row.province_admin if row.province_admin is not None else row.expect_in["admin"]
    if where == "in":
        return row.expect_in[who]
    if who == "admin":
        return row.admin_out if row.admin_out is not None else row.expect_in["admin"]
    return row.out


CASES = [
    pytest.param(row, who, where, id=f"{row.name}{row.query}:{who}:{where}")
    for row in POST_ROWS
    for who in [*USERS, "adminjabar", "anonymous"]
    for where in (("in", "out") if row.scoped else ("in",))
]


@pytest.mark.django_db
@pytest.mark.parametrize("row,who,where", CASES)
def test_post(row, who, where, request, adminjabar):
    cast = Cast(request)
    url_kwargs = row.make(cast)[where]
    url = reverse(row.name, kwargs=url_kwargs or None) + row.query
    client = Client()
    if who != "anonymous":
        client.force_login(adminjabar if who == "adminjabar" else cast.users[who])
    expected = _expected(row, who, where)
    data = row.data(cast) if row.data else {}
    refused = expected in (403, 404) or who == "anonymous" and expected == 302
    before = settled_state() if refused else None
    response = client.post(url, data)
    assert response.status_code == expected, f"POST {url} as {who}: {response.status_code}"
    if refused:
        assert not state_diff(before, db_state()), f"POST {url} as {who} was refused but changed the database"
