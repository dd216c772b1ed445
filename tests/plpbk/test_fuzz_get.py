"""Hostile query strings on every page, list and export of the portal: years out of range,
huge and negative numbers, text where a number goes, NUL, unicode, markup, SQL-ish text, paths,
very long strings. Never a 5xx: a bad filter value is ignored or shown as a form error.

The URLs come from the URL table (tests/*/access_rows.py), every GET row, each fetched by a user
who may open it; the parameters are the fields of the page's own GET forms (its filterset or
filter form), the parameters the views read, and those the row itself uses."""

from __future__ import annotations

import time
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.test_access_table import ROWS, Cast

pytestmark = pytest.mark.django_db

#: preferred visitor: the national administrator sees everything; others where admin may not go
VISITORS = ["admin", "satker", "korkot", "fasilitator", "bkm", "pjok", "ppk", "pemda"]
#: parameters views read from the query string besides their filter forms
READ_BY_VIEWS = ["hal", "hal_orang", "q", "tahun", "angkatan", "wilayah", "status", "tahap", "saya", "baris", "next"]
HOSTILE = [
    "0",
    "-1",
    "10000",
    "99999999999",
    "-99999999999999999999999",
    "1e309",
    "NaN",
    "abc",
    "",
    "A" * 3000,
    "x\x00y",
    "Ñandú 🙂 漢字 \u202e",
    "' OR 1=1 --",
    "1; DROP TABLE kelurahan_wilayah",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "32.04..",
    "33.01.01.2001",
]
#: printed documents cost a WeasyPrint run each: the values that break numbers and text only
HOSTILE_SLOW = ["0", "10000", "99999999999", "abc", "x\x00y", "A" * 3000]
STATS = {"requests": 0}


class GetForms(HTMLParser):
    """Names of the fields of a page's GET forms."""

    def __init__(self):
        super().__init__()
        self.inside, self.names = False, set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("method", "get").lower() == "get"
        elif self.inside and tag in ("input", "select", "textarea") and a.get("name"):
            self.names.add(a["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def _slow(url: str, response) -> bool:
    return url.endswith(".pdf") or "pdf" in url or response.get("Content-Type", "").startswith("application/pdf")


def _requests(params, own):
    """Every hostile value in every parameter at once, then each of the page's own filter fields
    alone with the values that break numbers and dates (so one refused field cannot hide another)."""
    for value in HOSTILE:
        yield dict.fromkeys(params, value)
    for name in own:
        for value in ("0", "-1", "99999999999", "abc"):
            yield {name: value}


def test_no_query_string_ever_gives_a_5xx(request):
    cast = Cast(request)
    clients = {}
    for username in VISITORS:
        clients[username] = Client()
        clients[username].force_login(cast.users[username])
    groups = {}
    for row in ROWS:
        if row.method == "get":
            groups.setdefault(row.make, []).append(row)
    started, seen, failures = time.monotonic(), set(), []
    for make, rows in groups.items():
        savepoint = transaction.savepoint()
        try:
            kwargs = make(cast)
            for row in rows:
                url = reverse(row.name, kwargs=kwargs["in"] or None)
                if url in seen:
                    continue
                visitor = next((u for u in VISITORS if row.expect_in.get(u) == 200), None)
                if visitor is None:
                    continue
                seen.add(url)
                c = clients[visitor]
                page = c.get(url + row.query)
                assert page.status_code < 500
                own = {k for k, _v in parse_qsl(row.query.lstrip("?"))}
                if page.get("Content-Type", "").startswith("text/html"):
                    forms = GetForms()
                    forms.feed(page.content.decode())
                    own |= forms.names
                own -= {"csrfmiddlewaretoken"}
                params = sorted(own | set(READ_BY_VIEWS))
                queries = list(_requests(params, sorted(own)))
                if _slow(url, page):
                    queries = [dict.fromkeys(params, value) for value in HOSTILE_SLOW]
                for query in queries:
                    full = f"{url}?{urlencode(query)}"
                    STATS["requests"] += 1
                    try:
                        status = c.get(full).status_code
                    except Exception as exc:  # the test client re-raises what would be a 500
                        status = repr(exc)[:200]
                    if not isinstance(status, int) or status >= 500:
                        failures.append(f"GET {full[:200]} as {visitor}: {status}")
        finally:
            transaction.savepoint_rollback(savepoint)
    elapsed = time.monotonic() - started
    print(f"\nfuzz GET: {STATS['requests']} requests over {len(seen)} URLs in {elapsed:.1f}s")
    assert not failures, "\n".join(failures[:40]) + f"\n({len(failures)} in all)"
    assert len(seen) >= 60, sorted(seen)
    assert {"/lokakarya/", "/sosialisasi/", "/dasbor/"} <= seen
