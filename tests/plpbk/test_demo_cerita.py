"""The demo tells one story, in 2012–2013: nothing of Desa Cinunuk's cycle is dated the day the
demo was loaded, the LPJ lines pay for the work plan's activities, and the work plan is read
"as of" a date the user chooses (default: the last report of the finished 2012 plan)."""

import datetime
import io

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from blm.models import AlokasiBLM, BelanjaLPJ, JejakPermintaan, PermintaanBLM
from kelurahan.models import Wilayah
from plpbk.dasbor import dashboard as d
from sosialisasi.models import RembugWarga
from tipp.models import Kegiatan

pytestmark = pytest.mark.django_db

CINUNUK = "32.04.05.2004"
PLAN = f"/tipp/wilayah/{CINUNUK}/rencana/"
D = datetime.date
#: record-keeping stamps (when a row was typed or a file stored), not dates of the story
STAMPS = {("kelurahan", "Berkas", "diunggah")}


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    with time_machine.travel(datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC), tick=False):
        call_command("demo", force=True, stdout=io.StringIO())
        # the dashboard reads the summary as counted: count the demo's marks, as `make run` does
        call_command("hitung_ringkasan", "--tanda", stdout=io.StringIO())
        yield


def client_for(username: str) -> Client:
    c = Client()
    c.force_login(get_user_model().objects.get(username=username))
    return c


def _story_dates():
    """(model, field, value) of every date and time of the demo's records in the domain apps,
    leaving out history rows and automatic record stamps."""
    for model in apps.get_models():
        if model._meta.app_label not in {"kelurahan", "sosialisasi", "lokakarya", "tipp", "blm"}:
            continue
        if model.__name__.startswith("Historical"):
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.DateField):  # DateTimeField is a DateField
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                continue
            if (model._meta.app_label, model.__name__, field.name) in STAMPS:
                continue
            for value in model.objects.exclude(**{field.name: None}).values_list(field.name, flat=True):
                yield model.__name__, field.name, value


def test_every_date_of_the_cycle_is_in_2012_or_2013(demo):
    found = list(_story_dates())
    assert {m for m, _f, _v in found} >= {"PermintaanBLM", "JejakPermintaan", "PembayaranBLM", "LpjBLM", "BelanjaLPJ"}
    outside = [(m, f, v) for m, f, v in found if not (2012 <= v.year <= 2013)]
    assert outside == []

    tahap1 = PermintaanBLM.objects.get(wilayah_id=CINUNUK, nomor=1)
    assert timezone.localdate(tahap1.diajukan_pada) == D(2012, 9, 3)
    assert tahap1.pembayaran.tanggal == D(2012, 9, 19)
    assert timezone.localdate(tahap1.lpj.diterima_pada) == D(2012, 11, 12)
    trail = list(JejakPermintaan.objects.filter(permintaan=tahap1).values_list("langkah", "pada"))
    assert [timezone.localdate(p) for _l, p in trail] == sorted(timezone.localdate(p) for _l, p in trail)
    assert timezone.localdate(trail[-1][1]) == D(2012, 9, 19)  # the payment
    assert set(AlokasiBLM.objects.values_list("batas_waktu", flat=True)) == {D(2013, 12, 31)}
    rembug = RembugWarga.objects.filter(pertemuan__wilayah_id=CINUNUK, ditutup__isnull=False).get()
    assert timezone.localdate(rembug.ditutup) == rembug.pertemuan.tanggal == D(2012, 5, 16)


def test_lpj_lines_pay_for_the_activities_they_name(demo):
    lines = list(BelanjaLPJ.objects.all())
    assert len(lines) == 3
    for line in lines:
        kegiatan = Kegiatan.objects.get(pk=line.kegiatan_id)
        assert kegiatan.rencana.wilayah_id == CINUNUK
        assert line.uraian.split(":")[0].lower() in kegiatan.nama.lower()
        assert line.kegiatan.endswith(kegiatan.nama)
        # spent after the money came (19 Sep 2012) and not before the activity began
        assert line.tanggal >= max(D(2012, 9, 19), kegiatan.mulai)


def test_pp_blm_pdf_prints_the_2012_dates(demo):
    tahap1 = PermintaanBLM.objects.get(wilayah_id=CINUNUK, nomor=1)
    r = client_for("bkm").get(reverse("blm:pdf_surat", args=[tahap1.pk]))
    assert r.status_code == 200
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(r.content)).pages)
    assert "01/BKM-CNK/IX/2012" in text
    assert "3 September 2012" in text
    assert "31 Desember 2013" in text
    assert "2026" not in text


def test_dashboard_reads_the_finished_plan_without_slippage(demo):
    kecamatan = Wilayah.objects.get(kode="32.04.05")
    dasbor = d.Dasbor(get_user_model().objects.get(username="pemda"), kecamatan)
    rows = {w.kode: ind for w, ind in dasbor.anak(Wilayah.objects.children_of(kecamatan))}
    cinunuk = rows[CINUNUK]
    assert cinunuk.kegiatan == 15 and cinunuk.kegiatan_terlambat == 0
    assert cinunuk.deviasi == pytest.approx(0)


