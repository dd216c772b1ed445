"""Shared state for several app servers, chosen from the environment: the cache (and so the
password reset limit) in Redis with REDIS_URL, sessions in the database, files through the
storage API (S3-compatible with S3_BUCKET), jobs on the broker; nothing of it without."""

import json
import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from django.core.files.storage import InMemoryStorage

from kelurahan import tugas as layanan_tugas
from tests.pekerja import REDIS_TEST_URL, redis_ada

PROBE = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'cache': s.CACHES['default']['BACKEND'], 'session': s.SESSION_ENGINE, "
    "'storage': s.STORAGES['default'], 'eager': s.CELERY_TASK_ALWAYS_EAGER, 'broker': s.CELERY_BROKER_URL}))"
)


def _settings_with(**env) -> dict:
    base = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CELERY_BROKER_URL", "S3_BUCKET"}}
    base.update(DEBUG="1", DJANGO_SETTINGS_MODULE="plpbk.settings", **env)
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=base, capture_output=True, text=True, cwd=settings.BASE_DIR, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_zero_config_runs_everything_in_process():
    s = _settings_with()
    assert s["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert s["session"] == "django.contrib.sessions.backends.db"
    assert s["storage"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert s["eager"] is True and s["broker"] == "memory://localhost/"


def test_redis_url_shares_cache_and_queues_jobs():
    s = _settings_with(REDIS_URL="redis://10.0.0.5:6379/0")
    assert s["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert s["eager"] is False and s["broker"] == "redis://10.0.0.5:6379/0"
    s = _settings_with(REDIS_URL="redis://10.0.0.5:6379/0", CELERY_BROKER_URL="redis://10.0.0.6:6379/1")
    assert s["broker"] == "redis://10.0.0.6:6379/1"


def test_s3_bucket_moves_files_to_object_storage():
    s = _settings_with(S3_BUCKET="plpbk-berkas", S3_ENDPOINT_URL="https://s3.example.go.id")
    assert s["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    options = s["storage"]["OPTIONS"]
    assert options["bucket_name"] == "plpbk-berkas" and options["endpoint_url"] == "https://s3.example.go.id"
    assert options["default_acl"] == "private" and options["file_overwrite"] is False


@pytest.mark.skipif(not redis_ada(), reason="no Redis answering on this machine")
def test_the_redis_cache_is_shared_between_clients():
    """Two cache clients (two app servers) see the same counter: the reset limit holds across them."""
    prefix = f"uji-{uuid.uuid4().hex[:8]}"
    a = RedisCache(REDIS_TEST_URL, {"KEY_PREFIX": prefix})
    b = RedisCache(REDIS_TEST_URL, {"KEY_PREFIX": prefix})
    a.add("batas", 0, 30)
    a.incr("batas")
    b.incr("batas")
    assert a.get("batas") == b.get("batas") == 2
    a.delete("batas")


class PenyimpananTanpaPath(InMemoryStorage):
    """Like S3: the files exist only through the storage API, with no path on this machine."""

    def _relative_path(self, name):
        return os.path.relpath(super().path(name), self.location)

    def path(self, name):
        raise NotImplementedError("no local paths")


@layanan_tugas.tugas_berkas("uji.penyimpanan")
def _hasil_kecil(tugas, lapor):
    return layanan_tugas.HasilBerkas(b"\x89PNG-uji", "foto.png", "image/png")


@pytest.mark.django_db(transaction=True)
def test_files_go_through_the_storage_api_without_local_paths(settings, users, client_for):
    """On a storage with no local path (S3 in production; an in-memory one here) a job's
    file is stored and served by streaming it, even when X-Sendfile is configured, and print
    templates get it as a data: URI."""
    from django.urls import reverse

    from kelurahan.models import Berkas

    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.PenyimpananTanpaPath"}}
    settings.FILES_SERVE = "sendfile"
    tugas = layanan_tugas.minta_tugas(
        users["fasilitator"], _hasil_kecil, jenis="uji", judul="Foto", parameter={}, stempel="1",
        kode_wilayah="32.04.05.2004",
    )  # fmt: skip
    tugas.refresh_from_db()
    berkas = Berkas.objects.get(pk=tugas.hasil_id)
    assert type(berkas.berkas.storage._wrapped).__name__ == "PenyimpananTanpaPath"
    response = client_for("fasilitator").get(reverse("kelurahan:tugas_unduh", args=[tugas.pk]))
    assert "X-Sendfile" not in response and b"".join(response.streaming_content) == b"\x89PNG-uji"
    assert berkas.file_uri.startswith("data:image/png;base64,")
