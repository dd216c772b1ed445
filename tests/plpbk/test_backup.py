"""The README's backup and restore procedures, as round trips that lose nothing."""

import gzip
import json
import shutil
import subprocess
import uuid
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from kelurahan.models import Kehadiran, Pertemuan
from plpbk.dasbor.models import PerubahanRingkasan


def snapshot():
    """Row count of every model, and the attendance as (meeting, name, sex) tuples."""
    counts = {m._meta.label: m._default_manager.count() for m in apps.get_models() if m._meta.managed}
    rows = sorted(Kehadiran.objects.values_list("pertemuan__judul", "nama", "jenis_kelamin", "urutan"))
    counters = sorted(Pertemuan.objects.values_list("judul", "jumlah_l", "jumlah_p", "jumlah_disabilitas"))
    return counts, rows, counters


@pytest.mark.django_db(transaction=True)
def test_dumpdata_and_loaddata_round_trip(tmp_path):
    call_command("demo", force=True, stdout=StringIO())
    call_command("hitung_ringkasan", "--tanda", stdout=StringIO())
    before = snapshot()
    assert before[0]["kelurahan.Kehadiran"] >= 29
    backup = tmp_path / "backup.json.gz"
    call_command(
        "dumpdata",
        natural_foreign=True,
        exclude=["contenttypes", "auth.permission", "sessions"],
        output=str(backup),
        stdout=StringIO(),
    )
    with gzip.open(backup, "rt") as fh:
        assert any(obj["model"] == "kelurahan.kehadiran" for obj in json.load(fh))
    call_command("flush", interactive=False, verbosity=0)
    assert Kehadiran.objects.count() == 0
    assert not PerubahanRingkasan.objects.exists()  # (SQLite's row-by-row flush marked as it went)
    call_command("loaddata", str(backup), verbosity=0)
    # the restored rows are marked as they are written (README, Backups): count them
    assert PerubahanRingkasan.objects.exists()
    call_command("hitung_ringkasan", "--tanda", stdout=StringIO())
    after = snapshot()
    before_counts = {k: v for k, v in before[0].items() if k not in {"sessions.Session"}}
    after_counts = {k: v for k, v in after[0].items() if k not in {"sessions.Session"}}
    assert after_counts == before_counts
    assert after[1:] == before[1:]


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump/pg_restore: runs in the PostgreSQL CI pass")
@pytest.mark.django_db(transaction=True)
def test_pg_dump_and_pg_restore_round_trip(tmp_path):
    assert shutil.which("pg_dump") and shutil.which("pg_restore")
    call_command("demo", force=True, stdout=StringIO())
    before = snapshot()
    settings = connection.settings_dict
    host = [
        "-h",
        settings["HOST"] or "127.0.0.1",
        "-p",
        str(settings["PORT"] or 5432),
        "-U",
        settings["USER"] or "postgres",
    ]
    dump = tmp_path / "plpbk.dump"
    subprocess.run(["pg_dump", *host, "-Fc", "-f", str(dump), settings["NAME"]], check=True)
    restored = f"plpbk_restore_{uuid.uuid4().hex[:8]}"
    subprocess.run(["createdb", *host, restored], check=True)
    try:
        subprocess.run(["pg_restore", *host, "--no-owner", "-d", restored, str(dump)], check=True)
        import psycopg2

        conn = psycopg2.connect(dbname=restored, host=host[1], port=host[3], user=host[5])
        try:
            with conn.cursor() as cur:
                for model in apps.get_models():
                    if not model._meta.managed:
                        continue
                    cur.execute(f'SELECT count(*) FROM "{model._meta.db_table}"')  # noqa: S608
                    assert cur.fetchone()[0] == before[0][model._meta.label], model._meta.label
                cur.execute(
                    "SELECT p.judul, k.nama, k.jenis_kelamin, k.urutan FROM kelurahan_kehadiran k "
                    "JOIN kelurahan_pertemuan p ON p.id = k.pertemuan_id"
                )
                assert sorted(cur.fetchall()) == before[1]
        finally:
            conn.close()
    finally:
        subprocess.run(["dropdb", *host, "--if-exists", restored], check=False)
