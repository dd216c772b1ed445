"""The offline-first entry page's server side: device-made keys (a resend is the saved row),
the same-name rule, JSON answers with one row and the counters, a flat cost per save, the
paged list, the service worker and the manifest."""

import re
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kelurahan.models import Orang
from kelurahan.services import BarisKehadiran, tambah_kehadiran
from tests.kelurahan.helpers_kehadiran import baris

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def rapat(pertemuan_factory):
    return pertemuan_factory(judul="Rembug warga RW 05")


def url(p, name="kelurahan:kehadiran"):
    return reverse(name, args=[p.pk])


def kirim(c, p, **row):
    return c.post(url(p), baris(row), **JSON)


# --- idempotency key -----------------------------------------------------------------------


def test_a_resent_key_answers_the_saved_row_and_adds_nothing(client_for, rapat):
    c = client_for("fasilitator")
    kunci = str(uuid.uuid4())
    first = kirim(c, rapat, kunci=kunci, nama="Sri Wahyuni", jenis_kelamin="P", rt="3")
    assert first.status_code == 200
    again = kirim(c, rapat, kunci=kunci, nama="Sri Wahyuni", jenis_kelamin="P", rt="3")
    assert again.status_code == 200
    assert again.json()["kunci"] == first.json()["kunci"] == [kunci]
    assert f'data-kunci="{kunci}"' in again.json()["baris"] and "Sri Wahyuni" in again.json()["baris"]
    assert again.json()["jumlah"]["total"] == 1
    row = rapat.kehadiran.get()
    assert str(row.kunci) == kunci and row.nama == "Sri Wahyuni"
    assert Orang.objects.filter(nama="Sri Wahyuni").count() == 1


def test_the_service_returns_resent_rows_in_order_and_saves_only_new_ones(rapat):
    k1, k2 = uuid.uuid4(), uuid.uuid4()
    (a,) = tambah_kehadiran(rapat, [BarisKehadiran(nama="Asep Sunandar", jenis_kelamin="L", kunci=k1)])
    both = tambah_kehadiran(
        rapat,
        [
            BarisKehadiran(nama="Asep Sunandar", jenis_kelamin="L", kunci=k1),
            BarisKehadiran(nama="Euis Kurniasih", jenis_kelamin="P", kunci=k2),
        ],
    )
    assert [k.pk for k in both][0] == a.pk and both[1].nama == "Euis Kurniasih"
    assert list(rapat.kehadiran.values_list("nama", flat=True)) == ["Asep Sunandar", "Euis Kurniasih"]
    rapat.refresh_from_db()
    assert (rapat.jumlah_l, rapat.jumlah_p) == (1, 1)


def test_a_key_of_another_meeting_is_refused(rapat, pertemuan_factory):
    other = pertemuan_factory(judul="Lain")
    kunci = uuid.uuid4()
    tambah_kehadiran(other, [BarisKehadiran(nama="Asep Sunandar", jenis_kelamin="L", kunci=kunci)])
    with pytest.raises(ValidationError, match="milik pertemuan lain"):
        tambah_kehadiran(rapat, [BarisKehadiran(nama="Asep Sunandar", jenis_kelamin="L", kunci=kunci)])
    assert not rapat.kehadiran.exists()


def test_a_row_typed_by_another_user_on_the_device_is_not_saved_under_this_one(client_for, rapat, users):
    r = kirim(
        client_for("fasilitator"),
        rapat,
        kunci=str(uuid.uuid4()),
        nama="Dede Rusmana",
        jenis_kelamin="L",
    )
    assert r.status_code == 200  # no `pengguna`: a plain row
    c = client_for("fasilitator")
    data = baris({"kunci": str(uuid.uuid4()), "nama": "Ujang Rahmat", "jenis_kelamin": "L"})
    data["pengguna"] = str(users["bkm"].pk)
    r = c.post(url(rapat), data, **JSON)
    assert r.status_code == 400 and "pengguna lain" in r.json()["errors"]["nama"][0]
    assert list(rapat.kehadiran.values_list("nama", flat=True)) == ["Dede Rusmana"]


