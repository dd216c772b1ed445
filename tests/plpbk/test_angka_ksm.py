"""The dashboard's figures after BLM reaches the BKM and the kelurahan profiles' rates
(plpbk.dasbor.figures, groups "ksm" and "jangkauan"): counted from the verified proposals, the
KSM register and each kelurahan's newest profile; shown on the page and in the xlsx; and, after
writes of those records, the marks recount to what a recount from scratch gives."""

import io

import openpyxl
import pytest
from django.db.models import F
from django.urls import reverse

from blm.models_ksm import KSM, UsulanKegiatan
from kelurahan.models import ProfilKelurahan, Wilayah
from plpbk.dasbor import dashboard as d
from plpbk.dasbor import figures, ringkasan
from plpbk.dasbor.models import PerubahanRingkasan
from tests.plpbk import dashboard_data
from tests.plpbk.test_pemicu import snapshot

pytestmark = pytest.mark.django_db

CINUNUK, PASAWAHAN = "32.04.05.2004", "32.04.12.1001"


@pytest.fixture
def data(users):
    dashboard_data.build(users)
    ringkasan.proses_tanda()
    return users


def test_the_new_figures_are_declared_once_with_their_tables():
    names = {a.nama for a in figures.TERSIMPAN}
    assert {
        "ksm",
        "usulan_ksm",
        "usulan_rp",
        "dicairkan_ksm",
        "terpakai_ksm",
        "bobot_fisik",
        "penerima",
        "penerima_perempuan",
        "penerima_miskin",
        "penerima_kk",
        "penduduk",
        "jumlah_kk",
        "kk_miskin",
        "warga_mbr",
    } <= names
    derived = {a.nama for a in figures.TURUNAN}
    assert {"persen_disalurkan", "persen_terpakai", "progres_fisik", "peserta_per_seribu"} <= derived
    assert {"persen_kk_terjangkau", "persen_miskin_terjangkau"} <= derived
    assert [n for k, _t, n in d.KELOMPOK if k == "ksm"][0][0] == "ksm"
    # the weight of physical progress is stored but is no column
    assert "bobot_fisik" not in d.KOLOM_PER_NAMA


def test_derived_rates_from_their_additive_parts():
    ind = d.Indikator(
        terbayar=300,
        dicairkan_ksm=168,
        terpakai_ksm=55,
        usulan_rp=250,
        bobot_fisik=50 * 150,
        laki_laki=50,
        perempuan=41,
        penduduk=58_717,
        penerima_kk=160,
        jumlah_kk=17_210,
        penerima_miskin=170,
        warga_mbr=10_500,
    )
    assert ind.persen_disalurkan == 56.0
    assert round(ind.persen_terpakai, 2) == 18.33
    assert ind.progres_fisik == 30.0
    assert round(ind.peserta_per_seribu, 3) == 1.550
    assert round(ind.persen_kk_terjangkau, 2) == 0.93
    assert round(ind.persen_miskin_terjangkau, 2) == 1.62
    # nothing to divide by: no value, not zero
    empty = d.Indikator()
    assert (empty.persen_disalurkan, empty.progres_fisik, empty.peserta_per_seribu) == (None, None, None)


def test_counted_from_verified_proposals_and_the_newest_profile(data):
    total = d.Dasbor(data["pemda"], Wilayah.objects.get(kode="32.04"), now=dashboard_data.NOW).total()
    assert (total.ksm, total.usulan_ksm, total.usulan_rp) == (3, 2, 250_000_000)  # the draft is left out
    assert (total.dicairkan_ksm, total.terpakai_ksm, total.bobot_fisik) == (168_000_000, 55_000_000, 50 * 150_000_000)
    assert (total.penerima, total.penerima_perempuan, total.penerima_miskin, total.penerima_kk) == (600, 310, 170, 160)
    # Cinunuk's 2012 profile (not 2011's) and Pasawahan's
    assert (total.penduduk, total.jumlah_kk, total.kk_miskin, total.warga_mbr) == (58_717, 17_210, 2_916, 10_500)
    assert total.progres_fisik == 30.0 and total.persen_disalurkan == 56.0


def _cells(page, tabel: str) -> dict[str, dict[str, str]]:
    """{row label: {column: text}} of the page's table `tabel`."""
    for key, _t, cols, body in page.context["tabel"]:
        if key == tabel:
            return {
                label: {c[0]: text for c, (_v, _k, text) in zip(cols, cells, strict=True)}
                for label, _u, cells, _h in body
            }
    raise KeyError(tabel)


