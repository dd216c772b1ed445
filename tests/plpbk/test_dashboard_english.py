"""The dashboard in English: the totals row, the charts and the timeline speak English, on the
page, in the PDF and in the xlsx."""

import io

import openpyxl
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from plpbk.dasbor import dashboard as d
from plpbk.dasbor import ringkasan
from tests.plpbk import dashboard_data

pytestmark = pytest.mark.django_db


def test_english_dashboard_names_the_total_row_total(client_for, users):
    dashboard_data.build(users)
    ringkasan.proses_tanda()
    client = client_for("pemda")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("dashboard_region", args=["32.04"])).content.decode()
    assert "Total Kabupaten Bandung" in html
    assert "Meeting participants by sex" in html
    assert "Jumlah" not in html
    assert "menurut jenis kelamin" not in html

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    html = client.get(reverse("dashboard_region", args=["32.04"])).content.decode()
    assert "Jumlah Kabupaten Bandung" in html


def _english(client_for):
    client = client_for("pemda")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def test_english_dashboard_pdf_says_total_not_jumlah(client_for, users):
    dashboard_data.build(users)
    ringkasan.proses_tanda()
    client = _english(client_for)
    page = client.get(reverse("dashboard_region", args=["32.04"]) + "?tahun=2012")
    # the English page's PDF link asks for the PDF in English, the filters kept
    pdf_url = page.context["pdf_url"]
    assert "bahasa=en" in pdf_url and "tahun=2012" in pdf_url
    text = _pdf_text(client.get(pdf_url))
    assert "Total Kabupaten Bandung" in text and "District Cileunyi" in text
    assert "Female" in text and "Meetings and participants" in text
    for word in ("Jumlah", "Peserta", "Wilayah", "Dibayar", "Perlu perhatian", "Halaman", "Kecamatan"):
        assert word not in text, word


def test_dashboard_pdf_without_asking_prints_in_indonesian_throughout(client_for, users):
    """A document language of its own: the cells, region labels and reasons follow the
    template's language, not the interface's."""
    dashboard_data.build(users)
    ringkasan.proses_tanda()
    text = _pdf_text(_english(client_for).get(reverse("dashboard_region_pdf", args=["32.04"])))
    assert "Jumlah Kabupaten Bandung" in text and "Kecamatan Cileunyi" in text
    assert "melewati ambang" in text and "past the threshold" not in text
    assert "District" not in text and "Total Kabupaten" not in text


@pytest.mark.parametrize("tabel", ["semua", "peserta", "tipp", "blm", "ksm", "jangkauan"])
def test_english_dashboard_xlsx_headers_and_total_row(client_for, users, tabel):
    dashboard_data.build(users)
    ringkasan.proses_tanda()
    response = _english(client_for).get(reverse("dashboard_region_xlsx", args=["32.04", tabel]))
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    with translation.override("en"):
        assert rows[0] == ("Regions", *(str(label) for _a, label, _k in d.kolom(None if tabel == "semua" else tabel)))
    # the total, then (after an empty row) when the figures were counted
    assert rows[-3][0] == "Total Kabupaten Bandung" and rows[-1][0].startswith("Figures as of ")
    cells = [str(c) for r in rows for c in r if c is not None]
    assert not [c for c in cells if "Jumlah" in c]
