"""The kelurahan profile of a programme year: saved by the facilitator/BKM through one
version-checked service, shown on the kelurahan page, exported to xlsx, read as figures."""

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kelurahan.konflik import KonflikVersi
from kelurahan.models import ProfilKelurahan
from kelurahan.profil import simpan_profil

CINUNUK, PASAWAHAN, TAMBAKREJA = "32.04.05.2004", "32.04.12.1001", "33.01.01.2001"
ANGKA = {
    "penduduk_l": 9800,
    "penduduk_p": 10150,
    "jumlah_kk": 5900,
    "kk_miskin": 1240,
    "jumlah_mbr": 4100,
    "jumlah_rt": 96,
    "jumlah_rw": 22,
    "jumlah_dusun": 4,
}


def _post(angka=None, **extra):
    return {**{k: str(v) for k, v in (angka or ANGKA).items()}, "sumber": "Profil Desa 2012", **extra}


@pytest.mark.django_db
def test_service_creates_then_changes_with_version_and_history(cinunuk, users):
    p = simpan_profil(cinunuk, 2012, ANGKA, sumber="Profil Desa", user=users["fasilitator"])
    assert (p.versi, p.jumlah_penduduk, p.persen_kk_miskin) == (1, 19950, pytest.approx(21.0169, abs=1e-3))
    p = simpan_profil(cinunuk, 2012, {**ANGKA, "kk_miskin": 1200}, user=users["bkm"], versi=1)
    assert p.versi == 2 and ProfilKelurahan.objects.get().kk_miskin == 1200
    history = list(p.history.order_by("history_date").values_list("kk_miskin", "history_user__username"))
    assert history == [(1240, "fasilitator"), (1200, "bkm")]
    with pytest.raises(KonflikVersi):  # a page shown at version 1 is stale now
        simpan_profil(cinunuk, 2012, {**ANGKA, "kk_miskin": 1}, user=users["bkm"], versi=1)
    assert ProfilKelurahan.objects.get().kk_miskin == 1200


@pytest.mark.django_db
def test_service_refuses_impossible_figures_and_a_region_above_a_kelurahan(cinunuk, regions):
    with pytest.raises(ValidationError) as exc:
        simpan_profil(cinunuk, 2012, {**ANGKA, "kk_miskin": 6000})
    assert "kk_miskin" in exc.value.message_dict
    with pytest.raises(ValidationError):
        simpan_profil(regions["32.04.05"], 2012, ANGKA)
    assert not ProfilKelurahan.objects.exists()


@pytest.mark.django_db
def test_figures_per_kelurahan_and_summed_for_a_year(cinunuk, pasawahan, tambakreja, users):
    simpan_profil(cinunuk, 2012, ANGKA)
    simpan_profil(
        pasawahan,
        2012,
        {**ANGKA, "penduduk_l": 100, "penduduk_p": 200, "jumlah_kk": 90, "kk_miskin": 30, "jumlah_mbr": 40},
    )
    simpan_profil(cinunuk, 2013, {**ANGKA, "penduduk_l": 9900})
    simpan_profil(tambakreja, 2012, ANGKA)
    angka = ProfilKelurahan.objects.for_user(users["korkot"]).angka(2012)
    assert set(angka) == {CINUNUK, PASAWAHAN}  # Tambakreja is outside the Korkot's kabupaten
    assert angka[CINUNUK]["penduduk"] == 19950 and angka[CINUNUK]["kk_miskin"] == 1240
    assert angka[PASAWAHAN]["penduduk"] == 300
    jumlah = ProfilKelurahan.objects.in_region("32.04").jumlah(2012)
    assert (jumlah["kelurahan"], jumlah["penduduk"], jumlah["kk_miskin"]) == (2, 20250, 1270)
    assert ProfilKelurahan.objects.in_region("32.04").jumlah(2019)["penduduk"] == 0


@pytest.mark.django_db
def test_facilitator_enters_the_profile_and_the_kelurahan_page_shows_it(client_for, cinunuk):
    c = client_for("fasilitator")
    page = c.get(reverse("kelurahan:wilayah", args=[CINUNUK])).content.decode()
    assert "Profil kelurahan/desa belum diisi." in page
    url = reverse("kelurahan:profil", args=[CINUNUK, 2012])
    assert url in page  # "Isi profil 2012": the programme year of the location
    r = c.post(url, _post())
    assert r.status_code == 302
    page = c.get(reverse("kelurahan:wilayah", args=[CINUNUK])).content.decode()
    assert 'data-testid="profil-2012"' in page and "19.950 (9.800 / 10.150)" in page and "21,0%" in page
    form = c.get(url).content.decode()
    assert 'name="versi"' in form and 'value="9800"' in form


