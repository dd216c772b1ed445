"""Bad input on every POST form of the portal: hypothesis posts generated values (long strings,
unicode, markup, negative and huge numbers, impossible dates, ids and codes of a region outside
the user's scope) as a user allowed to post there. Never a 500 (the test client re-raises any
exception), and nothing outside the user's regions changes.

The forms come from the URL table (tests/*/access_rows.py): rows posted as "post", and every
page whose view accepts POST (create/edit forms); field names are read from the page's own
<form method="post">. Deletes and logout are left out (they take no input)."""

from __future__ import annotations

import time
from html.parser import HTMLParser

import pytest
from django.db import transaction
from django.test import Client
from django.urls import resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kelurahan.models import Kehadiran, Orang
from kelurahan.riwayat import model_labels
from tests.test_access_table import ROWS, Cast

pytestmark = pytest.mark.django_db

OUTSIDE = "33.01.01.2001"
#: preferred poster: narrowest scope first; admin only when nobody else may post
POSTERS = ["fasilitator", "bkm", "pjok", "korkot", "ppk", "satker", "pemda", "admin"]
SKIP = {"logout"}
EXAMPLES = 21
STATS = {"posts": 0}


class FormFields(HTMLParser):
    """Names of the fields of the POST forms on a page that post back to `url`."""

    def __init__(self, url):
        super().__init__()
        self.url, self.inside, self.names, self.select = url, False, {}, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            action = a.get("action") or a.get("hx-post") or ""
            self.inside = (a.get("method", "").lower() == "post" or "hx-post" in a) and action in ("", self.url)
        elif (
            self.inside
            and tag in ("input", "select", "textarea")
            and a.get("name") not in (None, "csrfmiddlewaretoken")
            and a.get("type") != "submit"
        ):
            self.names.setdefault(a["name"], a.get("value") or "")
            self.select = a["name"] if tag == "select" else None
        elif self.inside and tag == "option" and self.select and a.get("value") and not self.names[self.select]:
            self.names[self.select] = a["value"]  # the first real choice is the plausible value

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def _accepts_post(url) -> bool:
    view = getattr(resolve(url).func, "view_class", None)
    return view is not None and hasattr(view, "post") and "post" in view.http_method_names


def _outside_state():
    """(model, pk, last history id) of every audited object in the region outside everyone's scope."""
    from django.apps import apps

    state = set()
    for label in model_labels():
        model = apps.get_model(label)
        qs = model._default_manager.all()
        if not hasattr(qs, "in_region"):
            continue
        for pk in qs.in_region(OUTSIDE).values_list("pk", flat=True):
            last = model.history.filter(id=pk).order_by("-history_id").values_list("history_id", flat=True).first()
            state.add((label, pk, last))
    return state


def _discover(cast, rows, kwargs, client):
    """[(url, client, {field: plausible value})] for the POST forms among `rows` (all built by the
    same `make`), each with the narrowest user allowed to post there."""
    found = {}
    for row in rows:
        url = reverse(row.name, kwargs=kwargs["in"] or None)
        if url in found or not _accepts_post(url):
            continue
        for username in [u for u in POSTERS if row.expect_in.get(u) in (200, 302)]:
            c = client(username)
            fields = dict(row.data(cast)) if row.data else {}
            page = c.get(url + row.query)
            if page.status_code == 200 and page["Content-Type"].startswith("text/html"):  # not a file
                parser = FormFields(url)
                parser.feed(page.content.decode())
                fields = {**parser.names, **fields}
            fields = {k: str(v) for k, v in fields.items() if not hasattr(v, "read")} or {"catatan": "", "tanggal": ""}
            probe = c.post(url, fields)
            if probe.status_code in (403, 404, 405):
                continue
            found[url] = (c, fields)
            break
    return [(url, c, fields) for url, (c, fields) in sorted(found.items())]


NASTY = [
    "",
    " ",
    "0",
    "-1",
    "-99999999999999999999",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "12,5",
    "2012-02-30",
    "0001-01-01",
    "9999-12-31",
    "99999-12-31",
    "31/12/2012",
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "Siti Nurhaliza 🙂 漢字 ÄÖÜ \u202e",
    "A" * 5000,
    "x\r\ny",
    "Asep\x00Saepudin",  # PostgreSQL refuses NUL in text: forms must catch it first
    OUTSIDE,
    "33.01",
]


def values(out_ids):
    return st.one_of(
        st.sampled_from(NASTY + out_ids),
        st.text(max_size=300),
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.dates().map(lambda d: d.isoformat()),
    )


def test_no_form_ever_gives_a_500(request):
    cast = Cast(request)
    clients = {}

    def client(username):
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(cast.users[username])
        return clients[username]

    for username in POSTERS:  # sessions made before the savepoints below
        client(username)
    Orang.objects.create(nama="Warga Tambakreja", jenis_kelamin="P", wilayah=cast.regions[OUTSIDE])
    groups = {}
    for row in ROWS:
        if row.name not in SKIP and "hapus" not in row.name:
            groups.setdefault(row.make, []).append(row)
    started = time.monotonic()
    urls = []
    for make, rows in groups.items():
        savepoint = transaction.savepoint()
        try:
            kwargs = make(cast)
            forms = _discover(cast, rows, kwargs, client)
            if not forms:
                continue
            urls += [url for url, _c, _f in forms]
            before = _outside_state()
            # ids of objects the poster may not touch: this row's "out" object and everything in Tambakreja
            out_ids = sorted({str(v) for v in (kwargs.get("out") or {}).values()} | {str(pk) for _m, pk, _h in before})
            _fuzz(forms, out_ids)
            assert _outside_state() == before, f"something outside the user's regions changed via {urls[-1]}"
            linked = Kehadiran.objects.exclude(pertemuan__wilayah__kode__startswith="33.").filter(
                orang__wilayah__kode__startswith="33."
            )
            assert not linked.exists(), "an attendance row names a person from outside the meeting's region"
        finally:
            transaction.savepoint_rollback(savepoint)
    elapsed = time.monotonic() - started
    print(f"\nfuzz: {STATS['posts']} posts over {len(urls)} forms in {elapsed:.1f}s")
    assert len(urls) >= 40, urls
    assert STATS["posts"] >= 1000


def _fuzz(forms, out_ids):
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(st.data())
    def run(data):
        for url, c, fields in forms:
            post = {}
            for name, plausible in fields.items():
                post[name] = data.draw(st.one_of(st.just(plausible), values(out_ids)), label=f"{url} {name}")
            response = c.post(url, post)
            STATS["posts"] += 1
            assert response.status_code < 500, f"POST {url} {post!r}: {response.status_code}"

    run()
