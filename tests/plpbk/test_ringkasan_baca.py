"""Reading a dashboard never writes or locks: the page, its PDF and its xlsx read the summary
rows as last counted and say as of when, and how many changes in their scope wait. Marks are
counted after a write request (plpbk.dasbor.middleware) and by `hitung_ringkasan`."""

import datetime
import io
import re

import openpyxl
import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from kelurahan.models import Pertemuan
from plpbk.dasbor import ringkasan
from plpbk.dasbor.models import HariRingkasan, PerubahanRingkasan, Ringkasan
from tests.plpbk import dashboard_data

pytestmark = pytest.mark.django_db

#: 10.15 WIB on 30 November 2026
COUNTED = datetime.datetime(2026, 11, 30, 3, 15, tzinfo=datetime.UTC)
AS_OF = "Angka per 30 November 2026 10.15 WIB"

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
LOCK = re.compile(r"\bFOR\s+(NO\s+KEY\s+)?(UPDATE|SHARE)\b", re.IGNORECASE)


@pytest.fixture
def data(users):
    dashboard_data.build(users)
    with time_machine.travel(COUNTED, tick=False):
        ringkasan.proses_tanda()
    return users


def pending_everywhere():
    """Two meetings in Kabupaten Bandung, one in Jawa Tengah, not counted yet; and the figures
    counted yesterday, so the new day's roll-over is due as well."""
    for kode in ("32.04.05.2004", "32.04.12.1001", "33.01.01.2001"):
        Pertemuan.objects.create(wilayah_id=kode, judul="Rapat", jenis="lain", tanggal="2012-06-01")
    HariRingkasan.objects.update(tanggal=timezone.localdate() - datetime.timedelta(days=1))


def as_text(response) -> str:
    if response["Content-Type"] == "application/pdf":
        return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    if response["Content-Type"].startswith("text/html"):
        return response.content.decode()
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return " ".join(str(c) for row in book.active.iter_rows(values_only=True) for c in row if c is not None)


@pytest.mark.parametrize(
    "who,url",
    [
        ("pemda", "/dasbor/32.04/"),
        ("pemda", "/dasbor/32.04/cetak.pdf"),
        ("pemda", "/dasbor/32.04/unduh/semua.xlsx"),
        ("bkm", "/dasbor/32.04.05.2004/"),
        ("admin", "/dasbor/"),
    ],
)
def test_a_dashboard_get_neither_writes_nor_locks(client_for, data, who, url):
    pending_everywhere()
    marks = sorted(PerubahanRingkasan.objects.values_list("pk", flat=True))
    rows = list(Ringkasan.objects.order_by("pk").values())
    hari = HariRingkasan.objects.values().get()
    c = client_for(who)
    with CaptureQueriesContext(connection) as queries:
        response = c.get(url)
    assert response.status_code == 200
    sql = [q["sql"] for q in queries.captured_queries]
    assert sql, "no query captured"
    assert [s for s in sql if WRITE.match(s)] == []
    assert [s for s in sql if LOCK.search(s)] == []
    # and nothing changed behind a statement this pattern would miss
    assert sorted(PerubahanRingkasan.objects.values_list("pk", flat=True)) == marks
    assert list(Ringkasan.objects.order_by("pk").values()) == rows
    assert HariRingkasan.objects.values().get() == hari


@pytest.mark.parametrize("url", ["/dasbor/32.04/", "/dasbor/32.04/cetak.pdf", "/dasbor/32.04/unduh/semua.xlsx"])
def test_page_pdf_and_xlsx_say_as_of_when_and_what_waits_in_their_scope(client_for, data, url):
    c = client_for("pemda")
    text = as_text(c.get(url))
    assert f"{AS_OF}." in text and "belum dihitung" not in text
    pending_everywhere()
    text = as_text(c.get(url))
    # the kabupaten's two meetings, not the one in Jawa Tengah; and yesterday's work plans
    kemarin = timezone.localdate() - datetime.timedelta(days=1)
    assert f"{AS_OF}; 2 perubahan belum dihitung; kemajuan rencana kerja per {kemarin.day} " in text


def test_the_national_page_counts_every_waiting_mark(client_for, data):
    pending_everywhere()
    html = client_for("admin").get("/dasbor/").content.decode()
    assert f"{AS_OF}; 3 perubahan belum dihitung" in html


def test_a_write_request_counts_the_marks_once_it_has_committed(client_for, data):
    """sosialisasi's inclusion targets (a national admin's form): after the POST, the rembug
    warga below target in Pasawahan passes the lowered target, with no recount by hand."""
    c = client_for("admin")
    kab = c.get("/dasbor/32.04/").context["total"]
    assert kab.rembug_di_bawah_target == 1
    response = c.post(reverse("sosialisasi:target"), {"persen_perempuan": "10", "jumlah_disabilitas": "0"})
    assert response.status_code == 302
    assert not PerubahanRingkasan.objects.exists()
    page = c.get("/dasbor/32.04/")
    assert page.context["total"].rembug_di_bawah_target == 0
    assert "belum dihitung" not in page.content.decode()


def test_a_write_request_counts_at_most_a_few_regions(client_for, data, monkeypatch):
    monkeypatch.setattr(ringkasan, "SETELAH_TULIS", 1)
    pending_everywhere()
    c = client_for("admin")
    c.post(reverse("sosialisasi:target"), {"persen_perempuan": "30", "jumlah_disabilitas": "1"})
    # the new day (rolled over before the write, one waiting region counted first) marked
    # Cinunuk's plan again; one more region counted after the write, the others wait
    assert HariRingkasan.objects.get().tanggal == timezone.localdate()
    assert PerubahanRingkasan.objects.values("kode").distinct().count() == 2


def test_with_a_job_queue_a_write_request_leaves_the_marks_to_the_schedule(client_for, data, monkeypatch):
    """With a broker configured, Celery beat counts the marks (plpbk/dasbor/tasks.py): the
    user's request returns without recounting."""
    from plpbk.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", False)
    c = client_for("admin")
    response = c.post(reverse("sosialisasi:target"), {"persen_perempuan": "10", "jumlah_disabilitas": "0"})
    assert response.status_code == 302
    assert PerubahanRingkasan.objects.exists()
    assert c.get("/dasbor/32.04/").context["total"].rembug_di_bawah_target == 1
    call_command("hitung_ringkasan", "--tanda", verbosity=0)
    assert not PerubahanRingkasan.objects.exists()
    assert c.get("/dasbor/32.04/").context["total"].rembug_di_bawah_target == 0


def test_the_command_rolls_the_day_over_and_counts_the_marks(data):
    pending_everywhere()
    out = io.StringIO()
    call_command("hitung_ringkasan", "--hari-baru", "--tanda", stdout=out)
    # the roll-over counts the three waiting regions first (so yesterday's archive holds them),
    # then --tanda counts the plan the new day marked
    assert "Hari baru: 1 wilayah dengan rencana kerja ditandai." in out.getvalue()
    assert "Ringkasan dasbor: 1 wilayah dihitung, 0 tanda tersisa" in out.getvalue()
    assert not PerubahanRingkasan.objects.exists()
    assert HariRingkasan.objects.get().tanggal == timezone.localdate()
    assert Ringkasan.objects.get(wilayah_id="33.01.01.2001").pertemuan == 2
    quiet = io.StringIO()
    call_command("hitung_ringkasan", "--hari-baru", "--tanda", "--verbosity", "0", stdout=quiet)
    assert quiet.getvalue() == ""
