"""The shape of the URL × role × scope table (docs/architecture.md, "Access: one scoping place").

Each app lists its URLs in `tests/<app>/access_rows.py` as `ROWS`, a list of `Row`.
`tests/test_access_table.py` runs every row for every cast member and for an anonymous
visitor, once with an object in Desa Cinunuk ("in") and once with one in Desa Tambakreja,
Jawa Tengah ("out"), and fails when a URL of the portal has no row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

USERS = ["admin", "satker", "kmw", "pemda", "korkot", "ppk", "pjok", "fasilitator", "bkm", "fasilitator2", "bkm2"]
# who can see Desa Cinunuk at all
SEES_CINUNUK = {"admin", "satker", "kmw", "pemda", "korkot", "ppk", "pjok", "fasilitator", "bkm"}


@dataclass
class Row:
    name: str
    #: builds the objects and returns {"in": url kwargs, "out": url kwargs or None}
    make: Callable[[object], dict]
    #: username -> expected status for the "in" object; "out" is 404 except for admin
    expect_in: dict[str, int]
    method: str = "get"
    data: Callable[[object], dict] | None = None
    #: expected status for admin on the "out" object (defaults to admin's "in" status)
    admin_out: int | None = None
    anonymous: int = 302
    #: out-of-scope status for everyone but admin (404 for region-bound pages)
    out: int = 404
    query: str = ""
    #: False for URLs that name no region or object (only the "in" case runs)
    scoped: bool = True
    extra: dict = field(default_factory=dict)
    #: expected status for the administrator of Jawa Barat on the "in" object (default:
    #: admin's); out of his province he sees nothing (`out`). Used by the write table.
    province_admin: int | None = None


def statuses(default: int, hidden: int = 404, **overrides: int) -> dict[str, int]:
    """Everyone who sees Cinunuk gets `default`, the second kelurahan's users `hidden`;
    `overrides` set single users."""
    table = {u: (default if u in SEES_CINUNUK else hidden) for u in USERS}
    table.update(overrides)
    return table


def only(allowed: set[str], ok: int = 200, denied: int = 403) -> dict[str, int]:
    """Users in `allowed` get `ok`; others who see Cinunuk get `denied`; the rest 404."""
    return {u: (ok if u in allowed else denied) if u in SEES_CINUNUK else 404 for u in USERS}


def as_post(rows: list[Row], name: str, ok: int = 200, **changes) -> Row:
    """The POST row of a page whose GET row is in `rows`: the same objects and statuses
    unless `changes` say otherwise. An empty POST re-shows a form (200); `ok=302` for views
    that answer it with a redirect and a message."""
    row = next(r for r in rows if r.name == name and r.method == "get")
    if ok != 200:
        changes.setdefault("expect_in", {u: ok if s == 200 else s for u, s in row.expect_in.items()})
        if row.admin_out == 200:
            changes.setdefault("admin_out", ok)
    return replace(row, method="post", **changes)
