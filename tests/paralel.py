"""Running writes in parallel threads, each with its own database connection, on either
database. PostgreSQL's test database is shared by every connection already; SQLite's
in-memory test database is not (shared-cache memory databases lock tables instead of
waiting), so for the duration it is copied to a file the threads open with the portal's
real settings (WAL, BEGIN IMMEDIATE, busy timeout)."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager

from django.db import connection, connections


@contextmanager
def shared_database(tmp_path):
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    path = tmp_path / "paralel.sqlite3"
    connection.ensure_connection()
    memory = connection.connection
    target = sqlite3.connect(path)
    memory.backup(target)
    target.close()
    dicts = {id(d): d for d in (connection.settings_dict, connections.settings["default"])}.values()
    old_name = connection.settings_dict["NAME"]
    for d in dicts:
        d["NAME"] = str(path)
    connection.connection = None  # the next query opens the file; the memory one stays alive
    try:
        yield
    finally:
        connection.close()
        for d in dicts:
            d["NAME"] = old_name
        connection.connection = memory


def race(n, target, timeout=60):
    """Run `target(i)` in n threads released together; return each result or exception."""
    barrier = threading.Barrier(n)
    results: list = [None] * n

    def run(i):
        try:
            barrier.wait(timeout=10)
            results[i] = target(i)
        except Exception as exc:  # collected and asserted by the test
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=timeout)
    return results
