"""A background job's page in the browser: htmx asks for its status until it is done, then the
download appears, without reloading the page (and within the CSP: no inline script)."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from kelurahan import tugas as layanan
from kelurahan.models import StatusTugas, Tugas
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e]


def test_the_job_page_polls_until_the_file_is_ready(demo, new_page, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    user = get_user_model().objects.get(username="fasilitator")
    tugas = Tugas.objects.create(
        jenis="uji", judul="Daftar hadir besar", pemohon=user, kode_wilayah="32.04.05.2004", kunci="e2e",
        status=StatusTugas.BERJALAN, progres=35,
    )  # fmt: skip
    page = login(new_page(), "fasilitator")
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"/tugas/{tugas.pk}/")
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "35")
    Tugas.objects.filter(pk=tugas.pk).update(progres=80)
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "80")
    berkas = layanan.simpan_hasil(layanan.HasilBerkas(b"%PDF-1.4 uji", "daftar-hadir.pdf", "application/pdf"), user)
    Tugas.objects.filter(pk=tugas.pk).update(status=StatusTugas.SELESAI, progres=100, hasil=berkas)
    link = page.get_by_test_id("tugas-unduh")
    expect(link).to_have_text("Unduh daftar-hadir.pdf")
    assert page.url.endswith(f"/tugas/{tugas.pk}/")  # the same page, updated in place
    assert not [e for e in errors if "Content Security Policy" in e]
