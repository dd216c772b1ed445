"""“BLM dibayar, belum dipakai” and the KSM stage on the Pemda dashboard: the attention list's
reasons around their thresholds and dates, the KSM table's flags, the KSM chart of every
programme location, and the date of the latest payment the summary keeps (the test cast of
tests/plpbk/dashboard_data.py: Cinunuk paid Rp 300.000.000, Rp 168.000.000 passed on to its KSM,
Rp 55.000.000 used, 18,3 %; physical progress 30 % against 22 % of the proposals' money used)."""

import datetime
import io
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from pypdf import PdfReader

from blm.models import AlokasiBLM, PembayaranBLM, PermintaanBLM
from blm.models_ksm import UsulanKegiatan
from kelurahan.models import Wilayah
from plpbk.dasbor import dashboard as d
from plpbk.dasbor import ringkasan
from plpbk.dasbor.models import AmbangPerhatian, PerubahanRingkasan, Ringkasan
from tests.plpbk import dashboard_data

pytestmark = pytest.mark.django_db

CINUNUK, PASAWAHAN = "32.04.05.2004", "32.04.12.1001"
DIBAYAR = datetime.date(2012, 9, 19)
ALASAN = "BLM dibayar 19-09-2012, baru 18,3% terpakai KSM (minimal 50% setelah 90 hari)"


def bayar(users, tanggal=DIBAYAR, nomor=1):
    """The payment of Cinunuk's tahap `nomor` on `tanggal` (the cast's paid request for tahap 1)."""
    permintaan = PermintaanBLM.objects.get(wilayah_id=CINUNUK, nomor=nomor)
    return PembayaranBLM.objects.create(
        permintaan=permintaan,
        alokasi=permintaan.alokasi,
        wilayah_id=CINUNUK,
        tanggal=tanggal,
        jumlah=permintaan.jumlah,
        dicatat_oleh=users["ppk"],
    )


@pytest.fixture
def data(users):
    dashboard_data.build(users)
    bayar(users)
    ringkasan.proses_tanda()
    return users


def _section(html: str) -> str:
    return html[html.index('data-testid="perhatian"') :].split("</section>")[0]


def _alasan(client, query="") -> dict[str, list[str]]:
    response = client.get(f"/dasbor/32.04/{query}")
    return {p.wilayah.kode: [a.teks for a in p.alasan] for p in response.context["perhatian"]}


# --- the date the summary keeps -----------------------------------------------------------
def test_the_summary_keeps_the_latest_payment_date_and_its_writes_are_marked(data):
    row = Ringkasan.objects.get(wilayah_id=CINUNUK, tahun=0)
    assert row.dibayar_terakhir == DIBAYAR
    assert Ringkasan.objects.get(wilayah_id=PASAWAHAN, tahun=0).dibayar_terakhir is None
    # a later tahap paid: the latest date counts (the clock restarts with the new money)
    PermintaanBLM.objects.filter(wilayah_id=CINUNUK, nomor=2).update(status="dibayar")
    PerubahanRingkasan.objects.all().delete()
    bayar(data, datetime.date(2013, 3, 1), nomor=2)
    assert list(PerubahanRingkasan.objects.values_list("kode", flat=True)) == [CINUNUK]  # the trigger
    ringkasan.proses_tanda()
    assert Ringkasan.objects.get(wilayah_id=CINUNUK, tahun=0).dibayar_terakhir == datetime.date(2013, 3, 1)
    # raw SQL on the payments is marked too, and recounts as from scratch
    with connection.cursor() as cursor:
        cursor.execute("UPDATE blm_pembayaranblm SET tanggal = %s WHERE jumlah = %s", ["2013-04-02", 400_000_000])
    assert PerubahanRingkasan.objects.filter(kode=CINUNUK).exists()
    ringkasan.proses_tanda()
    counted = Ringkasan.objects.get(wilayah_id=CINUNUK, tahun=0).dibayar_terakhir
    ringkasan.bangun_ulang()
    assert counted == Ringkasan.objects.get(wilayah_id=CINUNUK, tahun=0).dibayar_terakhir == datetime.date(2013, 4, 2)
    # a region adds it up as the earliest of its locations' latest payments
    total = d.Dasbor(data["pemda"], Wilayah.objects.get(kode="32.04"), now=dashboard_data.NOW).total()
    assert total.dibayar_terakhir == datetime.date(2013, 4, 2)


