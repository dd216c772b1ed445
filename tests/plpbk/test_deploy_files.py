"""The files in deploy/ agree with the portal's settings (bench/cluster.py runs them for real;
this catches drift in `make test` without nginx)."""

import re
from pathlib import Path

from django.conf import settings

DEPLOY = Path(settings.BASE_DIR) / "deploy"


def test_nginx_sends_files_only_from_an_internal_location_at_the_accel_prefix():
    locations = (DEPLOY / "nginx" / "plpbk-locations.conf").read_text()
    block = re.search(r"location /_berkas/ \{(.*?)\}", locations, re.S)
    assert block, "no location for FILES_ACCEL_PREFIX"
    assert settings.FILES_ACCEL_PREFIX == "/_berkas/"
    assert re.search(r"^\s*internal;", block.group(1), re.M)
    assert "alias /srv/plpbk/media/;" in block.group(1)
    assert not re.search(r"^\s*location /media/", locations, re.M)
    # what an app server could not take goes to the next one
    assert re.search(r"proxy_next_upstream error timeout", locations)
    assert "proxy_pass http://$plpbk_upstream;" in locations


def test_the_site_spreads_over_two_app_servers_and_includes_the_locations():
    site = (DEPLOY / "nginx" / "plpbk.conf").read_text()
    upstream = re.search(r"upstream plpbk_app \{(.*?)\}", site, re.S).group(1)
    assert len(re.findall(r"^\s*server \S+:\d+", upstream, re.M)) == 2
    assert "set $plpbk_upstream plpbk_app;" in site
    assert "include /etc/nginx/snippets/plpbk-locations.conf;" in site


def test_systemd_units_start_the_portal_the_worker_and_one_beat():
    units = {p.name: p.read_text() for p in (DEPLOY / "systemd").glob("*.service")}
    assert set(units) == {"plpbk-gunicorn.service", "plpbk-celery-worker.service", "plpbk-celery-beat.service"}
    assert "gunicorn plpbk.wsgi" in units["plpbk-gunicorn.service"]
    assert settings.WSGI_APPLICATION == "plpbk.wsgi.application"
    assert "celery -A plpbk worker" in units["plpbk-celery-worker.service"]
    assert "celery -A plpbk beat" in units["plpbk-celery-beat.service"]
    for text in units.values():
        assert "EnvironmentFile=/etc/plpbk/plpbk.env" in text
    # every variable a unit reads is in the environment example
    env = (DEPLOY / "plpbk.env.example").read_text()
    for text in units.values():
        for name in re.findall(r"\$\{(\w+)\}", text):
            assert re.search(rf"^{name}=", env, re.M), name


def test_environment_example_serves_files_through_nginx_from_one_shared_media_root():
    lines = (DEPLOY / "plpbk.env.example").read_text().splitlines()
    env = dict(line.split("=", 1) for line in lines if re.match(r"^\w+=", line))
    assert env["FILES_SERVE"] == "nginx" and env["FILES_ACCEL_PREFIX"] == settings.FILES_ACCEL_PREFIX
    assert env["MEDIA_ROOT"] == "/srv/plpbk/media"
    assert env["DEBUG"] == "0" and env["SECURE_COOKIES"] == "1"