def test_json_errors_name_the_field_and_save_nothing(client_for, rapat):
    c = client_for("fasilitator")
    r = kirim(c, rapat, nama="Asep", jenis_kelamin="")
    assert r.status_code == 400 and r.json()["errors"] == {"jenis_kelamin": ["Pilih L atau P."]}
    r = kirim(c, rapat, nama="Asep", jenis_kelamin="L", rt="tiga")
    assert "rt" in r.json()["errors"]
    assert not rapat.kehadiran.exists()


# --- same name, another person ----------------------------------------------------------------


def test_same_name_from_another_rt_or_with_another_unsur_is_another_person(client_for, rapat):
    c = client_for("fasilitator")
    assert kirim(c, rapat, nama="Asep Sunandar", jenis_kelamin="L", rt="3", rw="1").status_code == 200
    assert kirim(c, rapat, nama="Asep Sunandar", jenis_kelamin="L", rt="5", rw="1").status_code == 200
    assert kirim(c, rapat, nama="Asep Sunandar", jenis_kelamin="L", rt="3", rw="1", unsur="Ketua RT").status_code == 200
    assert rapat.kehadiran.count() == 3
    assert Orang.objects.filter(nama="Asep Sunandar").count() == 3


def test_the_same_person_twice_is_refused_naming_the_row_it_matches(client_for, rapat):
    c = client_for("fasilitator")
    kirim(c, rapat, nama="Euis Kurniasih", jenis_kelamin="P")
    kirim(c, rapat, nama="Asep Sunandar", jenis_kelamin="L", rt="5", rw="2", unsur="Warga")
    r = kirim(c, rapat, nama="asep  sunandar", jenis_kelamin="L", rt="05", rw="02", unsur="warga")
    assert r.status_code == 400
    (pesan,) = r.json()["errors"]["nama"]
    assert "sudah tercatat hadir" in pesan and "no. 2, Asep Sunandar, RT/RW 05/02, Warga" in pesan
    assert rapat.kehadiran.count() == 2


def test_a_typed_name_links_only_to_the_registered_person_of_the_same_rt_rw(rapat, cinunuk):
    rt05 = Orang.objects.create(nama="Ujang Rahmat", jenis_kelamin="L", wilayah=cinunuk, rt="05", rw="01", miskin=True)
    (row,) = tambah_kehadiran(rapat, [BarisKehadiran(nama="Ujang Rahmat", jenis_kelamin="L", rt="02", rw="01")])
    assert row.orang_id != rt05.pk and not row.miskin
    assert row.orang.rt == "02"
    (row,) = tambah_kehadiran(rapat, [BarisKehadiran(nama="ujang rahmat", jenis_kelamin="L", rt="05", rw="01")])
    assert row.orang_id == rt05.pk
    # a person registered without RT/RW is not contradicted by a typed RT/RW
    iis = Orang.objects.create(nama="Iis Rohayati", jenis_kelamin="P", wilayah=cinunuk)
    (row,) = tambah_kehadiran(rapat, [BarisKehadiran(nama="Iis Rohayati", jenis_kelamin="P", rt="07", rw="03")])
    assert row.orang_id == iis.pk


def test_a_chosen_person_already_present_is_refused_with_the_row(rapat, cinunuk):
    orang = Orang.objects.create(nama="Neneng Hasanah", jenis_kelamin="P", wilayah=cinunuk)
    tambah_kehadiran(rapat, [BarisKehadiran(nama="Neneng Hasanah", jenis_kelamin="P", orang_id=orang.pk)])
    with pytest.raises(ValidationError, match=r"sama dengan no\. 1, Neneng Hasanah"):
        tambah_kehadiran(rapat, [BarisKehadiran(nama="Neneng Hasanah", jenis_kelamin="P", orang_id=orang.pk)])


# --- flat cost ----------------------------------------------------------------------------------