def test_plan_as_of_a_chosen_date(demo):
    c = client_for("pemda")
    with time_machine.travel(datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC), tick=False):
        default = c.get(PLAN)
        autumn = c.get(PLAN, {"per": "2012-10-15"})
        wrong = c.get(PLAN, {"per": "2012-02-30"})
        garbage = c.get(PLAN, {"per": "kemarin<b>"})
    # default: the plan ended in 2012, so it is read as of its last report, and the page says so
    kurva = default.context["kurva"]
    assert kurva.status == D(2012, 12, 20) and default.context["per_laporan_terakhir"]
    assert kurva.deviasi == pytest.approx(0)
    html = default.content.decode()
    assert 'data-testid="per-laporan-terakhir"' in html and "20 Desember 2012" in html
    assert 'value="2012-12-20"' in html
    # a chosen date changes the figures
    kurva = autumn.context["kurva"]
    assert kurva.status == D(2012, 10, 15) and not autumn.context["per_laporan_terakhir"]
    assert kurva.deviasi < -5
    assert "Pemetaan swadaya per RW" in {t.kegiatan.nama for t in kurva.terlambat}
    assert "15 Oktober 2012" in autumn.content.decode()
    # an unreadable date is ignored with a message, never a server error
    for r, shown in ((wrong, "2012-02-30"), (garbage, "kemarin&lt;b&gt;")):
        assert r.status_code == 200
        assert r.context["kurva"].status == D(2012, 12, 20)
        body = r.content.decode()
        assert 'data-testid="per-salah"' in body and shown in body and "<b>" not in body.split("per-salah")[1][:300]


def test_plan_pdf_takes_the_chosen_date(demo):
    r = client_for("bkm").get(reverse("tipp:rencana_pdf", args=[CINUNUK]), {"per": "2012-10-15"})
    assert r.status_code == 200
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(r.content)).pages)
    assert "15 Oktober 2012" in text


def test_kabupaten_dashboard_shows_cinunuks_ksm_figures(demo):
    """After `demo`, Kabupaten Bandung's dashboard shows Cinunuk's KSM stage (its two KSM, the two
    verified proposals, the three transfers) and the rates of its profile, as blm counts them."""
    from blm.models_ksm import KSM, UsulanKegiatan
    from blm.querysets_ksm import figur_per_kelurahan

    page = client_for("pemda").get("/dasbor/32.04/")
    html = page.content.decode()
    assert "KSM dan pembangunan" in html
    tabel = {key: (cols, body) for key, _t, cols, body in page.context["tabel"]}
    cols, body = tabel["ksm"]
    cells = next(cells for label, _u, cells, _h in body if label == "Kecamatan Cileunyi")
    row = {c[0]: value for c, (value, _k, _t) in zip(cols, cells, strict=True)}
    blm = figur_per_kelurahan(KSM.objects.all(), UsulanKegiatan.objects.all())[CINUNUK]
    assert row["ksm"] == blm["ksm"] == 2
    assert row["usulan_ksm"] == blm["usulan"] == 2
    assert row["usulan_rp"] == blm["disetujui_rp"] > 0
    assert row["dicairkan_ksm"] == blm["dicairkan_rp"] == 168_000_000
    assert row["terpakai_ksm"] == blm["terpakai_rp"] > 0
    assert round(row["progres_fisik"], 1) == round(blm["progres_fisik"], 1) > 0
    assert "Rp 168.000.000" in html
    cols, body = tabel["jangkauan"]
    cells = next(cells for label, _u, cells, _h in body if label == "Kecamatan Cileunyi")
    row = {c[0]: value for c, (value, _k, _t) in zip(cols, cells, strict=True)}
    assert row["penduduk"] == 24612 + 24105 and row["penerima"] == blm["penerima_jiwa"] > 0
    assert row["peserta_per_seribu"] > 0


def test_kabupaten_attention_list_names_dayeuhkolot_and_cinunuks_unused_blm(demo):
    """On the demo, read as of 1 March 2013: Pasawahan (Dayeuhkolot) has held nothing and been paid
    nothing; Cinunuk's Tahap 2 waits at the Korkot, and of its Tahap 1 BLM paid on 19 September
    2012 its KSM have used Rp 55.000.000 (18,3 %), under the default 50 % after 90 days. The KSM
    chart shows both kecamatan with a programme location."""
    page = client_for("pemda").get("/dasbor/32.04/?per=2013-03-01")
    daftar = {p.wilayah.kode: [a.teks for a in p.alasan] for p in page.context["perhatian"]}
    assert list(daftar) == ["32.04.12.1001", CINUNUK]
    assert "BLM dialokasikan, belum ada yang dibayar" in daftar["32.04.12.1001"]
    assert daftar[CINUNUK] == [
        "Permintaan BLM menunggu verifikasi 85 hari",
        "BLM dibayar 19-09-2012, baru 18,3% terpakai KSM (minimal 50% setelah 90 hari)",
    ]
    chart = str(page.context["grafik"]["ksm"])
    assert ">Cileunyi<" in chart and ">Dayeuhkolot<" in chart and ">56%<" in chart
    # on the 90th day after the payment Cinunuk was on time (its Tahap 2 waiting 12 of 14 days)
    page = client_for("pemda").get("/dasbor/32.04/?per=2012-12-18")
    assert [p.wilayah.kode for p in page.context["perhatian"]] == ["32.04.12.1001"]
