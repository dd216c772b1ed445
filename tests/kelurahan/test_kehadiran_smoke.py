import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from kelurahan import pdf
from kelurahan.models import Kehadiran


@pytest.mark.django_db
def test_entry_post_and_pdf(client_for, pertemuan_factory):
    p = pertemuan_factory(judul="Lokakarya uji")
    p.refresh_from_db()
    c = client_for("fasilitator")
    url = reverse("kelurahan:kehadiran", args=[p.pk])
    data = {"baris-TOTAL_FORMS": "1", "baris-INITIAL_FORMS": "0", "baris-0-nama": "Asep Saepudin", "baris-0-jenis_kelamin": "L"}
    r = c.post(url, data, HTTP_HX_REQUEST="true")
    assert r.status_code == 200, r.content
    assert Kehadiran.objects.filter(pertemuan=p).count() == 1
    r = c.get(url)
    assert b"Asep Saepudin" in r.content
    out = pdf.daftar_hadir_pdf(p)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(out)).pages)
    assert "Asep Saepudin" in text
    out = pdf.daftar_hadir_pdf(p, blank=True)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(out)).pages)
    assert "Halaman 1 dari" in text
    out = pdf.meeting_pack(p, berita_acara_template="pdf/kelurahan/berita_acara_umum.html", context={})
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(out)).pages)
    assert "Berita Acara".upper() in text.upper() and "Asep Saepudin" in text
