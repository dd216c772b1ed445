"""The shape of the write table (admin and portal POSTs × role × in/out of region).

Each app lists its admin models in `tests/<app>/admin_rows.py` as `ADMIN_ROWS`, a list of
`AdminRow`; `tests/test_admin_write_table.py` runs add/change/delete for every row and fails
when a model registered in the admin has none. A refused write must leave the database as
it was (`db_state`): every table of the portal, history included.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

from django.apps import apps

IN, OUT = "32.04.05.2004", "33.01.01.2001"

#: how the admin of a model is scoped
SCOPED = "scoped"  # region-bound rows: an administrator of a region writes inside it
NATIONAL = "national"  # settings and accounts: national administrators only
NATIONAL_WRITE = "national_write"  # read inside the region, written nationally (the region list)
READONLY = "readonly"  # written by the portal's services only; the admin only shows them


@dataclass
class AdminRow:
    model: type
    #: make(cast, wilayah) -> an object located in `wilayah` (ignored for national models)
    make: Callable
    kind: str = SCOPED
    add: bool = True
    change: bool = True
    delete: bool = True
    #: add_data(cast, wilayah) -> POST data for the add form; default: the change form of a
    #: made object (removed before the add), inline rows left out
    add_data: Callable | None = None


SKIP_STATE = {"sessions", "admin", "axes", "contenttypes"}


def db_state() -> dict:
    """Every row of every table of the portal (history and accounts included)."""
    state = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label in SKIP_STATE or meta.label == "auth.Permission":
            continue
        state[meta.label] = list(model._base_manager.order_by("pk").values_list())
    return state


def settled_state() -> dict:
    """db_state() once the dashboard's summary has counted what the cast's own writes marked
    (as the scheduled `hitung_ringkasan --hari-baru --tanda` would): a refused request then
    leaves the after-write recount (plpbk.dasbor.middleware) nothing to do, and must change
    nothing at all."""
    from plpbk.dasbor import ringkasan

    ringkasan.hari_baru()
    ringkasan.proses_tanda()
    return db_state()


def state_diff(before: dict, after: dict) -> list[str]:
    return [label for label in before if before[label] != after.get(label)]


class AdminFormParser(HTMLParser):
    """What a browser would post from the admin's change form (`<form id="…_form">`)."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.data: dict[str, list[str]] = {}
        self.select = None
        self.select_first = None
        self.select_chosen = False
        self.textarea = None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = (a.get("id") or "").endswith("_form") and a.get("method", "").lower() == "post"
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._add(name, a.get("value") or "on")
                return
            self._add(name, a.get("value") or "")
        elif tag == "select" and name:
            self.select, self.select_first, self.select_chosen = name, None, False
        elif tag == "option" and self.select is not None:
            value = a.get("value") or ""
            if self.select_first is None:
                self.select_first = value
            if "selected" in a:
                self._add(self.select, value)
                self.select_chosen = True
        elif tag == "textarea" and name:
            self.textarea = name
            self._add(name, "")

    def handle_data(self, data):
        if self.textarea is not None:
            self.data[self.textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self.select is not None:
            if not self.select_chosen and self.select_first is not None:
                self._add(self.select, self.select_first)
            self.select = None
        elif tag == "textarea":
            if self.textarea is not None:
                value = self.data[self.textarea][-1]
                self.data[self.textarea][-1] = value[1:] if value.startswith("\n") else value
            self.textarea = None
        elif tag == "form":
            self.inside = False


def admin_form_data(html: str) -> dict:
    parser = AdminFormParser()
    parser.feed(html)
    return {k: v if len(v) > 1 else v[0] for k, v in parser.data.items()}


def without_inline_rows(data: dict) -> dict:
    """The form's own fields with every inline formset emptied (for posting it as an add)."""
    prefixes = {k[: -len("-TOTAL_FORMS")] for k in data if k.endswith("-TOTAL_FORMS")}
    out = {}
    for key, value in data.items():
        prefix = next((p for p in prefixes if key.startswith(p + "-")), None)
        if prefix is None:
            out[key] = value
        elif key.endswith(("-TOTAL_FORMS", "-INITIAL_FORMS")):
            out[key] = "0"
        elif key.endswith(("-MIN_NUM_FORMS", "-MAX_NUM_FORMS")):
            out[key] = value
    return out
