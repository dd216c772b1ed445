"""Who runs background jobs in a test: `pekerja` runs each test twice where Redis answers
(`redis-cli ping`): once in-process (no broker, as `make run`), once through a real Celery
worker (a thread of this process) on Redis, on a queue of its own so no other worker on the
machine takes the test's jobs; that second run needs PostgreSQL (see MODES). Without Redis
only the in-process run takes place. Tests using
it need `@pytest.mark.django_db(transaction=True)`: the worker reads committed rows only.
`tunggu(tugas)` waits until the job is finished or failed."""

from __future__ import annotations

import shutil
import subprocess
import time
import uuid

import pytest
from celery.signals import task_postrun
from django.db import connections

from plpbk.celery import app as celery_app

REDIS_TEST_URL = "redis://127.0.0.1:6379/15"


def redis_ada() -> bool:
    if not shutil.which("redis-cli"):
        return False
    try:
        done = subprocess.run(["redis-cli", "ping"], capture_output=True, timeout=3, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.stdout.strip() == b"PONG"


def _sqlite() -> bool:
    from django.conf import settings

    return "sqlite" in settings.DATABASES["default"]["ENGINE"]


#: Through a real worker only on PostgreSQL: on SQLite the test database lives in memory, shared
#: between the test's and the worker thread's connections, and SQLite refuses a write to a table
#: another connection of the process is reading ("database table is locked") instead of waiting.
MODES = ["inproses", "redis"] if redis_ada() and not _sqlite() else ["inproses"]


def _tutup_koneksi(**kwargs):
    """The worker thread's database connections close after each job (the test database is
    dropped at the end; PostgreSQL refuses while a connection is open)."""
    connections.close_all()


def _pool_baru():
    """Forget connections made for the previous broker (eager runs acquire a producer too)."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture(params=MODES)
def pekerja(request):
    if request.param == "inproses":
        assert celery_app.conf.task_always_eager, "tests run without a broker in settings"
        yield "inproses"
        return
    from celery.contrib.testing.worker import start_worker

    queue = f"plpbk-uji-{uuid.uuid4().hex[:12]}"
    saved = {k: celery_app.conf[k] for k in ("broker_url", "task_always_eager", "task_default_queue")}
    celery_app.conf.update(broker_url=REDIS_TEST_URL, task_always_eager=False, task_default_queue=queue)
    _pool_baru()
    task_postrun.connect(_tutup_koneksi, weak=False)
    try:
        with start_worker(
            celery_app, queues=[queue], perform_ping_check=False, loglevel="WARNING", shutdown_timeout=20
        ):
            yield "redis"
    finally:
        task_postrun.disconnect(_tutup_koneksi)
        celery_app.conf.update(saved)
        _pool_baru()
        _hapus_antrean(queue)


def _hapus_antrean(queue: str) -> None:
    """Remove the test queue's traces from Redis (kombu keeps its bindings after the worker)."""
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL)
    try:
        client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
    finally:
        client.close()


def tunggu(tugas, detik: float = 60):
    """Reload `tugas` until it has left the queue and finished (or failed)."""
    batas = time.monotonic() + detik
    while True:
        tugas.refresh_from_db()
        if not tugas.berjalan:
            return tugas
        if time.monotonic() > batas:
            raise AssertionError(f"job {tugas.pk} still {tugas.status} after {detik} s")
        time.sleep(0.05)


def tugas_dari(response):
    """The job a POST asking for a download redirected to (its page /tugas/<uuid>/)."""
    from kelurahan.models import Tugas

    assert response.status_code == 302, response.status_code
    return Tugas.objects.get(pk=response["Location"].split("/")[-2])


def isi(response) -> bytes:
    """A download's bytes, streamed or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content