@pytest.mark.django_db
def test_a_stale_profile_page_is_refused_with_who_changed_what(client_for, cinunuk, users):
    simpan_profil(cinunuk, 2012, ANGKA, user=users["fasilitator"])
    simpan_profil(cinunuk, 2012, {**ANGKA, "jumlah_rt": 97}, user=users["bkm"], versi=1)
    r = client_for("fasilitator").post(reverse("kelurahan:profil", args=[CINUNUK, 2012]), _post(versi="1"))
    assert r.status_code == 200
    text = r.content.decode()
    assert "sudah diubah orang lain" in text and "Bkm" in text and "96 → 97" in text
    assert ProfilKelurahan.objects.get().jumlah_rt == 97


@pytest.mark.django_db
def test_profile_form_shows_field_errors_and_saves_nothing(client_for, cinunuk):
    r = client_for("bkm").post(reverse("kelurahan:profil", args=[CINUNUK, 2012]), _post({**ANGKA, "kk_miskin": 9999}))
    assert r.status_code == 200 and "KK miskin tidak boleh melebihi jumlah KK." in r.content.decode()
    assert not ProfilKelurahan.objects.exists()


@pytest.mark.django_db
def test_profile_page_of_a_kecamatan_or_absurd_year_is_not_found(client_for, regions):
    c = client_for("admin")
    assert c.get(reverse("kelurahan:profil", args=["32.04.05", 2012])).status_code == 404
    assert c.get(reverse("kelurahan:profil", args=[CINUNUK, 1850])).status_code == 404


@pytest.mark.django_db
def test_xlsx_lists_the_profiles_of_the_region_in_scope(client_for, cinunuk, tambakreja, django_assert_num_queries):
    simpan_profil(cinunuk, 2012, ANGKA, sumber="=HYPERLINK(1)")
    simpan_profil(cinunuk, 2013, {**ANGKA, "penduduk_p": 10200})
    simpan_profil(tambakreja, 2012, ANGKA)
    c = client_for("korkot")
    # session, user, scope, region, savepoints, the count (past settings.TUGAS_AMBANG_BARIS rows a
    # background job), rows: not one per row
    with django_assert_num_queries(8):
        r = c.get(reverse("kelurahan:profil_xlsx", args=["32.04"]))
    ws = openpyxl.load_workbook(io.BytesIO(r.content), read_only=True).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:6] == (
        "Kode wilayah",
        "Kelurahan/desa",
        "Tahun",
        "Penduduk laki-laki",
        "Penduduk perempuan",
        "Jumlah penduduk",
    )
    assert [r[:3] for r in rows[1:]] == [(CINUNUK, "Desa Cinunuk", 2012), (CINUNUK, "Desa Cinunuk", 2013)]
    assert rows[2][4:8] == (10200, 20000, 5900, 1240)
    assert rows[1][-1] == "'=HYPERLINK(1)"  # a formula is kept as text


@pytest.mark.django_db
def test_two_first_entries_of_the_same_year_do_not_overwrite_each_other(client_for, cinunuk):
    url = reverse("kelurahan:profil", args=[CINUNUK, 2012])
    fasilitator, bkm = client_for("fasilitator"), client_for("bkm")
    assert 'name="versi"' not in bkm.get(url).content.decode()  # both open the empty form
    assert fasilitator.post(url, _post()).status_code == 302
    r = bkm.post(url, _post({**ANGKA, "jumlah_rt": 1}))
    assert r.status_code == 200 and "sudah diubah orang lain" in r.content.decode()
    assert ProfilKelurahan.objects.get().jumlah_rt == 96


@pytest.mark.django_db
def test_service_refuses_a_versionless_save_over_an_existing_profile(cinunuk):
    simpan_profil(cinunuk, 2012, ANGKA)
    with pytest.raises(ValidationError, match="baru saja diisi orang lain"):
        simpan_profil(cinunuk, 2012, {**ANGKA, "jumlah_rt": 1})
    assert ProfilKelurahan.objects.get().jumlah_rt == 96