def test_kabupaten_page_shows_the_ksm_and_reach_tables(client_for, data):
    page = client_for("pemda").get(reverse("dashboard_region", args=["32.04"]))
    html = page.content.decode()
    assert "KSM dan pembangunan" in html and "Penerima manfaat dan jangkauan" in html
    ksm = _cells(page, "ksm")
    assert ksm["Kecamatan Cileunyi"] == {
        "ksm": "2",
        "usulan_ksm": "2",
        "usulan_rp": "Rp 250.000.000",
        "dicairkan_ksm": "Rp 168.000.000",
        "persen_disalurkan": "56,0%",
        "terpakai_ksm": "Rp 55.000.000",
        "persen_terpakai": "18,3%",
        "progres_fisik": "30,0%",
        # physical progress ahead of the money used (55 of 250 million: 22 %)
        "persen_terpakai_usulan": "22,0%",
        "deviasi_fisik": "+8,0",
    }
    # Pasawahan: a KSM, nothing passed on, no BLM paid (no share), no proposal (no progress)
    assert ksm["Kecamatan Dayeuhkolot"]["ksm"] == "1"
    assert ksm["Kecamatan Dayeuhkolot"]["persen_disalurkan"] == "–"
    assert ksm["Kecamatan Dayeuhkolot"]["progres_fisik"] == "–"
    jangkauan = _cells(page, "jangkauan")
    # Cileunyi: 59 participants (kecamatan and desa lokakarya, rembug warga) per 48,717 residents
    assert jangkauan["Kecamatan Cileunyi"]["penduduk"] == "48.717"
    assert jangkauan["Kecamatan Cileunyi"]["peserta_per_seribu"] == "1,2"
    assert jangkauan["Kecamatan Cileunyi"]["persen_kk_terjangkau"] == "1,1%"
    assert jangkauan["Kecamatan Cileunyi"]["persen_miskin_terjangkau"] == "1,9%"
    assert jangkauan["Jumlah Kabupaten Bandung"]["peserta_per_seribu"] == "1,5"
    assert jangkauan["Jumlah Kabupaten Bandung"]["kk_miskin"] == "2.916"


def test_xlsx_of_the_ksm_table(client_for, data):
    response = client_for("pemda").get(reverse("dashboard_region_xlsx", args=["32.04", "ksm"]))
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == (
        "Wilayah",
        "KSM",
        "Usulan KSM disetujui",
        "Nilai usulan disetujui",
        "Dicairkan ke KSM",
        "Disalurkan ke KSM (% BLM dibayar)",
        "Dana terpakai KSM",
        "Terpakai KSM (% BLM dibayar)",
        "Progres fisik",
        "Dana terpakai (% nilai usulan)",
        "Fisik − keuangan (poin)",
    )
    assert rows[1] == ("Kecamatan Cileunyi", 2, 2, 250_000_000, 168_000_000, 56.0, 55_000_000, 18.3, 30.0, 22.0, 8.0)
    rows = list(
        openpyxl.load_workbook(
            io.BytesIO(client_for("pemda").get(reverse("dashboard_region_xlsx", args=["32.04", "jangkauan"])).content)
        ).active.iter_rows(values_only=True)
    )
    total = next(r for r in rows if r[0] == "Jumlah Kabupaten Bandung")
    assert total[1:5] == (58_717, 17_210, 2_916, 10_500) and total[5] == 1.5


# --- writes of the new counted tables: marked, and recounted as from scratch ---------------
def ksm_created(users):
    KSM.objects.create(wilayah_id=PASAWAHAN, nama="KSM Baru", dibentuk="2013-01-05")


def ksm_deleted(users):
    KSM.objects.filter(nama="KSM Pasawahan").delete()


def usulan_verified(users):
    UsulanKegiatan.objects.filter(status="draf").update(status="disetujui")


def progress_reported(users):
    u = UsulanKegiatan.objects.get(progres=50)
    u.progres, u.dana_terpakai = 100, 150_000_000
    u.save(update_fields=["progres", "dana_terpakai"])


def disbursed(users):
    UsulanKegiatan.objects.filter(progres=0, status="disetujui").update(dicairkan=F("dicairkan") + 20_000_000)


def newer_profile(users):
    dashboard_data.profil(PASAWAHAN, 2013, 6_000, 6_000, 3_500, 500, 1_400)


def profile_corrected(users):
    ProfilKelurahan.objects.filter(wilayah_id=CINUNUK, tahun=2012).update(kk_miskin=2_400)


def newest_profile_deleted(users):
    ProfilKelurahan.objects.get(wilayah_id=CINUNUK, tahun=2012).delete()  # 2011's is read again


WRITES = [
    ksm_created,
    ksm_deleted,
    usulan_verified,
    progress_reported,
    disbursed,
    newer_profile,
    profile_corrected,
    newest_profile_deleted,
]


@pytest.mark.parametrize("write", WRITES, ids=[w.__name__ for w in WRITES])
def test_writes_are_marked_and_recount_as_from_scratch(data, write):
    assert not PerubahanRingkasan.objects.exists()
    before = snapshot()
    write(data)
    assert PerubahanRingkasan.objects.exists(), "the write left no mark"
    ringkasan.proses_tanda()
    processed = snapshot()
    assert processed != before
    ringkasan.bangun_ulang()
    assert snapshot() == processed


def test_the_older_profile_is_read_when_the_newest_goes(data):
    newest_profile_deleted(data)
    ringkasan.proses_tanda()
    total = d.Dasbor(data["pemda"], Wilayah.objects.get(kode="32.04.05.2004"), now=dashboard_data.NOW).total()
    assert (total.penduduk, total.kk_miskin) == (40_000, 2_000)


def test_english_page_and_pdf_print_the_new_tables(client_for, data):
    from django.conf import settings
    from pypdf import PdfReader

    client = client_for("pemda")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("dashboard_region", args=["32.04"])).content.decode()
    assert "KSM and works" in html and "Participants per 1,000 residents" in html
    assert "Passed to KSM (% of BLM paid)" in html and "Beneficiaries and reach" in html
    assert "Penerima manfaat dan jangkauan" not in html
    response = client_for("pemda").get(reverse("dashboard_region_pdf", args=["32.04"]))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split())
    assert "KSM dan pembangunan" in text and "Rp 168.000.000" in text and "56,0%" in text
    assert "Peserta per 1.000 penduduk" in text and "48.717" in text
