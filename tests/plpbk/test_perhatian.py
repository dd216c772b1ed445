"""The Pemda dashboard's attention list, sortable and folded tables, flags, charts of every
programme location and the 'as of' date (the test cast of tests/plpbk/dashboard_data.py)."""

import datetime
import io
import re

import openpyxl
import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from plpbk.dasbor import dashboard as d
from plpbk.dasbor import ringkasan
from plpbk.dasbor.models import AmbangPerhatian
from tests.conftest import make_region
from tests.plpbk import dashboard_data

pytestmark = pytest.mark.django_db

PASAWAHAN, CIBIRU, CINUNUK = "32.04.12.1001", "32.04.05.2005", "32.04.05.2004"


@pytest.fixture
def data(users):
    dashboard_data.build(users)
    ringkasan.proses_tanda()  # dashboards read the summary as counted
    return users


def _perhatian(response):
    return [(p.wilayah.kode, [a.teks for a in p.alasan]) for p in response.context["perhatian"]]


def test_attention_list_ranks_lagging_locations_with_reasons_and_links(client_for, data):
    response = client_for("pemda").get("/dasbor/32.04/")
    daftar = _perhatian(response)
    # Pasawahan: 5 reasons, Cibiru Wetan (2013, nothing held): 4, Cinunuk: its plan 20 points behind
    assert [k for k, _a in daftar] == [PASAWAHAN, CIBIRU, CINUNUK]
    alasan = dict(daftar)
    assert "Rembug warga di bawah target inklusi: 1" in alasan[PASAWAHAN]
    assert "BLM dialokasikan, belum ada yang dibayar" in alasan[PASAWAHAN]
    assert any(a.startswith("Langkah TIPP terlambat: 2 dari 5 selesai") for a in alasan[PASAWAHAN])
    assert "Rembug warga belum diadakan (batas 31-05-2013)" in alasan[CIBIRU]
    assert alasan[CINUNUK] == ["Rencana kerja tertinggal 20,0 poin, 1 kegiatan terlambat"]
    html = response.content.decode()
    section = html[html.index('data-testid="perhatian"') :]
    assert f'href="/dasbor/{PASAWAHAN}/"' in section.split("</section>")[0]
    # at the top: before the first table
    assert html.index('data-testid="perhatian"') < html.index('data-testid="tabel-peserta"')
    # Jawa Tengah's lagging Tambakreja is outside the Pemda's scope
    assert "33.01.01.2001" not in section.split("</section>")[0]


