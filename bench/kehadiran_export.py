"""Benchmark: exporting 100,000 attendance rows to .xlsx (targets: < 10 s and < 150 MB peak).

The rows are inserted directly with bulk_create (fixture data for the benchmark only; the
portal writes attendance through kelurahan.services). The export then runs in a fresh
process on the same database, so its peak RSS is the export's own (Django included); a
second run measures Python allocations with tracemalloc.

Run: DEBUG=1 .venv/bin/python bench/kehadiran_export.py
"""

import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc

from kehadiran_setup import setup

ROWS = 100_000


def peak_rss_mb() -> float:
    """Peak resident memory of this process (VmHWM; ru_maxrss is inherited from the parent on Linux)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fill() -> int:
    from kelurahan.models import Kehadiran, Orang, Pertemuan, Wilayah

    w = Wilayah.objects.create(kode="32", nama="Jawa Barat", tingkat=1)
    p = Pertemuan.objects.create(wilayah=w, judul="Ekspor", jenis="lokakarya", tanggal="2012-05-16")
    started = time.perf_counter()
    people = Orang.objects.bulk_create(
        (Orang(nama=f"Peserta {i:06d}", jenis_kelamin="LP"[i % 2], wilayah=w) for i in range(ROWS)), batch_size=5000
    )
    unsur = ["Warga", "BKM", "Tokoh masyarakat", "Kader PKK", "Perangkat desa"]
    Kehadiran.objects.bulk_create(
        (
            Kehadiran(
                pertemuan=p,
                orang=o,
                urutan=i + 1,
                nama=o.nama,
                jenis_kelamin=o.jenis_kelamin,
                unsur=unsur[i % 5],
                alamat=f"Jl. Cinunuk No. {i % 90}",
                rt=f"{i % 12 + 1:02d}",
                rw=f"{i % 7 + 1:02d}",
                miskin=i % 3 == 0,
                disabilitas=i % 41 == 0,
            )
            for i, o in enumerate(people)
        ),
        batch_size=5000,
    )
    print(f"(set-up: {ROWS:,} rows inserted in {time.perf_counter() - started:.1f} s)", flush=True)
    return p.pk


def export(pk: int) -> None:
    from kelurahan.exports import kehadiran_rows
    from kelurahan.models import Pertemuan
    from plpbk.common.xlsx import write_rows_stream as write_rows

    p = Pertemuan.objects.get(pk=pk)
    rss_before = peak_rss_mb()
    out = os.path.join(tempfile.mkdtemp(), "ekspor.xlsx")
    started, cpu = time.perf_counter(), time.process_time()
    with open(out, "wb") as fh:
        write_rows(kehadiran_rows(p), "Daftar hadir", out=fh)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    rss = peak_rss_mb()
    size = os.path.getsize(out) / 1048576

    tracemalloc.start()
    with open(out, "wb") as fh:
        write_rows(kehadiran_rows(p), "Daftar hadir", out=fh)
    peak_mb = tracemalloc.get_traced_memory()[1] / 1048576
    tracemalloc.stop()
    print(
        f"xlsx export, {ROWS:,} rows: {elapsed:.2f} s (CPU {cpu:.2f} s), {size:.1f} MB file "
        f"(target < 10 s: {'OK' if elapsed < 10 else 'MISSED'})"
    )
    print(
        f"  memory: Python allocations during the export (tracemalloc) peak {peak_mb:.1f} MB "
        f"(target < 150 MB: {'OK' if peak_mb < 150 else 'MISSED'}); process peak RSS {rss:.0f} MB, "
        f"of which {rss_before:.0f} MB before the export started (Django loaded)"
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--export":
        import django

        sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plpbk.settings")
        django.setup()
        export(int(sys.argv[2]))
    else:
        setup()
        pk = fill()
        subprocess.run([sys.executable, __file__, "--export", str(pk)], check=True, env=os.environ.copy())
