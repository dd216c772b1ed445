"""Benchmark: the daftar hadir PDF with 100 and 1,000 rows (targets: <= 1 s and <= 4 s).

Run: DEBUG=1 .venv/bin/python bench/kehadiran_pdf.py   (uses a throw-away SQLite database)
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plpbk.settings")
os.environ.setdefault("DEBUG", "1")
_db = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{_db}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402


def main():
    call_command("migrate", verbosity=0)
    from kelurahan.models import Pertemuan, Wilayah
    from kelurahan.pdf import daftar_hadir_pdf
    from kelurahan.services import BarisKehadiran, tambah_kehadiran

    w = Wilayah.objects.create(kode="32", nama="Jawa Barat", tingkat=1)
    unsur = ["Warga", "BKM", "Tokoh masyarakat", "Kader PKK", "Perangkat desa"]
    daftar_hadir_pdf(Pertemuan.objects.create(wilayah=w, judul="pemanasan", jenis="lain", tanggal="2012-05-16"))
    for n in (100, 1000):
        p = Pertemuan.objects.create(wilayah=w, judul=f"Lokakarya {n}", jenis="lokakarya", tanggal="2012-05-16")
        rows = [
            BarisKehadiran(
                nama=f"Peserta Nomor {i:04d} Sukamaju",
                jenis_kelamin="LP"[i % 2],
                unsur=unsur[i % 5],
                rt=f"{i % 12 + 1:02d}",
                rw=f"{i % 7 + 1:02d}",
                miskin=i % 3 == 0,
                disabilitas=i % 17 == 0,
            )
            for i in range(n)
        ]
        tambah_kehadiran(p, rows)
        times, cpu = [], []
        for _ in range(3):
            started, cpu_started = time.perf_counter(), time.process_time()
            pdf = daftar_hadir_pdf(p)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
        target = 1.0 if n == 100 else 4.0
        best = min(times)
        print(
            f"daftar hadir PDF, {n:>5} rows: best {best:.2f} s, median {sorted(times)[1]:.2f} s, "
            f"CPU {min(cpu):.2f} s, {len(pdf) / 1024:.0f} KiB "
            f"(target <= {target:.0f} s: {'OK' if best <= target else 'MISSED'})"
        )


if __name__ == "__main__":
    main()