def test_thresholds_set_by_a_national_admin_change_the_list(client_for, data):
    admin = client_for("admin")
    url = reverse("admin:plpbk_ambangperhatian_add")
    form = admin.get(url)
    assert form.status_code == 200
    response = admin.post(
        url,
        {
            "tahun_program": 2012,
            "deviasi_maks": 25,
            "tertahan_maks": 14,
            "batas_lokakarya": "2030-01-01",
            "pakai_hari": 90,
            "pakai_min": 50,
            "fisik_maks": 10,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    daftar = dict(_perhatian(client_for("pemda").get("/dasbor/32.04/")))
    assert CINUNUK not in daftar  # 20 points behind is now within 25
    assert not any(a.startswith("Lokakarya kelurahan") for a in daftar[PASAWAHAN])
    assert any(a.startswith("Lokakarya kelurahan") for a in daftar[CIBIRU])  # 2013 keeps its defaults


def test_a_province_admin_cannot_change_the_thresholds(client, data, adminjabar):
    ambang = AmbangPerhatian.objects.create(tahun_program=2012)
    client.force_login(adminjabar)
    change = reverse("admin:plpbk_ambangperhatian_change", args=[ambang.pk])
    response = client.post(change, {"tahun_program": 2012, "deviasi_maks": 90, "tertahan_maks": 14, "versi": 1})
    assert response.status_code == 403
    assert client.post(reverse("admin:plpbk_ambangperhatian_add"), {"tahun_program": 2013}).status_code == 403
    ambang.refresh_from_db()
    assert ambang.deviasi_maks == 10 and AmbangPerhatian.objects.count() == 1


def test_per_date_changes_the_attention_list_and_reaches_pdf_and_xlsx(client_for, data):
    c = client_for("pemda")
    daftar = dict(_perhatian(c.get("/dasbor/32.04/?per=2012-04-15")))
    # by then only Pasawahan's kelurahan workshop was due; Cibiru Wetan (2013) owes nothing yet
    assert set(daftar) == {PASAWAHAN, CINUNUK}
    assert daftar[PASAWAHAN] == [
        "Rembug warga di bawah target inklusi: 1",
        "Lokakarya kelurahan belum diadakan (batas 31-03-2012)",
    ]
    page = c.get("/dasbor/32.04/?per=2012-04-15")
    assert 'value="2012-04-15"' in page.content.decode()
    assert "per=2012-04-15" in page.context["pdf_url"] and "per=2012-04-15" in page.context["xlsx_url"]["blm"]
    pdf = c.get(reverse("dashboard_region_pdf", args=["32.04"]) + "?per=2012-04-15")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Perlu perhatian" in text and "per 15 April 2012" in text
    assert "Lokakarya kelurahan belum diadakan" in text and "Rembug warga belum diadakan" not in text
    # the xlsx counts the BLM wait to that date: waiting since 5 days ago, read 30 days ahead
    later = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    xlsx = c.get(reverse("dashboard_region_xlsx", args=["32.04", "blm"]) + f"?per={later}")
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    cileunyi = next(r for r in rows if r[0] == "Kecamatan Cileunyi")
    assert cileunyi[-1] in (34, 35)
    # read as of a day before the request began to wait: no waiting days
    xlsx = c.get(reverse("dashboard_region_xlsx", args=["32.04", "blm"]) + "?per=2012-04-15")
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert next(r for r in rows if r[0] == "Kecamatan Cileunyi")[-1] is None


def test_an_unreadable_per_date_is_ignored_with_a_message(client_for, data):
    response = client_for("pemda").get("/dasbor/32.04/?per=2012-13-45")
    assert response.status_code == 200
    assert response.context["per"] == timezone.localdate()
    assert "tidak dapat dibaca" in response.content.decode()


def _labels(response, key="peserta"):
    for k, _t, _c, body in response.context["tabel"]:
        if k == key:
            return [label for label, _u, _c2, _h in body]
    raise KeyError(key)


@pytest.mark.parametrize("attr", ["wilayah", *d.KOLOM_PER_NAMA])
def test_tables_sort_by_every_column(client_for, data, attr):
    c = client_for("pemda")
    naik = c.get(f"/dasbor/32.04/?urut={attr}")
    turun = c.get(f"/dasbor/32.04/?urut=-{attr}")
    assert naik.status_code == turun.status_code == 200
    anak = naik.context["anak_urut"]
    # the programme locations' kecamatan first (Cileunyi, Dayeuhkolot), each way
    assert {w.kode for w, _i in anak[:2]} == {"32.04.05", "32.04.12"}
    values = [w.nama.lower() if attr == "wilayah" else getattr(i, attr) for w, i in anak[:2]]
    values_turun = [
        w.nama.lower() if attr == "wilayah" else getattr(i, attr) for w, i in turun.context["anak_urut"][:2]
    ]
    if None not in values:
        assert values == sorted(values)
    if None not in values_turun:
        assert values_turun == sorted(values_turun, reverse=True)
    # the header links of the shown columns sort the other way next time
    if attr == "wilayah" or any(attr in names for _k, _t, names in d.KELOMPOK):
        assert f'href="?urut=-{attr}"' in naik.content.decode()


def test_sort_follows_into_the_xlsx_and_an_invalid_key_is_ignored(client_for, data):
    c = client_for("pemda")
    page = c.get("/dasbor/32.04/?urut=-alokasi")
    assert _labels(page, "blm")[:2] == ["Kecamatan Cileunyi", "Kecamatan Dayeuhkolot"]
    page = c.get("/dasbor/32.04/?urut=alokasi")
    assert _labels(page, "blm")[:2] == ["Kecamatan Dayeuhkolot", "Kecamatan Cileunyi"]
    xlsx = c.get(reverse("dashboard_region_xlsx", args=["32.04", "blm"]) + "?urut=alokasi")
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:3]] == ["Kecamatan Dayeuhkolot", "Kecamatan Cileunyi"]
    for bad in ["nama); drop table x", "-", "__class__", "x" * 500]:
        response = c.get("/dasbor/32.04/", {"urut": bad})
        assert response.status_code == 200 and response.context["urut"] == ""


