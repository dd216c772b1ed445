"""The work plan: baseline frozen on approval, the BLM deadline, progress, the S-curve,
the Gantt chart in the PDF, the xlsx, and what the pages cost."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from tests.tipp.helpers import tipp_terbentuk
from tipp import services
from tipp.jadwal import buat_gantt, kurva_s
from tipp.models import Kegiatan, ProgresKegiatan

pytestmark = pytest.mark.django_db
D = datetime.date


def test_approval_freezes_a_baseline(rencana, kegiatan_factory):
    a = kegiatan_factory(nama="Pemetaan", mulai=D(2012, 7, 2), durasi=14)
    assert a.baseline_mulai is None
    stale = Kegiatan.objects.get(pk=a.pk)  # read before approval, saved after it
    services.setujui_rencana(rencana, pada=D(2012, 6, 30))
    a.refresh_from_db()
    assert (a.baseline_mulai, a.baseline_durasi, a.baseline_selesai) == (D(2012, 7, 2), 14, D(2012, 7, 15))
    # a revision after approval moves the plan, never the baseline
    a.mulai, a.durasi = D(2012, 7, 9), 21
    services.simpan_kegiatan(a)
    a.refresh_from_db()
    assert (a.mulai, a.durasi) == (D(2012, 7, 9), 21)
    assert (a.baseline_mulai, a.baseline_durasi) == (D(2012, 7, 2), 14)
    stale.nama = "Pemetaan ulang"
    services.simpan_kegiatan(stale)
    a.refresh_from_db()
    assert a.nama == "Pemetaan ulang" and a.baseline_mulai == D(2012, 7, 2)
    with pytest.raises(ValidationError, match="sudah disetujui"):
        services.setujui_rencana(rencana, pada=D(2012, 7, 1))
    with pytest.raises(ValidationError, match="tidak dapat dihapus"):
        services.hapus_kegiatan(a)


def test_baseline_fields_are_not_in_the_form(client_for, rencana, kegiatan_factory):
    a = kegiatan_factory()
    services.setujui_rencana(rencana, pada=D(2012, 6, 30))
    c = client_for("fasilitator")
    data = {
        "tahap": "pemetaan",
        "nama": "Pemetaan",
        "mulai": "2012-08-01",
        "durasi": 10,
        "volume": "2",
        "satuan": "peta",
        "penanggung_jawab": "Pokja",
        "baseline_mulai": "2013-01-01",
        "baseline_durasi": 99,
        "versi": type(a).objects.get(pk=a.pk).versi,
    }
    assert c.post(f"/tipp/kegiatan/{a.pk}/", data).status_code == 302
    a.refresh_from_db()
    assert a.mulai == D(2012, 8, 1) and a.baseline_mulai == D(2012, 7, 2) and a.baseline_durasi == 14


def test_empty_plan_cannot_be_approved(rencana):
    with pytest.raises(ValidationError, match="belum berisi kegiatan"):
        services.setujui_rencana(rencana, pada=D(2012, 6, 30))


def test_no_activity_may_end_after_the_blm_deadline(rencana, kegiatan_factory, batas_waktu, client_for):
    kegiatan_factory(nama="Awal", mulai=D(2012, 7, 2), durasi=14)
    late = kegiatan_factory(nama="Akhir", mulai=D(2012, 12, 1), durasi=31)  # ends 31 Dec
    batas_waktu.set(D(2012, 12, 15))
    with pytest.raises(ValidationError, match=r"19-12-2012, sesudah batas waktu pemanfaatan BLM \(15-12-2012\)"):
        services.simpan_kegiatan(
            Kegiatan(
                rencana=rencana,
                tahap="lain",
                nama="Baru",
                mulai=D(2012, 12, 10),
                durasi=10,
                satuan="kali",
                penanggung_jawab="BKM",
            )
        )
    with pytest.raises(ValidationError, match="Akhir"):
        services.setujui_rencana(rencana, pada=D(2012, 6, 30))
    rencana.refresh_from_db()
    assert not rencana.is_approved
    # the form shows the rule and keeps what was typed
    c = client_for("fasilitator")
    r = c.post(
        "/tipp/wilayah/32.04.05.2004/rencana/tambah/",
        {
            "tahap": "pemasaran",
            "nama": "Pameran CSR",
            "mulai": "2012-12-10",
            "durasi": 20,
            "volume": "1",
            "satuan": "kali",
            "penanggung_jawab": "BKM",
        },
    )
    html = r.content.decode()
    assert r.status_code == 200 and "sesudah batas waktu pemanfaatan BLM" in html and "Pameran CSR" in html
    assert "Batas waktu pemanfaatan BLM: 15 Desember 2012" in html
    page = c.get("/tipp/wilayah/32.04.05.2004/rencana/").content.decode()
    assert "berakhir sesudah batas waktu" in page and late.nama in page
    batas_waktu.set(D(2012, 12, 31))
    services.setujui_rencana(rencana, pada=D(2012, 6, 30))


def test_progress_after_approval_only(rencana, kegiatan_factory):
    a = kegiatan_factory(mulai=D(2012, 7, 2), durasi=10)
    with pytest.raises(ValidationError, match="sesudah rencana kerja disetujui"):
        services.laporkan_progres(a, tanggal=D(2012, 7, 5), persen=10)
    services.setujui_rencana(rencana, pada=D(2012, 6, 30))
    services.laporkan_progres(a, tanggal=D(2012, 7, 5), persen=40)
    a.refresh_from_db()
    assert a.progres == 40 and a.mulai_aktual == D(2012, 7, 5)
    services.laporkan_progres(a, tanggal=D(2012, 7, 3), persen=10)  # a late report of an earlier date
    a.refresh_from_db()
    assert a.progres == 40
    services.laporkan_progres(a, tanggal=D(2012, 7, 14), persen=100)
    a.refresh_from_db()
    assert a.progres == 100 and a.selesai_aktual == D(2012, 7, 14)
    with pytest.raises(ValidationError, match="sesudah tanggal laporan"):
        services.laporkan_progres(a, tanggal=D(2012, 7, 15), persen=100, selesai_aktual=D(2012, 7, 20))


def test_s_curve_weights_by_duration_and_finds_slips(rencana, kegiatan_factory):
    a = kegiatan_factory(nama="A", mulai=D(2012, 7, 1), durasi=10)  # 1-10 Jul
    b = kegiatan_factory(nama="B", mulai=D(2012, 7, 11), durasi=30)  # 11 Jul - 9 Aug
    services.setujui_rencana(rencana, pada=D(2012, 6, 30))
    services.laporkan_progres(a, tanggal=D(2012, 7, 12), persen=100)
    services.laporkan_progres(b, tanggal=D(2012, 7, 25), persen=20)
    kegiatan = list(rencana.kegiatan.all())
    kurva = kurva_s(kegiatan, list(ProgresKegiatan.objects.all()))
    assert kurva.status == D(2012, 7, 25)
    # planned by 25 Jul: A 100% (10 days) + B 15/30 = 50% (30 days) -> (10 + 15) / 40
    assert kurva.rencana_status == pytest.approx(100 * 25 / 40)
    assert kurva.aktual_status == pytest.approx((10 * 100 + 30 * 20) / 40)
    slips = {t.kegiatan.nama: t for t in kurva.terlambat}
    assert set(slips) == {"A", "B"}
    assert slips["A"].selesai_terlambat and slips["A"].hari == 2
    assert slips["B"].hari == round(0.3 * 30)
    assert kurva.titik[0].rencana == 0 and kurva.titik[-1].rencana == pytest.approx(100)
    svg = str(kurva.svg())
    assert svg.startswith("<svg") and svg.count("<polyline") == 2


def test_gantt_columns_cover_plan_and_actual(rencana, kegiatan_factory):
    a = kegiatan_factory(nama="A", mulai=D(2012, 7, 2), durasi=14)
    gantt = buat_gantt([a], batas=D(2012, 7, 31))
    assert gantt.mingguan and gantt.kolom[0].mulai == D(2012, 7, 2)
    assert gantt.kolom[-1].selesai >= D(2012, 7, 31)
    cells = gantt.kelompok[0].baris[0].sel
    assert cells[0] == "r" and cells[1] == "r" and "r" not in cells[2]
    assert "batas" in cells[-1]
    long = kegiatan_factory(nama="Panjang", mulai=D(2012, 7, 2), durasi=400)
    assert not buat_gantt([a, long]).mingguan  # month columns past 40 weeks


def _demo_plan(rencana, kegiatan_factory):
    names = []
    for i in range(6):
        k = kegiatan_factory(nama=f"Kegiatan nomor {i}", mulai=D(2012, 7, 2) + datetime.timedelta(days=10 * i))
        names.append(k.nama)
    services.setujui_rencana(rencana, pada=D(2012, 6, 30))
    services.laporkan_progres(rencana.kegiatan.first(), tanggal=D(2012, 7, 20), persen=50)
    return names


def test_plan_pdf_has_the_gantt_and_the_s_curve(rencana, kegiatan_factory, client_for):
    names = _demo_plan(rencana, kegiatan_factory)
    r = client_for("bkm").get("/tipp/wilayah/32.04.05.2004/rencana/cetak/")
    assert r["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(r.content))
    box = reader.pages[0].mediabox
    assert box.width > box.height  # landscape
    text = "\n".join(page.extract_text() for page in reader.pages)
    for name in names:
        assert name in text
    assert "JADWAL PELAKSANAAN TIPP" in text.upper()
    assert "Jul 2012" in text and "Agu 2012" in text  # Gantt month headers
    assert "Pemetaan swadaya" in text  # stage group
    assert "Rencana (baseline)" in text and "Kegiatan yang terlambat" in text
    assert "disetujui 30 Juni 2012" in text


def test_plan_xlsx(rencana, kegiatan_factory, client_for):
    _demo_plan(rencana, kegiatan_factory)
    r = client_for("pemda").get("/tipp/wilayah/32.04.05.2004/rencana/unduh/")
    ws = openpyxl.load_workbook(io.BytesIO(r.content), read_only=True).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("No", "Tahap", "Kegiatan")
    assert len(rows) == 7
    assert rows[1][2] == "Kegiatan nomor 0" and rows[1][13] == 50
    assert rows[1][9].date() == D(2012, 7, 2)  # baseline start


def _counted(django_assert_max_num_queries, client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_plan_page_queries_do_not_grow_with_activities(
    rencana, kegiatan_factory, client_for, django_assert_max_num_queries, django_assert_num_queries
):
    c = client_for("fasilitator")
    url = "/tipp/wilayah/32.04.05.2004/rencana/"
    kegiatan_factory(nama="Satu")
    services.setujui_rencana(rencana, pada=D(2012, 6, 30))
    services.laporkan_progres(rencana.kegiatan.first(), tanggal=D(2012, 7, 5), persen=10)
    few = _counted(django_assert_max_num_queries, c, url)
    for i in range(12):
        k = kegiatan_factory(nama=f"Tambahan {i}", mulai=D(2012, 7, 2) + datetime.timedelta(days=i))
        services.laporkan_progres(k, tanggal=D(2012, 7, 20), persen=5 * i)
    many = _counted(django_assert_max_num_queries, c, url)
    assert few == many
    with django_assert_num_queries(many):
        c.get(url)
    assert many <= 12


def test_baseline_copy_is_in_the_history(rencana, kegiatan_factory, users):
    a = kegiatan_factory()
    services.setujui_rencana(rencana, pada=D(2012, 6, 30), user=users["korkot"])
    latest = a.history.order_by("-history_date", "-history_id").first()
    assert latest.baseline_mulai == D(2012, 7, 2) and latest.history_user == users["korkot"]
    assert rencana.history.first().disetujui == D(2012, 6, 30)


def test_a_plan_is_approved_only_once_the_tipp_is_formed(pasawahan, kegiatan_factory, client_for):
    rencana = services.rencana_untuk(pasawahan)
    kegiatan_factory(rencana=rencana)
    with pytest.raises(ValidationError, match="setelah TIPP terbentuk"):
        services.setujui_rencana(rencana, pada=D(2012, 6, 30))
    plan_page = client_for("korkot").get(reverse("tipp:rencana", args=[pasawahan.kode])).content.decode()
    assert 'data-testid="menunggu-tipp"' in plan_page and "Setujui rencana kerja" not in plan_page
    url = reverse("tipp:rencana_setujui", args=[pasawahan.kode])
    data = {"tanggal": "2012-06-30", "versi": type(rencana).objects.get(pk=rencana.pk).versi}
    page = client_for("korkot").post(url, data, follow=True).content.decode()
    assert "setelah TIPP terbentuk" in page
    rencana.refresh_from_db()
    assert rencana.disetujui is None
    tipp_terbentuk(pasawahan)
    data["versi"] = type(rencana).objects.get(pk=rencana.pk).versi
    assert client_for("korkot").post(url, data).status_code == 302
    rencana.refresh_from_db()
    assert rencana.disetujui == D(2012, 6, 30)
