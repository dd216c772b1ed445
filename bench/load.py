"""Load test: 50 concurrent clients for 60 s against gunicorn on loopback.

Each client logs in as a demo account and loops over a mix of pages, attendance saves
(fasilitator clients) and, one request in ten, a daftar hadir PDF. Prints the number of
errors (target 0) and p50/p95 per kind of request. Uses its own PostgreSQL database
(DATABASE_URL, default plpbk_bench_load), filled with the demo.

    DEBUG=1 .venv/bin/python bench/load.py [--clients 50] [--seconds 60]
"""

import argparse
import http.cookiejar
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8799
BASE = f"http://127.0.0.1:{PORT}"


def prepare(env):
    py = str(ROOT / ".venv" / "bin" / "python")
    name = env["DATABASE_URL"].rsplit("/", 1)[1]
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], capture_output=True, check=False)
    for cmd in (
        ["migrate", "-v0"],
        ["import_wilayah", "--prefix", "32.04", "-v0"],
        ["demo", "--force", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run([py, "manage.py", *cmd], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    out = subprocess.run(
        [
            py,
            "manage.py",
            "shell",
            "-c",
            "from kelurahan.models import Pertemuan; print(Pertemuan.objects.filter(wilayah_id='32.04.05.2004').order_by('pk').first().pk)",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return int(out.stdout.strip().splitlines()[-1])


class Client:
    def __init__(self, username):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.username = username

    def csrf(self):
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def request(self, path, data=None):
        body = None
        headers = {"Referer": BASE + path}
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.csrf()}
            body = urllib.parse.urlencode(data).encode()
            headers["X-CSRFToken"] = self.csrf()
        req = urllib.request.Request(BASE + path, data=body, headers=headers)
        with self.opener.open(req, timeout=60) as resp:
            return resp.status, resp.read()

    def login(self):
        self.request("/masuk/")
        status, body = self.request("/masuk/", {"username": self.username, "password": "plpbk-demo"})
        if b"dikunci" in body or b'name="password"' in body:
            raise RuntimeError(f"login failed for {self.username}")


def worker(n, deadline, pertemuan, results, errors):
    username = ["fasilitator", "bkm", "pemda", "pjok", "korkot"][n % 5]
    client = Client(username)
    try:
        client.login()
    except Exception as exc:  # noqa: BLE001
        errors.append(f"login {username}: {exc}")
        return
    pages = ["/", "/wilayah/32.04.05.2004/", f"/pertemuan/{pertemuan}/hadir/", "/lokakarya/"]
    if username in {"pemda", "korkot"}:
        pages += ["/wilayah/32.04/", "/wilayah/32.04.05/"]
    i = 0
    while time.monotonic() < deadline:
        i += 1
        if i % 10 == 0:
            kind, path, data = "pdf", f"/pertemuan/{pertemuan}/daftar-hadir.pdf", None
        elif username == "fasilitator" and i % 3 == 0:
            kind, path = "simpan", f"/pertemuan/{pertemuan}/hadir/"
            data = {
                "baris-TOTAL_FORMS": "1",
                "baris-INITIAL_FORMS": "0",
                "baris-MIN_NUM_FORMS": "1",
                "baris-MAX_NUM_FORMS": "500",
                "baris-0-nama": f"Peserta Beban {n}-{i}-{secrets.token_hex(3)}",
                "baris-0-jenis_kelamin": random.choice("LP"),
                "baris-0-rt": "01",
                "baris-0-rw": "02",
            }
        else:
            kind, path, data = "halaman", random.choice(pages), None
        start = time.perf_counter()
        try:
            status, body = client.request(path, data)
            if status >= 400 or (kind == "pdf" and not body.startswith(b"%PDF")):
                errors.append(f"{kind} {path}: {status}")
            elif kind == "simpan" and re.search(rb'class="[^"]*alert-danger', body):
                errors.append(f"{kind} {path}: refused")
        except urllib.error.HTTPError as exc:
            errors.append(f"{kind} {path}: {exc.code}")
        except Exception as exc:  # noqa: BLE001
            errors.append(f"{kind} {path}: {exc}")
        results[kind].append(time.perf_counter() - start)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "AXES_FAILURE_LIMIT": "1000",
        "STATIC_ROOT": str(ROOT / "bench" / "out" / "static"),
        "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/plpbk_bench_load"),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    pertemuan = prepare(env)
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "plpbk.wsgi",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            str(args.workers),
            "--threads",
            "4",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(BASE + "/masuk/", timeout=2)
                break
            except Exception:  # noqa: BLE001
                time.sleep(0.2)
        results, errors = defaultdict(list), []
        deadline = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=worker, args=(n, deadline, pertemuan, results, errors)) for n in range(args.clients)
        ]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    total = sum(len(v) for v in results.values())
    print(f"{args.clients} clients, {elapsed:.0f} s, gunicorn {args.workers} workers x 4 threads on 127.0.0.1:{PORT}")
    print(f"requests: {total} ({total / elapsed:.1f}/s), errors: {len(errors)} (target 0)")
    for kind, times in sorted(results.items()):
        times = sorted(times)
        p95 = times[int(len(times) * 0.95) - 1] if len(times) >= 20 else max(times)
        print(f"  {kind:<8} n={len(times):>5}  p50={statistics.median(times) * 1000:7.0f} ms  p95={p95 * 1000:7.0f} ms")
    for e in errors[:10]:
        print("  error:", e)
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
