"""The portal on several app servers, on loopback: two gunicorn app servers (A and B) behind
nginx (Debian's package, run by this script with its own configuration, not the system
service), one Celery worker and Celery beat, on PostgreSQL (database `plpbk_cluster`) and Redis
(db 2). The nginx locations are deploy/nginx/plpbk-locations.conf itself.

Then it checks, through nginx:
1. a login made through app server A works on B (sessions are shared, in the database);
2. a file uploaded through A is served through B (one shared MEDIA_ROOT; B answers with
   X-Accel-Redirect and nginx sends the bytes);
3. a job asked through A is done by the Celery worker and downloaded through B (the jobs
   contract: a large download answers with /tugas/<uuid>/, or with a page whose form POSTs
   the request there; the job page shows a download link when done);
4. stopping one app server loses no request nginx can retry, and no data: A stopped
   gracefully (SIGTERM) in the middle of reads and saves: no error, every save is in the
   database; then B killed (SIGKILL): no read fails (nginx retries them on A), every save
   answered as saved is in the database, none twice.

Prints each check and exits non-zero on any failure.

    .venv/bin/python bench/cluster.py [--reuse-db] [--skip-jobs] [--job-url /dasbor/cetak.pdf]

`--reuse-db` keeps the database of an earlier run (no migrate/demo); `--skip-jobs` leaves out
check 3 (when the portal has no Celery jobs yet). bench/load.py starts the same cluster.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import io
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PY = str(BIN / "python")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DATABASE_URL = os.environ.get("CLUSTER_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/plpbk_cluster")
REDIS_URL = os.environ.get("CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/2")
PORTS = {"nginx": 8780, "pin_a": 8781, "pin_b": 8782, "a": 8791, "b": 8792}
PASSWORD = "plpbk-demo"  # noqa: S105 (the demo's published password)
CINUNUK = "32.04.05.2004"
JOB_URLS = ["/dasbor/cetak.pdf", "/lokakarya/lokakarya.xlsx"]


def url(port_name: str, path: str) -> str:
    return f"http://127.0.0.1:{PORTS[port_name]}{path}"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """A browser: cookies (shared across ports, as browsers do for one host), CSRF token,
    form posts (urlencoded or multipart); redirects are not followed."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def request(self, full_url, data=None, files=None, headers=None, timeout=130):
        """(status, headers, body); 4xx/5xx are returned, not raised."""
        headers = dict(headers or {})
        body = None
        if data is not None or files:
            fields = {**(data or {}), "csrfmiddlewaretoken": self.csrf()}
            headers["X-CSRFToken"] = self.csrf()
            if files:
                boundary = uuid.uuid4().hex
                body = multipart(fields, files, boundary)
                headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
            else:
                body = urllib.parse.urlencode(fields).encode()
        req = urllib.request.Request(full_url, data=body, headers=headers)
        try:
            with self.opener.open(req, timeout=timeout) as resp:
                return resp.status, resp.headers, resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers, exc.read()

    def login(self, port_name: str, username: str) -> int:
        self.request(url(port_name, "/masuk/"))
        status, headers, _body = self.request(url(port_name, "/masuk/"), {"username": username, "password": PASSWORD})
        if status != 302:
            raise RuntimeError(f"login of {username} through {port_name}: {status}")
        return status