# --- the attention list -------------------------------------------------------------------
def test_paid_not_used_appears_the_day_after_the_days_allowed(client_for, data):
    c = client_for("pemda")
    # 90 days after 19 September 2012 is 18 December: not yet behind that day
    assert ALASAN not in _alasan(c, "?per=2012-12-18").get(CINUNUK, [])
    assert ALASAN in _alasan(c, "?per=2012-12-19")[CINUNUK]
    # before the payment nothing is owed; and the page prints it, linked to Cinunuk's dashboard
    assert not any(a.startswith("BLM dibayar") for a in _alasan(c, "?per=2012-09-01").get(CINUNUK, []))
    html = c.get("/dasbor/32.04/?per=2013-01-18").content.decode()
    section = _section(html)
    assert ALASAN in section and f'href="/dasbor/{CINUNUK}/?per=2013-01-18"' in section
    # ranked by the days past the allowance: 31 days outweigh the plan's 20 points
    response = c.get("/dasbor/32.04/?per=2013-01-18")
    cinunuk = next(p for p in response.context["perhatian"] if p.wilayah.kode == CINUNUK)
    assert [(a.teks, a.hari) for a in cinunuk.alasan] == [
        (ALASAN, 31),
        ("Rencana kerja tertinggal 20,0 poin, 1 kegiatan terlambat", 20),
    ]


def test_paid_not_used_follows_the_years_thresholds(client_for, data):
    c = client_for("pemda")
    ambang = AmbangPerhatian.objects.create(tahun_program=2012, pakai_min=18)
    assert not any(a.startswith("BLM dibayar") for a in _alasan(c)[CINUNUK])  # 18,3 % is enough now
    ambang.pakai_min, ambang.pakai_hari = 19, 120
    ambang.save()
    assert "BLM dibayar 19-09-2012, baru 18,3% terpakai KSM (minimal 19% setelah 120 hari)" in _alasan(c)[CINUNUK]
    assert not any(a.startswith("BLM dibayar") for a in _alasan(c, "?per=2013-01-17")[CINUNUK])  # day 120
    assert any(a.startswith("BLM dibayar") for a in _alasan(c, "?per=2013-01-18")[CINUNUK])


def test_nothing_passed_on_to_the_ksm_is_said_so(client_for, data):
    UsulanKegiatan.objects.update(dicairkan=0, dana_terpakai=0)
    ringkasan.proses_tanda()
    assert "BLM dibayar 19-09-2012, belum disalurkan ke KSM" in _alasan(client_for("pemda"))[CINUNUK]


def test_a_location_paid_without_a_recorded_payment_date_is_not_judged(client_for, data):
    PembayaranBLM.objects.all().delete()
    ringkasan.proses_tanda()
    assert not any(a.startswith("BLM dibayar") for a in _alasan(client_for("pemda"))[CINUNUK])


def test_physical_progress_behind_the_money_used(client_for, data):
    c = client_for("pemda")
    assert not any(a.startswith("Progres fisik") for a in _alasan(c)[CINUNUK])  # 30 % against 22 %
    UsulanKegiatan.objects.filter(progres=50).update(progres=10)  # 6 % against 22 %: 16 points behind
    ringkasan.proses_tanda()
    alasan = _alasan(c)[CINUNUK]
    assert "Progres fisik KSM 6,0%, tertinggal dari dana terpakai 22,0% nilai usulan" in alasan
    AmbangPerhatian.objects.create(tahun_program=2012, fisik_maks=16)
    assert not any(a.startswith("Progres fisik") for a in _alasan(c)[CINUNUK])


def test_the_reasons_in_english(client_for, data):
    UsulanKegiatan.objects.filter(progres=50).update(progres=10)
    ringkasan.proses_tanda()
    c = client_for("pemda")
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    section = _section(c.get("/dasbor/32.04/").content.decode())
    assert "BLM paid 19-09-2012, only 18.3% used by KSM (at least 50% after 90 days)" in section
    assert "KSM physical progress 6.0%, behind funds used of 22.0% of the proposals&#x27; value" in section
    assert "BLM dibayar" not in section
    html = c.get("/dasbor/32.04/").content.decode()
    assert "Funds used (% of proposals&#x27; value)" in html
    assert "Physical − financial (points)" in html and "at least 50% used" in html


# --- the KSM table's flags ----------------------------------------------------------------
def _ksm_row(html: str, label: str) -> str:
    tabel = html[html.index('data-testid="tabel-ksm"') :].split("</section>")[0]
    return tabel[tabel.index(label) :].split("</tr>")[0]


def _flagged(row: str) -> list[str]:
    return re.findall(r'<td class="text-end sel-tanda" data-tanda="1">(.*?)</td>', row)