def test_regions_without_programme_activity_are_folded(client_for, data):
    for i in range(3):
        make_region(f"32.04.{30 + i}", f"Kosong {i}")
    response = client_for("pemda").get("/dasbor/32.04/")
    n_anak = len(response.context["anak"])
    assert response.context["n_utama"] == 2 and response.context["n_kosong"] == n_anak - 2
    html = response.content.decode()
    table = html[html.index('data-testid="tabel-peserta"') :].split("</section>")[0]
    folded = table[table.index("<details") :]
    assert f"{n_anak - 2} kecamatan tanpa lokasi PLP-BK" in folded
    main = table[: table.index("<details")]
    assert "Kecamatan Cileunyi" in main and "Jumlah Kabupaten Bandung" in main
    assert "Kecamatan Cileunyi" not in folded
    assert 'class="dasbor-kotak"' in table and "kolom-wilayah" in table


def test_values_past_a_threshold_carry_a_text_mark(client_for, data):
    html = client_for("pemda").get("/dasbor/32.04/").content.decode()
    peserta = html[html.index('data-testid="tabel-peserta"') :].split("</section>")[0]
    dayeuhkolot = peserta[peserta.index("Kecamatan Dayeuhkolot") :].split("</tr>")[0]
    # 2 of 12 women (16,7 %) and a rembug below target: flagged with ⚠ and words, not colour alone
    marks = re.findall(r'<td class="text-end sel-tanda" data-tanda="1">(.*?)</td>', dayeuhkolot)
    assert len(marks) == 2
    assert all("⚠" in m and "(melewati ambang)" in m and "visually-hidden" in m for m in marks)
    cileunyi = peserta[peserta.index("Kecamatan Cileunyi") :].split("</tr>")[0]
    assert "sel-tanda" not in cileunyi  # 50 % women, rembug on target
    tipp = html[html.index('data-testid="tabel-tipp"') :].split("</section>")[0]
    assert "⚠" in tipp[tipp.index("Kecamatan Cileunyi") :].split("</tr>")[0]  # −20 points, 1 late


def test_charts_list_every_programme_location(client_for, data):
    grafik = client_for("pemda").get("/dasbor/32.04/").context["grafik"]
    for key in ("gender", "serapan", "rencana"):
        assert "Cileunyi" in grafik[key] and "Dayeuhkolot" in grafik[key], key
    # a kecamatan without any programme location is not charted
    assert "Dayeuhkolot" in grafik["rencana"]
    assert (
        "target 30% perempuan" in grafik["gender"] and "stroke-dasharray" in grafik["gender"]
    )  # the women's target is drawn


def test_attention_list_costs_the_same_queries_for_more_locations(client_for, data, django_assert_num_queries):
    from tests.plpbk.test_dashboard_views import PINNED, _more_children

    c = client_for("pemda")
    c.get("/dasbor/32.04/")
    cache.clear()  # counted: the page working its figures out, not reading them kept
    with django_assert_num_queries(PINNED["region"]):
        c.get("/dasbor/32.04/")
    _more_children(30)
    ringkasan.proses_tanda()
    cache.clear()  # counted: the page working its figures out, not reading them kept
    with django_assert_num_queries(PINNED["region"]):
        response = c.get("/dasbor/32.04/")
    assert len(response.context["perhatian"]) == 33
    # the page lists the 25 furthest behind and counts the rest
    html = response.content.decode()
    assert html.count('data-testid="perhatian-lokasi"') == 25 and "dan 8 lokasi lain" in html