def _fill(p, n):
    tambah_kehadiran(p, [BarisKehadiran(nama=f"Warga Nomor {i}", jenis_kelamin="LP"[i % 2]) for i in range(n)])


def test_a_save_costs_the_same_queries_at_1_and_at_300_rows(
    client_for, pertemuan_factory, django_assert_num_queries, django_assert_max_num_queries
):
    c = client_for("fasilitator")
    small, big = pertemuan_factory(judul="Kecil"), pertemuan_factory(judul="Besar")
    _fill(small, 1)
    _fill(big, 299)
    for p in (small, big):  # session and per-process caches warm, one row more each
        kirim(c, p, kunci=str(uuid.uuid4()), nama=f"Pemanasan {p.judul}", jenis_kelamin="L")
    # the save itself takes 24 at most; with no job queue the desa's dashboard figures are
    # recounted after commit in the same request (plpbk/dasbor/middleware.py), flat as well
    with django_assert_max_num_queries(60) as at_one:
        r = kirim(c, small, kunci=str(uuid.uuid4()), nama="Sri Wahyuni", jenis_kelamin="P")
    assert r.status_code == 200
    with django_assert_num_queries(len(at_one.captured_queries)):
        r = kirim(c, big, kunci=str(uuid.uuid4()), nama="Sri Wahyuningsih", jenis_kelamin="P")
    assert r.json()["jumlah"]["total"] == 301
    assert r.json()["baris"].count("<tr") == 1  # only the new row, never the list


def test_the_entry_page_shows_the_newest_rows_one_page_at_a_time(client_for, rapat):
    _fill(rapat, 250)
    c = client_for("fasilitator")
    r = c.get(url(rapat))
    shown = [k.nama for k in r.context["kehadiran"]]
    assert len(shown) == 100 and shown[0] == "Warga Nomor 249" and r.context["ada_berikut"]
    r = c.get(url(rapat) + "?halaman=3")
    shown = [k.nama for k in r.context["kehadiran"]]
    assert len(shown) == 50 and shown[-1] == "Warga Nomor 0" and not r.context["ada_berikut"]
    assert r.context["pertemuan"].jumlah_hadir == 250
    assert c.get(url(rapat) + "?halaman=x").context["halaman"] == 1


def test_the_row_delete_control_is_a_button_keyboard_users_reach(client_for, rapat):
    """Not taken out of the tab order (it used to carry tabindex=-1), and named for screen readers."""
    kirim(client_for("fasilitator"), rapat, nama="Asep Sunandar", jenis_kelamin="L")
    html = client_for("fasilitator").get(url(rapat)).content.decode()
    tombol = re.search(r'<button[^>]*aria-label="Hapus Asep Sunandar"[^>]*>', html)
    assert tombol and 'type="submit"' in tombol.group(0) and "tabindex" not in tombol.group(0)


# --- installable web app ----------------------------------------------------------------------


def test_the_service_worker_is_served_from_the_root_for_the_whole_portal(client):
    r = client.get("/sw.js")
    assert r.status_code == 200
    assert r["Content-Type"].startswith("text/javascript")
    assert r["Service-Worker-Allowed"] == "/"
    assert b'addEventListener("fetch"' in r.content
    assert client.post("/sw.js").status_code == 405


def test_the_manifest_makes_the_portal_installable(client):
    data = client.get(reverse("manifest")).json()
    assert data["display"] == "standalone" and data["start_url"] == "/" and data["scope"] == "/"
    assert {i["sizes"] for i in data["icons"]} == {"192x192", "512x512"}
    for icon in data["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_the_entry_page_links_the_manifest_and_no_inline_script(client_for, rapat):
    html = client_for("fasilitator").get(url(rapat)).content.decode()
    assert 'rel="manifest"' in html and "js/pwa.js" in html and "js/kehadiran.js" in html
    assert 'id="teks-entri" type="application/json"' in html
    import re

    inline = [s for s in re.findall(r"<script([^>]*)>", html) if "src=" not in s and "application/json" not in s]
    assert inline == []