def test_ksm_values_past_a_threshold_carry_a_text_mark(client_for, data):
    c = client_for("pemda")
    row = _ksm_row(c.get("/dasbor/32.04/?tahun=2012").content.decode(), "Kecamatan Cileunyi")
    # 18,3 % of the BLM paid used, below the default 50 %; physical progress ahead of the money
    assert len(_flagged(row)) == 1
    mark = _flagged(row)[0]
    assert "18,3%" in mark and "⚠" in mark and "(melewati ambang)" in mark and "visually-hidden" in mark
    # the year's thresholds: a lower minimum clears it; progress behind the money is flagged
    AmbangPerhatian.objects.create(tahun_program=2012, pakai_min=15)
    UsulanKegiatan.objects.filter(progres=50).update(progres=10)
    ringkasan.proses_tanda()
    row = _ksm_row(c.get("/dasbor/32.04/?tahun=2012").content.decode(), "Kecamatan Cileunyi")
    assert [re.sub(r"<.*?>", "", m).split(" (")[0].strip("⚠ ") for m in _flagged(row)] == ["-16,0"]
    # Dayeuhkolot: nothing paid, no share, nothing flagged
    assert not _flagged(_ksm_row(c.get("/dasbor/32.04/?tahun=2012").content.decode(), "Kecamatan Dayeuhkolot"))


# --- the KSM chart ------------------------------------------------------------------------
def test_ksm_chart_lists_every_programme_location_with_the_minimum_drawn(client_for, data):
    c = client_for("pemda")
    response = c.get("/dasbor/32.04/")
    chart = str(response.context["grafik"]["ksm"])
    assert "Cileunyi" in chart and "Dayeuhkolot" in chart  # Dayeuhkolot: a location, nothing paid yet
    cileunyi = chart[chart.index(">Cileunyi<") : chart.index(">Dayeuhkolot<")]
    # passed on 56 %, used 18 %, physical progress 30 %, in that order
    assert re.findall(r">(\d+)%<", cileunyi) == ["56", "18", "30"]
    dayeuhkolot = chart[chart.index(">Dayeuhkolot<") :]
    assert dayeuhkolot.count(">–<") == 3 and not re.findall(r">(\d+)%<", dayeuhkolot)
    assert "minimal 50% terpakai" in chart and "stroke-dasharray" in chart
    x = 170 + 420 * 50 / 100  # the 50 % line
    assert f'x1="{x:.1f}"' in chart and 'viewBox="0 0 700 ' in chart
    html = response.content.decode()
    assert 'data-testid="grafik-ksm"' in html and 'class="card-body grafik-gulir"' in html
    # a kelurahan's own page charts the kelurahan itself
    own = str(c.get(f"/dasbor/{CINUNUK}/").context["grafik"]["ksm"])
    assert "Desa Cinunuk" in own and re.findall(r">(\d+)%<", own) == ["56", "18", "30"]


def test_ksm_chart_and_reason_are_printed(client_for, data):
    response = client_for("pemda").get(reverse("dashboard_region_pdf", args=["32.04"]) + "?per=2013-01-18")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split())
    assert ALASAN in text
    # the chart: its minimum line's label and Cileunyi's bars (passed on, used, physical progress)
    assert "minimal 50% terpakai" in text and "Cileunyi 56% 18% 30%" in text


# --- cost ---------------------------------------------------------------------------------
def test_query_count_stays_flat_with_more_paid_locations(client_for, data, django_assert_num_queries):
    from tests.plpbk.test_dashboard_views import PINNED, _more_children

    c = client_for("pemda")
    c.get("/dasbor/32.04/")
    cache.clear()  # counted: the page working its figures out, not reading them kept
    with django_assert_num_queries(PINNED["region"]):
        c.get("/dasbor/32.04/")
    _more_children(10)
    # each new location paid on Cinunuk's day, nothing passed on since: each has the reason
    for a in AlokasiBLM.objects.filter(wilayah__kode__startswith="32.04.4"):
        AlokasiBLM.objects.filter(pk=a.pk).update(terbayar=20_000_000)
        p = dashboard_data.permintaan(a, 1, 20_000_000, "dibayar", data["bkm"])
        PembayaranBLM.objects.create(
            permintaan=p,
            alokasi=a,
            wilayah_id=a.wilayah_id,
            tanggal=DIBAYAR,
            jumlah=20_000_000,
            dicatat_oleh=data["ppk"],
        )
    ringkasan.proses_tanda()
    cache.clear()  # counted: the page working its figures out, not reading them kept
    with django_assert_num_queries(PINNED["region"]):
        response = c.get("/dasbor/32.04/")
    paid = [
        p.wilayah.kode for p in response.context["perhatian"] if any(a.teks.startswith("BLM dibayar") for a in p.alasan)
    ]
    assert len(paid) == 11 and CINUNUK in paid
    # the chart has a row for every kecamatan with a programme location: 2 + 10
    chart = str(response.context["grafik"]["ksm"])
    assert len(re.findall(r'<text x="164" y="\d+" text-anchor="end">', chart)) == 12
