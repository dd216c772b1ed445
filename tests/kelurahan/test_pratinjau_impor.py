"""An import preview lives on the server (PratinjauImpor); the session keeps only its id, so
a preview of hundreds of rows does not travel with every request of the user."""

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from kelurahan.models import PratinjauImpor
from tests.kelurahan.test_kehadiran_documents import _filled_template

pytestmark = pytest.mark.django_db


def _session_bytes(client) -> int:
    return len(Session.objects.get(session_key=client.session.session_key).session_data)


def test_preview_is_kept_server_side_and_the_session_stays_small(client_for, pertemuan_factory):
    p = pertemuan_factory()
    c = client_for("fasilitator")
    rows = [(f"Peserta Impor {i:03d}", "LP"[i % 2], "Warga", "Jl. Cinunuk", 1, 2, "Tidak", "Tidak") for i in range(300)]
    upload, _header = _filled_template(c, p, rows)
    url = reverse("kelurahan:kehadiran_import", args=[p.pk])
    r = c.post(url, {"berkas": upload})
    assert r.context["hasil"].ok
    preview = PratinjauImpor.objects.get()
    assert preview.pengguna.username == "fasilitator" and len(preview.data["rows"]) == 300
    assert c.session[f"impor-kehadiran-{p.pk}"] == str(preview.pk) == r.context["token"]
    assert _session_bytes(c) < 1024  # the 300 rows are not in it
    # another user cannot confirm it, even with the id
    other = client_for("korkot")
    other.post(url, {"token": str(preview.pk)})
    assert not p.kehadiran.exists() and PratinjauImpor.objects.exists()
    # the owner confirms: rows saved, preview gone, a second confirm finds nothing
    assert c.post(url, {"token": str(preview.pk)}).status_code == 302
    assert p.kehadiran.count() == 300 and not PratinjauImpor.objects.exists()
    assert c.post(url, {"token": str(preview.pk)}).status_code == 302
    assert p.kehadiran.count() == 300


def test_a_new_upload_replaces_the_users_earlier_preview(client_for, pertemuan_factory):
    p = pertemuan_factory()
    c = client_for("fasilitator")
    url = reverse("kelurahan:kehadiran_import", args=[p.pk])
    first = c.post(url, {"berkas": _filled_template(c, p, [("Euis Kurniasih", "P")])[0]}).context["token"]
    second = c.post(url, {"berkas": _filled_template(c, p, [("Asep Saepudin", "L")])[0]}).context["token"]
    assert first != second
    assert [str(pk) for pk in PratinjauImpor.objects.values_list("pk", flat=True)] == [second]
    c.post(url, {"token": first})  # the stale preview saves nothing
    assert not p.kehadiran.exists()
    c.post(url, {"token": second})
    assert list(p.kehadiran.values_list("nama", flat=True)) == ["Asep Saepudin"]