def multipart(fields: dict, files: dict, boundary: str) -> bytes:
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, ctype) in files.items():
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {ctype}\r\n\r\n".encode()
        )
        out.write(content + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue()


def has_jobs() -> bool:
    """Whether this checkout has the Celery jobs (plpbk/celery.py, and celery installed)."""
    return (ROOT / "plpbk" / "celery.py").exists() and (BIN / "celery").exists()


def wait_port(port: int, seconds: float = 30) -> None:
    import socket

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as s:
            s.settimeout(0.5)
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {seconds:.0f} s")


class Cluster:
    """Starts and stops the processes; `env` is the portal's environment for every process."""

    def __init__(self, reuse_db=False, workers=2, threads=4, quiet=False):
        self.tmp = Path(tempfile.mkdtemp(prefix="plpbk-cluster-"))
        self.tmp.chmod(0o755)  # nginx's workers (user nobody) read the shared media below it
        self.media = self.tmp / "media"
        self.media.mkdir()
        self.reuse_db = reuse_db
        self.workers, self.threads = workers, threads
        self.quiet = quiet
        self.procs: dict[str, subprocess.Popen] = {}
        self.env = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": url("nginx", ""),
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "SECURE_HSTS_SECONDS": "0",
            "TRUSTED_PROXY_COUNT": "1",
            "AXES_FAILURE_LIMIT": "1000",
            "DATABASE_URL": DATABASE_URL,
            "REDIS_URL": REDIS_URL,
            "MEDIA_ROOT": str(self.media),
            "STATIC_ROOT": str(ROOT / "bench" / "out" / "static"),
            "FILES_SERVE": "nginx",
            "FILES_ACCEL_PREFIX": "/_berkas/",
            # every export and PDF past one row is a job here, so the job check needs little data
            "TUGAS_AMBANG_BARIS": os.environ.get("TUGAS_AMBANG_BARIS", "0"),
            "TUGAS_AMBANG_HADIR": os.environ.get("TUGAS_AMBANG_HADIR", "0"),
            "DASBOR_TANDA_DETIK": "5",
            "LOG_LEVEL": "WARNING",
        }
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.ids: dict[str, str] = {}

    def log(self, text: str) -> None:
        if not self.quiet:
            print(text, flush=True)

    def manage(self, *args, capture=False):
        return subprocess.run(
            [PY, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            text=True,
            stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        )

    def prepare(self) -> None:
        name = DATABASE_URL.rsplit("/", 1)[1]
        pg = ["-h", "127.0.0.1", "-U", "postgres"]
        if not self.reuse_db:
            self.log(f"database {name}: fresh (migrate, regions of Kabupaten Bandung, demo)")
            subprocess.run(["dropdb", *pg, "--if-exists", "--force", name], check=True, capture_output=True)
            subprocess.run(["createdb", *pg, name], check=True, capture_output=True)
        self.manage("migrate", "-v0")
        if not self.reuse_db:
            self.manage("import_wilayah", "--prefix", "32.04", "-v0")
            self.manage("demo", "--force", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        self.manage("hitung_ringkasan", "-v0")
        out = self.manage(
            "shell",
            "-c",
            "from kelurahan.models import Pertemuan\n"
            "from sosialisasi.models import RembugWarga\n"
            f"p = Pertemuan.objects.filter(wilayah_id='{CINUNUK}', status='draf').order_by('pk').first()\n"
            f"r = RembugWarga.objects.filter(pertemuan__wilayah_id='{CINUNUK}').order_by('pk').first()\n"
            "print(p.pk, r.pertemuan_id, r.get_absolute_url())",
            capture=True,
        )
        draf, rembug_pertemuan, rembug_url = out.stdout.strip().splitlines()[-1].split()
        self.ids = {"pertemuan": draf, "rembug_pertemuan": rembug_pertemuan, "rembug_url": rembug_url}
        flush = subprocess.run(["redis-cli", "-u", REDIS_URL, "flushdb"], capture_output=True, text=True)
        if flush.returncode != 0:
            raise RuntimeError(f"Redis at {REDIS_URL}: {flush.stderr or flush.stdout}")

    def start_app(self, name: str) -> None:
        port = PORTS[name]
        self.procs[name] = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "plpbk.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
                "--timeout",
                "120",
                "--graceful-timeout",
                "20",
                "--access-logfile",
                str(self.tmp / f"{name}-access.log"),
                "--access-logformat",
                "%(r)s %(s)s",
                "--no-control-socket",
                "--error-logfile",
                str(self.tmp / f"{name}-error.log"),
            ],
            cwd=ROOT,
            env=self.env,
        )
        wait_port(port)

    def start_celery(self) -> None:
        celery = str(BIN / "celery")
        self.procs["worker"] = subprocess.Popen(
            # niced, as deploy/systemd/plpbk-celery-worker.service runs it: on shared cores the
            # pages people wait for come first, the jobs take what is left
            ["nice", "-n", "10", celery, "-A", "plpbk", "worker", "--concurrency", "2", "--loglevel", "INFO"]
            + ["--hostname", "bench@%h"],
            cwd=ROOT,
            env=self.env,
            stdout=open(self.tmp / "worker.log", "w"),  # noqa: SIM115 (closed with the process)
            stderr=subprocess.STDOUT,
        )
        self.procs["beat"] = subprocess.Popen(
            [celery, "-A", "plpbk", "beat", "--loglevel", "INFO", "--schedule", str(self.tmp / "beat-schedule")],
            cwd=ROOT,
            env=self.env,
            stdout=open(self.tmp / "beat.log", "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )

    def nginx_conf(self, down: frozenset = frozenset()) -> Path:
        locations = (ROOT / "deploy" / "nginx" / "plpbk-locations.conf").read_text()
        if "/srv/plpbk/media/" not in locations:
            raise RuntimeError("deploy/nginx/plpbk-locations.conf no longer aliases /srv/plpbk/media/")
        (self.tmp / "plpbk-locations.conf").write_text(locations.replace("/srv/plpbk/media/", f"{self.media}/"))
        for part in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.tmp / "nginx" / part).mkdir(parents=True, exist_ok=True)
        t = self.tmp
        a, b = PORTS["a"], PORTS["b"]
        servers = "".join(
            f"    server {{ listen 127.0.0.1:{PORTS[port]}; set $plpbk_upstream {up}; "
            f"include {t}/plpbk-locations.conf; }}\n"
            for port, up in (("nginx", "plpbk_app"), ("pin_a", "plpbk_a"), ("pin_b", "plpbk_b"))
        )
        conf = f"""worker_processes 2;
daemon off;
pid {t}/nginx.pid;
error_log {t}/nginx-error.log notice;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    log_format upstreams '$request $status upstream=$upstream_addr $upstream_status';
    access_log {t}/nginx-access.log upstreams;
    client_body_temp_path {t}/nginx/body;
    proxy_temp_path {t}/nginx/proxy;
    fastcgi_temp_path {t}/nginx/fastcgi;
    uwsgi_temp_path {t}/nginx/uwsgi;
    scgi_temp_path {t}/nginx/scgi;
    upstream plpbk_app {{
        server 127.0.0.1:{a} max_fails=1 fail_timeout=5s{" down" if "a" in down else ""};
        server 127.0.0.1:{b} max_fails=1 fail_timeout=5s{" down" if "b" in down else ""};
        keepalive 16;
    }}
    upstream plpbk_a {{ server 127.0.0.1:{a}; }}
    upstream plpbk_b {{ server 127.0.0.1:{b}; }}
{servers}}}
"""
        path = t / "nginx.conf"
        path.write_text(conf)
        return path

    def start_nginx(self) -> None:
        if not Path(NGINX).exists():
            raise RuntimeError("nginx is missing: apt-get install -y nginx-light (see .ci/run)")
        conf = self.nginx_conf()
        test = subprocess.run([NGINX, "-t", "-q", "-c", str(conf), "-p", str(self.tmp)], capture_output=True, text=True)
        if test.returncode != 0:
            raise RuntimeError(f"nginx configuration refused: {test.stderr}")
        self.procs["nginx"] = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(self.tmp)], cwd=self.tmp)
        for port in ("nginx", "pin_a", "pin_b"):
            wait_port(PORTS[port])

    def drain(self, name: str | None) -> None:
        """Take app server `name` out of nginx's rotation (None: put all back), as an operator
        does before a planned stop: nginx reloads, its old workers finish what they hold."""
        self.nginx_conf(frozenset({name}) if name else frozenset())
        self.procs["nginx"].send_signal(signal.SIGHUP)
        time.sleep(2)

    def __enter__(self):
        try:
            self.prepare()
            self.start_app("a")
            self.start_app("b")
            if has_jobs():
                self.start_celery()
            self.start_nginx()
        except BaseException:
            self.stop()
            raise
        self.log(
            f"cluster: nginx :{PORTS['nginx']} (pinned to A :{PORTS['pin_a']}, to B :{PORTS['pin_b']}), "
            f"gunicorn A :{PORTS['a']} and B :{PORTS['b']} ({self.workers} workers x {self.threads} threads), "
            + ("Celery worker and beat" if has_jobs() else "no Celery in this checkout")
            + f", files in {self.media}"
        )
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self) -> None:
        for name, proc in reversed(list(self.procs.items())):
            if proc.poll() is None:
                proc.send_signal(signal.SIGQUIT if name == "nginx" else signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        if os.environ.get("CLUSTER_KEEP_TMP"):
            self.log(f"logs kept in {self.tmp}")
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def access_log(self, name: str) -> str:
        path = self.tmp / f"{name}-access.log"
        return path.read_text() if path.exists() else ""

    def db(self, code: str) -> str:
        """Output of Python run in the portal's shell (the shared database)."""
        return self.manage("shell", "-c", code, capture=True).stdout.strip()


# --- the checks ---------------------------------------------------------------------------


def png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def check_login(cluster: Cluster) -> str:
    client = Client()
    client.login("pin_a", "pemda")
    status, _h, body = client.request(url("pin_b", "/"))
    html = body.decode()
    assert status == 200, f"home through B: {status}"
    assert "TKPP Kabupaten Bandung" in html, "B does not know A's login"
    time.sleep(1.5)  # gunicorn writes its access log a moment later
    assert "POST /masuk/" in cluster.access_log("a"), "the login did not go to A"
    assert "POST /masuk/" not in cluster.access_log("b"), "the login went to B"
    assert "GET / " in cluster.access_log("b"), "the home page did not come from B"
    return "logged in through A, B shows the home page of the same user"


def check_upload(cluster: Cluster) -> str:
    client = Client()
    client.login("pin_a", "fasilitator")
    pertemuan, rembug = cluster.ids["rembug_pertemuan"], cluster.ids["rembug_url"]
    berkas = re.compile(r"/berkas/[0-9a-f-]{36}/")

    def links():
        status, _h, body = client.request(url("pin_b", rembug))
        assert status == 200, f"rembug page through B: {status}"
        return set(berkas.findall(body.decode()))

    before = links()
    content = png_bytes()
    status, _h, body = client.request(
        url("pin_a", f"/pertemuan/{pertemuan}/lampiran/tambah/"),
        {"jenis": "foto", "keterangan": "Foto uji klaster"},
        files={"berkas": ("uji-klaster.png", content, "image/png")},
    )
    assert status == 302, f"upload through A: {status} {body[:300]!r}"
    new = links() - before
    assert len(new) == 1, f"B's page shows {len(new)} new file links"
    link = new.pop()
    status, headers, body = client.request(url("pin_b", link))
    assert status == 200 and body == content, f"file through B: {status}, {len(body)} bytes"
    assert headers.get("Content-Type") == "image/png"
    # B itself only checked access and named the file: nginx sent the bytes from the shared dir
    status, headers, body = client.request(url("b", link))
    assert status == 200 and body == b"" and headers.get("X-Accel-Redirect", "").startswith("/_berkas/")
    return f"uploaded through A, {link} served through B ({len(content)} bytes, X-Accel-Redirect from B)"


def ask_job(client: Client, port_name: str, path: str):
    """Ask for a download that should become a job: (job page path, how) or (None, why)."""
    status, headers, body = client.request(url(port_name, path))
    if status == 200 and re.search(rb'data-testid="tugas-minta"|name="csrfmiddlewaretoken"', body):
        status, headers, body = client.request(url(port_name, path), {})
    if status in (301, 302, 303):
        location = urllib.parse.urlsplit(headers.get("Location", "")).path
        if re.fullmatch(r"/tugas/[0-9a-f-]{36}/", location):
            return location, "asked"
        return None, f"redirected to {location}"
    kind = headers.get("Content-Type", "") if headers else ""
    return None, f"answered {status} {kind} in the web request, not as a job"


def wait_job(client: Client, port_name: str, page: str, seconds: float = 180):
    """Poll the job page (as htmx does) until it offers the download: (link, status)."""
    deadline = time.monotonic() + seconds
    status_attr = ""
    while time.monotonic() < deadline:
        status, _h, body = client.request(url(port_name, page), headers={"HX-Request": "true"})
        assert status == 200, f"job page {page}: {status}"
        html = body.decode()
        m = re.search(r'data-status="([a-z]+)"', html)
        status_attr = m.group(1) if m else "?"
        if status_attr == "gagal":
            return None, "gagal: " + re.sub(r"<[^>]+>", " ", html)[:300]
        link = re.search(r'href="([^"]+)"[^>]*data-testid="tugas-unduh"', html)
        if link:
            return link.group(1), status_attr
        time.sleep(0.5)
    return None, f"still {status_attr} after {seconds:.0f} s"


def check_job(cluster: Cluster, job_url: str) -> str:
    client = Client()
    client.login("pin_a", "admin")
    started = time.monotonic()
    page, how = ask_job(client, "pin_a", job_url)
    assert page, f"{job_url}: {how}"
    link, state = wait_job(client, "pin_b", page)
    assert link, f"{job_url}: job {page} {state}"
    status, headers, body = client.request(url("pin_b", link))
    elapsed = time.monotonic() - started
    magic = b"%PDF" if job_url.endswith(".pdf") else b"PK"
    assert status == 200 and body.startswith(magic), f"download {link} through B: {status}, {body[:40]!r}"
    worker_log = (cluster.tmp / "worker.log").read_text() if (cluster.tmp / "worker.log").exists() else ""
    # with a broker configured nothing runs a task in-process: the worker did it
    assert re.search(r"Task \S+\[[0-9a-f-]+\] succeeded", worker_log), "the Celery worker's log shows no finished task"
    return f"{job_url}: asked through A, {page} done by the worker, {len(body):,} bytes through B in {elapsed:.1f} s"


def traffic(seconds, clients, pertemuan, results, stop_at=None, on_stop=None, reads_only=False):
    """Reads and attendance saves through nginx from `clients` threads for `seconds`, counted
    from when every client has logged in (logins are slow on purpose: password hashing)."""
    pages = ["/", f"/wilayah/{CINUNUK}/", f"/pertemuan/{pertemuan}/hadir/", "/lokakarya/"]
    ready, go = threading.Barrier(clients + 1), threading.Event()
    clock = {}

    def run(n):
        client = Client()
        client.login("nginx", "fasilitator" if n % 2 == 0 else "korkot")
        mine = pages if n % 2 == 0 else [*pages, "/wilayah/32.04/", "/dasbor/32.04/"]
        ready.wait()
        go.wait()
        deadline = clock["deadline"]
        i = 0
        while time.monotonic() < deadline:
            i += 1
            save = not reads_only and n % 2 == 0 and i % 3 == 0
            if save:
                name = f"Klaster {uuid.uuid4().hex[:10]}"
                data = {
                    "baris-TOTAL_FORMS": "1",
                    "baris-INITIAL_FORMS": "0",
                    "baris-MIN_NUM_FORMS": "1",
                    "baris-MAX_NUM_FORMS": "500",
                    "baris-0-nama": name,
                    "baris-0-jenis_kelamin": "LP"[i % 2],
                    "baris-0-rt": "01",
                    "baris-0-rw": "02",
                }
                try:
                    status, _h, body = client.request(url("nginx", f"/pertemuan/{pertemuan}/hadir/"), data)
                    ok = status in (200, 302) and b"alert-danger" not in body
                except Exception as exc:  # noqa: BLE001
                    status, ok = repr(exc), False
                results.append(("save", name, status, ok))
            else:
                path = mine[i % len(mine)]
                try:
                    status, _h, _body = client.request(url("nginx", path))
                    ok = status == 200
                except Exception as exc:  # noqa: BLE001
                    status, ok = repr(exc), False
                results.append(("read", path, status, ok))

    threads = [threading.Thread(target=run, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    ready.wait()
    clock["deadline"] = time.monotonic() + seconds
    go.set()
    if stop_at is not None:
        time.sleep(stop_at)
        on_stop()
    for t in threads:
        t.join()


def saved_names(cluster: Cluster) -> list[str]:
    out = cluster.db(
        "from kelurahan.models import Kehadiran\n"
        "print('\\n'.join(Kehadiran.objects.filter(nama__startswith='Klaster ').values_list('nama', flat=True)))"
    )
    return [line for line in out.splitlines() if line.startswith("Klaster ")]


def check_failover(cluster: Cluster) -> list[str]:
    pertemuan = cluster.ids["pertemuan"]
    lines = []
    # 1. a planned stop of A during reads and saves: out of nginx's rotation, then SIGTERM (what
    #    systemd sends; requests in flight finish)
    results = []

    def planned_stop():
        cluster.drain("a")
        cluster.procs["a"].send_signal(signal.SIGTERM)

    traffic(14, 4, pertemuan, results, stop_at=4, on_stop=planned_stop)
    cluster.procs["a"].wait(timeout=40)
    failed = [r for r in results if not r[3]]
    saves = [r for r in results if r[0] == "save"]
    in_db = set(saved_names(cluster))
    missing = [r[1] for r in saves if r[3] and r[1] not in in_db]
    assert not failed, f"A stopped: {len(failed)} of {len(results)} requests failed, e.g. {failed[:3]}"
    assert not missing, f"A stopped: {len(missing)} saves answered as saved are not in the database"
    lines.append(
        f"A stopped (planned: out of nginx's rotation, then SIGTERM) under load: {len(results)} requests, "
        f"0 failed, {len(saves)} saves all in the database"
    )
    # 2. A back, then B killed outright (SIGKILL, a crash): nginx retries every read on A
    cluster.start_app("a")
    cluster.drain(None)
    results = []
    traffic(12, 4, pertemuan, results, stop_at=4, on_stop=lambda: cluster.procs["b"].send_signal(signal.SIGKILL))
    reads = [r for r in results if r[0] == "read"]
    failed_reads = [r for r in reads if not r[3]]
    saves = [r for r in results if r[0] == "save"]
    names = saved_names(cluster)
    in_db = set(names)
    missing = [r[1] for r in saves if r[3] and r[1] not in in_db]
    cut_off = [r for r in saves if not r[3]]
    assert not failed_reads, f"B killed: {len(failed_reads)} of {len(reads)} reads failed, e.g. {failed_reads[:3]}"
    assert not missing, f"B killed: {len(missing)} saves answered as saved are not in the database"
    assert len(names) == len(in_db), "a save was written twice"
    lines.append(
        f"B killed (SIGKILL) under load: {len(reads)} reads, 0 failed; {len(saves)} saves, every one answered "
        f"as saved is in the database, none twice"
        + (f" ({len(cut_off)} cut off inside B got an error: not retried, a POST is not idempotent)" if cut_off else "")
    )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reuse-db", action="store_true")
    parser.add_argument("--skip-jobs", action="store_true", help="leave out the job check")
    parser.add_argument("--job-url", action="append", help=f"a download that must become a job (default {JOB_URLS})")
    args = parser.parse_args()
    job_urls = args.job_url or JOB_URLS
    results: list[tuple[str, bool, str]] = []

    def run(name, fn, *a):
        try:
            out = fn(*a)
            for line in out if isinstance(out, list) else [out]:
                results.append((name, True, line))
                print(f"PASS  {name}: {line}", flush=True)
        except Exception as exc:  # noqa: BLE001
            text = str(exc) or repr(exc)
            results.append((name, False, text))
            print(f"FAIL  {name}: {text}", flush=True)

    with Cluster(reuse_db=args.reuse_db) as cluster:
        run("login A -> B", check_login, cluster)
        run("upload A -> B", check_upload, cluster)
        if args.skip_jobs:
            print("SKIP  job A -> worker -> B (--skip-jobs)")
        elif not has_jobs():
            results.append(("job", False, "this checkout has no Celery jobs (plpbk/celery.py)"))
            print(
                "FAIL  job A -> worker -> B: this checkout has no Celery jobs (plpbk/celery.py); --skip-jobs to leave out"
            )
        else:
            for job_url in job_urls:
                run("job A -> worker -> B", check_job, cluster, job_url)
        run("one app server stopped", check_failover, cluster)
    failed = [r for r in results if not r[1]]
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
