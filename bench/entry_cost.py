"""Benchmark: the cost of one attendance row on the entry page at 1, 1,000 and 3,000 rows
already on the list: the save (POST as the page's queue sends it, answered with the row and the
counters) and the render of the page, as ratios to the 1-row meeting (target: 3,000 rows <= 1.5x).

Run: DEBUG=1 .venv/bin/python bench/entry_cost.py   (a throw-away SQLite database, or DATABASE_URL)
"""

import statistics
import time
import uuid

from kehadiran_setup import setup

REPEAT = 15
SIZES = (1, 1000, 3000)


def main():
    setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from kelurahan.models import Akses, Pertemuan, Wilayah
    from kelurahan.services import BarisKehadiran, tambah_kehadiran

    induk = None
    for kode, nama in (
        ("32", "Jawa Barat"),
        ("32.04", "Bandung"),
        ("32.04.05", "Cileunyi"),
        ("32.04.05.2004", "Cinunuk"),
    ):
        induk = Wilayah.objects.create(kode=kode, nama=nama, tingkat=kode.count(".") + 1, induk=induk)
    user = get_user_model().objects.create_user("bench-fasilitator")
    Akses.objects.create(user=user, peran="fasilitator", wilayah=induk)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)

    results = {}
    for n in SIZES:
        p = Pertemuan.objects.create(wilayah=induk, judul=f"Rembug {n}", jenis="lain", tanggal="2012-05-16")
        tambah_kehadiran(
            p,
            [
                BarisKehadiran(nama=f"Warga Nomor {i:04d}", jenis_kelamin="LP"[i % 2], rt=f"{i % 12 + 1:02d}")
                for i in range(n)
            ],
        )
        url = reverse("kelurahan:kehadiran", args=[p.pk])
        client.get(url)
        saves, renders, queries = [], [], 0
        for i in range(REPEAT):
            data = {
                "baris-TOTAL_FORMS": "1",
                "baris-INITIAL_FORMS": "0",
                "baris-0-kunci": str(uuid.uuid4()),
                "baris-0-nama": f"Peserta Baru {i:02d}",
                "baris-0-jenis_kelamin": "P",
            }
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as ctx:
                r = client.post(url, data, HTTP_ACCEPT="application/json")
            saves.append(time.perf_counter() - started)
            assert r.status_code == 200, r.content
            queries = len(ctx.captured_queries)
            started = time.perf_counter()
            client.get(url)
            renders.append(time.perf_counter() - started)
        results[n] = (statistics.median(saves), statistics.median(renders), queries)

    base_save, base_render, _q = results[SIZES[0]]
    for n, (save, render, q) in results.items():
        total = (save + render) / (base_save + base_render)
        print(
            f"{n:>5} rows: save {save * 1000:6.1f} ms ({save / base_save:.2f}x, {q} queries), "
            f"page {render * 1000:6.1f} ms ({render / base_render:.2f}x), save+render {total:.2f}x"
        )
    worst = (results[SIZES[-1]][0] + results[SIZES[-1]][1]) / (base_save + base_render)
    print(f"target: 3,000 rows <= 1.5x of 1 row: {'met' if worst <= 1.5 else 'MISSED'} ({worst:.2f}x)")


if __name__ == "__main__":
    main()
