"""Load, measured as ratios: 50 clients for 60 s against the cluster of bench/cluster.py (two
gunicorn app servers behind nginx, a Celery worker and beat, PostgreSQL, Redis).

Each client is one of the demo's roles and loops over a mix: interactive pages (home, region
pages, the attendance page, lists, the dashboard for the roles that have one), attendance saves
(fasilitator clients, three requests in ten), one request in ten a daftar hadir PDF and one in
twenty a lokakarya export, drawn at random. A PDF or export that the portal turns into a background job (the
jobs contract: /tugas/<uuid>/) is followed until its file is ready: its latency is the job's.

Prints, for interactive pages, the p50 and p95 under load divided by their unloaded median (the
same pages asked one at a time before the load), the latency of PDFs and exports (in the web
request or as jobs), and the error count. Targets: 0 errors, interactive p95 under load <= 5x
unloaded.

    .venv/bin/python bench/load.py [--clients 50] [--seconds 60] [--think 11] [--reuse-db]

Clients wait between requests as users do (`--think`, mean 11 s: the rollout's ~400 concurrent
users at 30-40 requests/s); `--think 0` makes every client ask again at once, a stress test
whose latency is (clients / throughput) by construction, so its ratios measure the machine's
capacity rather than how pages hold up under a real load.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cluster import CINUNUK, Client, Cluster, ask_job, has_jobs, url, wait_job  # noqa: E402

ROLES = ["fasilitator", "bkm", "pemda", "pjok", "korkot"]


def pages_for(role: str, pertemuan: str) -> list[str]:
    pages = ["/", f"/wilayah/{CINUNUK}/", f"/pertemuan/{pertemuan}/hadir/", "/lokakarya/", "/sosialisasi/", "/tipp/"]
    if role in {"pemda", "korkot"}:
        pages += ["/wilayah/32.04/", "/wilayah/32.04.05/", "/dasbor/32.04/"]
    if role == "pjok":
        pages += ["/wilayah/32.04.05/"]
    return pages


def clone(client: Client) -> Client:
    """A client with the same session (a login per role, shared by that role's clients)."""
    other = Client()
    for cookie in client.jar:
        other.jar.set_cookie(cookie)
    return other


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    k = min(len(values) - 1, max(0, round(p / 100 * len(values) + 0.5) - 1))
    return values[k]


def interactive(client: Client, path: str) -> tuple[float, str | None]:
    start = time.perf_counter()
    try:
        status, _h, _body = client.request(url("nginx", path))
        error = None if status == 200 else f"{path}: {status}"
    except Exception as exc:  # noqa: BLE001
        error = f"{path}: {exc!r}"
    return time.perf_counter() - start, error


def document(client: Client, path: str, magic: bytes) -> tuple[str, float, str | None]:
    """A PDF or export: ("web", s) answered in the request, ("job", s) until its job's file is
    ready, or ("failed", s) with the error."""
    start = time.perf_counter()
    try:
        status, headers, body = client.request(url("nginx", path))
        if status == 200 and body.startswith(magic):
            return "web", time.perf_counter() - start, None
        page, how = ask_job(client, "nginx", path)
        if not page:
            return "failed", time.perf_counter() - start, f"{path}: {how}"
        link, state = wait_job(client, "nginx", page, seconds=300)
        if not link:
            return "failed", time.perf_counter() - start, f"{path}: job {state}"
        status, _h, body = client.request(url("nginx", link))
        if status == 200 and body.startswith(magic):
            return "job", time.perf_counter() - start, None
        return "failed", time.perf_counter() - start, f"{link}: {status}"
    except Exception as exc:  # noqa: BLE001
        return "failed", time.perf_counter() - start, f"{path}: {exc!r}"


def save(client: Client, pertemuan: str, n: int, i: int) -> tuple[float, str | None]:
    data = {
        "baris-TOTAL_FORMS": "1",
        "baris-INITIAL_FORMS": "0",
        "baris-MIN_NUM_FORMS": "1",
        "baris-MAX_NUM_FORMS": "500",
        "baris-0-nama": f"Peserta Beban {n}-{i}-{uuid.uuid4().hex[:6]}",
        "baris-0-jenis_kelamin": random.choice("LP"),
        "baris-0-rt": "01",
        "baris-0-rw": "02",
    }
    start = time.perf_counter()
    try:
        status, _h, body = client.request(url("nginx", f"/pertemuan/{pertemuan}/hadir/"), data)
        error = None
        if status not in (200, 302) or re.search(rb'class="[^"]*alert-danger', body):
            error = f"save: {status}"
    except Exception as exc:  # noqa: BLE001
        error = f"save: {exc!r}"
    return time.perf_counter() - start, error


def unloaded(sessions: dict[str, Client], pertemuan: str, rounds: int) -> dict[str, list[float]]:
    """Every interactive page of every role, one request at a time, `rounds` times."""
    times: dict[str, list[float]] = defaultdict(list)
    for _ in range(rounds):
        for role, client in sessions.items():
            for path in pages_for(role, pertemuan):
                elapsed, error = interactive(client, path)
                if error:
                    raise RuntimeError(f"unloaded {role} {error}")
                times[path].append(elapsed)
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--reuse-db", action="store_true")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per app server")
    parser.add_argument(
        "--think",
        type=float,
        default=11.0,
        help="mean seconds a client waits between requests (exponential; default 11 s: the rollout's "
        "~400 concurrent users making 30-40 requests/s); 0: every client asks again at once (a stress test)",
    )
    args = parser.parse_args()

    with Cluster(reuse_db=args.reuse_db, workers=args.workers) as cluster:
        # saves go to a draft meeting; the daftar hadir PDF is of another, whose size stays put
        pertemuan, cetak = cluster.ids["pertemuan"], cluster.ids["rembug_pertemuan"]
        load_before = os.getloadavg()
        sessions = {}
        for role in ROLES:
            sessions[role] = Client()
            sessions[role].login("nginx", role)
        base = unloaded(sessions, pertemuan, rounds=3)
        base_median = {path: statistics.median(v) for path, v in base.items()}

        inter: list[tuple[str, float]] = []
        docs: dict[str, list[float]] = defaultdict(list)
        saves: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        counts = {"asked": 0}
        go = threading.Event()
        clock = {}

        def worker(n: int) -> None:
            role = ROLES[n % len(ROLES)]
            client = clone(sessions[role])
            pages = pages_for(role, pertemuan)
            rnd = random.Random(n)
            go.wait()
            if args.think:
                time.sleep(rnd.uniform(0, args.think))  # users do not all start at the same second
            i = 0
            while time.monotonic() < clock["deadline"]:
                i += 1
                with lock:
                    counts["asked"] += 1
                pick = rnd.random()
                if pick < 0.05:
                    kind, elapsed, error = document(client, "/lokakarya/lokakarya.xlsx", b"PK")
                    with lock:
                        docs[f"export ({kind})"].append(elapsed)
                elif pick < 0.15:
                    kind, elapsed, error = document(client, f"/pertemuan/{cetak}/daftar-hadir.pdf", b"%PDF")
                    with lock:
                        docs[f"pdf ({kind})"].append(elapsed)
                elif role == "fasilitator" and pick < 0.45:
                    elapsed, error = save(client, pertemuan, n, i)
                    with lock:
                        saves.append(elapsed)
                else:
                    path = rnd.choice(pages)
                    elapsed, error = interactive(client, path)
                    with lock:
                        inter.append((path, elapsed))
                if error:
                    with lock:
                        errors.append(error)
                if args.think:
                    time.sleep(min(rnd.expovariate(1 / args.think), max(0.0, clock["deadline"] - time.monotonic())))

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(args.clients)]
        for t in threads:
            t.start()
        started = time.monotonic()
        clock["deadline"] = started + args.seconds
        go.set()
        for t in threads:
            t.join()
        elapsed_total = time.monotonic() - started

    total = counts["asked"]
    ratios = [t / base_median[p] for p, t in inter]
    all_base = statistics.median([t for v in base.values() for t in v])
    print(
        f"{args.clients} clients (think time {args.think:g} s) for {args.seconds} s through nginx -> 2 gunicorn app servers "
        f"({args.workers} workers x 4 threads each)" + (", Celery worker + beat" if has_jobs() else ", no Celery")
    )
    print(
        f"requests asked in the {args.seconds} s: {total} ({total / args.seconds:.1f}/s; the last jobs finished "
        f"at {elapsed_total:.0f} s), errors: {len(errors)} (target 0)"
    )
    print(
        f"machine: {os.cpu_count()} cores, load average before the run {load_before[0]:.1f} "
        "(other processes included: the ratios are what this machine gave)"
    )
    print(f"interactive pages: unloaded median {all_base * 1000:.0f} ms")
    if ratios:
        p50, p95 = percentile(ratios, 50), percentile(ratios, 95)
        print(
            f"  under load, as a ratio to each page's unloaded median: p50 {p50:.1f}x, p95 {p95:.1f}x "
            f"(target p95 <= 5x) {'OK' if p95 <= 5 else 'MISSED'}"
        )
        by_page = defaultdict(list)
        for p, t in inter:
            by_page[p].append(t)
        for path, times in sorted(by_page.items()):
            print(
                f"    {path:<28} n={len(times):>5}  unloaded {base_median[path] * 1000:6.0f} ms  "
                f"p50 {percentile(times, 50) * 1000:6.0f} ms  p95 {percentile(times, 95) * 1000:6.0f} ms  "
                f"({percentile(times, 95) / base_median[path]:.1f}x)"
            )
    if saves:
        print(
            f"  saves    n={len(saves):>5}  p50 {percentile(saves, 50) * 1000:6.0f} ms  p95 {percentile(saves, 95) * 1000:6.0f} ms"
        )
    for key, times in sorted(docs.items()):
        print(
            f"  {key:<14} n={len(times):>4}  p50 {percentile(times, 50):5.1f} s  p95 {percentile(times, 95):5.1f} s"
            + ("  (latency until the job's file is ready)" if "job" in key else "  (rendered in the web request)")
        )
    for e in errors[:10]:
        print("  error:", e)
    ok = not errors and ratios and percentile(ratios, 95) <= 5
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
