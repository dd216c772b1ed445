"""A cache of the dashboard's grouped figures that can never be stale.

The key carries a data version that changes with every committed write to the database:
on PostgreSQL the current WAL insert position (every commit writes a WAL record, so any
change made by any app, through save(), update() or raw SQL alike, gives a new version).
A request that sees the same version as an earlier one sees the same data, and gets the
figures computed then. Elsewhere (SQLite) there is no such cheap version and nothing is
cached. Invalidation is coarse on purpose (any write anywhere): correctness costs nothing,
and dashboards are read far more often than the programme's data is written.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.db import DatabaseError, connection

TIMEOUT = 15 * 60


def data_version() -> str | None:
    if connection.vendor != "postgresql":
        return None
    try:
        with connection.cursor() as cur:
            # a standby has no WAL insert position (and must not raise inside the request's transaction)
            cur.execute("SELECT CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_insert_lsn()::text END")
            return cur.fetchone()[0]
    except DatabaseError:
        return None


def key(version: str | None, *parts) -> str | None:
    """A cache key for `parts` under a data version (None: do not cache)."""
    if version is None:
        return None
    digest = hashlib.sha256(repr((version, *parts)).encode()).hexdigest()
    return f"plpbk:dasbor:{digest}"


def get(cache_key):
    return None if cache_key is None else cache.get(cache_key)


def put(cache_key, value) -> None:
    if cache_key is not None:
        cache.set(cache_key, value, TIMEOUT)
