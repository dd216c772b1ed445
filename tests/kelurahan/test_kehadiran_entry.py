"""The shared attendance entry page: htmx rows, duplicates, totals, 500-row saves, roles."""

import pytest
from django.urls import reverse

from kelurahan.models import Kehadiran, Orang, Pertemuan
from kelurahan.services import BarisKehadiran, tambah_kehadiran
from tests.kelurahan.helpers_kehadiran import baris

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def rapat(pertemuan_factory):
    p = pertemuan_factory(judul="Lokakarya PLP-BK tingkat Desa", tempat="Aula Desa Cinunuk")
    p.refresh_from_db()
    return p


def url(p, name="kelurahan:kehadiran", *extra):
    return reverse(name, args=[p.pk, *extra])


def test_adding_a_row_with_htmx_returns_the_list_and_running_totals(client_for, rapat):
    c = client_for("fasilitator")
    r = c.post(url(rapat), baris({"nama": "Euis Kurniasih", "jenis_kelamin": "P", "rt": "3", "rw": "1"}), **HX)
    assert r.status_code == 200
    assert r["HX-Trigger"] == "kehadiranTersimpan"
    assert b"<html" not in r.content  # a fragment, not a page reload
    assert r.context["pertemuan"].jumlah_p == 1
    assert "Euis Kurniasih" in r.content.decode()
    r = c.post(url(rapat), baris({"nama": "Asep Saepudin", "jenis_kelamin": "L", "disabilitas": "ya"}), **HX)
    p = r.context["pertemuan"]
    assert (p.jumlah_l, p.jumlah_p, p.jumlah_disabilitas) == (1, 1, 1)
    assert 'data-testid="total-persen">50%' in r.content.decode()
    row = Kehadiran.objects.get(pertemuan=rapat, nama="Euis Kurniasih")
    assert (row.rt, row.rw, row.urutan) == ("03", "01", 1)


def test_same_person_twice_is_refused_with_a_clear_message(client_for, rapat):
    c = client_for("fasilitator")
    c.post(url(rapat), baris({"nama": "Euis Kurniasih", "jenis_kelamin": "P"}), **HX)
    r = c.post(url(rapat), baris({"nama": "euis  kurniasih", "jenis_kelamin": "P"}), **HX)
    assert r["HX-Trigger"] == "kehadiranDitolak"
    assert "sudah tercatat hadir di pertemuan ini" in r.content.decode()
    assert rapat.kehadiran.count() == 1


def test_missing_sex_is_an_error_and_saves_nothing(client_for, rapat):
    r = client_for("fasilitator").post(url(rapat), baris({"nama": "Asep", "jenis_kelamin": ""}), **HX)
    assert "Pilih L atau P" in r.content.decode()
    assert not rapat.kehadiran.exists()


def test_five_hundred_rows_are_one_save_and_one_duplicate_saves_nothing(client_for, rapat):
    c = client_for("fasilitator")
    rows = [{"nama": f"Warga Nomor {i}", "jenis_kelamin": "LP"[i % 2]} for i in range(500)]
    bad = [*rows[:499], {"nama": "Warga Nomor 7", "jenis_kelamin": "P"}]
    r = c.post(url(rapat), baris(*bad), **HX)
    assert "Warga Nomor 7 sudah ada" in r.content.decode()
    assert rapat.kehadiran.count() == 0
    r = c.post(url(rapat), baris(*rows), **HX)
    assert r["HX-Trigger"] == "kehadiranTersimpan"
    rapat.refresh_from_db()
    assert (rapat.jumlah_l, rapat.jumlah_p) == (250, 250)
    assert rapat.kehadiran.count() == 500


def test_more_than_five_hundred_rows_are_refused(client_for, rapat):
    rows = [{"nama": f"Warga {i}", "jenis_kelamin": "L"} for i in range(501)]
    r = client_for("fasilitator").post(url(rapat), baris(*rows), **HX)
    assert r["HX-Trigger"] == "kehadiranDitolak"
    assert not rapat.kehadiran.exists()


def test_plain_post_without_javascript_redirects_back_with_the_next_link(client_for, rapat):
    nxt = "/lokakarya/1/"
    r = client_for("fasilitator").post(url(rapat) + f"?next={nxt}", baris({"nama": "Cucu", "jenis_kelamin": "P"}))
    assert r.status_code == 302
    assert r["Location"].endswith("?next=%2Flokakarya%2F1%2F")
    r = client_for("fasilitator").get(url(rapat) + "?next=https://evil.example/")
    assert r.context["next"] is None


def test_bkm_sees_and_prints_but_cannot_enter(client_for, rapat):
    tambah_kehadiran(rapat, [BarisKehadiran(nama="Neneng Hasanah", jenis_kelamin="P")])
    c = client_for("bkm")
    r = c.get(url(rapat))
    assert r.status_code == 200 and r.context["can_edit"] is False
    assert b'id="form-baris"' not in r.content and b"Neneng Hasanah" in r.content
    assert c.post(url(rapat), baris({"nama": "Asep", "jenis_kelamin": "L"}), **HX).status_code == 403
    row = rapat.kehadiran.get()
    assert c.post(url(rapat, "kelurahan:kehadiran_hapus", row.pk)).status_code == 403
    assert c.get(url(rapat, "kelurahan:daftar_hadir_pdf")).status_code == 200
    assert rapat.kehadiran.count() == 1


def test_person_search_offers_people_of_the_meetings_region_only(client_for, rapat, regions):
    Orang.objects.create(nama="Dede Rusmana", jenis_kelamin="L", wilayah=regions["32.04.05.2004"], rt="03", rw="02")
    Orang.objects.create(nama="Dede Pasawahan", jenis_kelamin="L", wilayah=regions["32.04.12.1001"])
    r = client_for("fasilitator").get(url(rapat, "kelurahan:kehadiran_cari") + "?q=dede")
    names = [o.nama for o in r.context["people"]]
    assert names == ["Dede Rusmana"]
    assert b'data-rt="03"' in r.content


def test_picking_a_registered_person_links_the_row_and_marks_them_present(client_for, rapat, regions):
    orang = Orang.objects.create(nama="Dede Rusmana", jenis_kelamin="L", wilayah=regions["32.04.05.2004"])
    c = client_for("fasilitator")
    c.post(url(rapat), baris({"orang": orang.pk, "nama": "Dede Rusmana", "jenis_kelamin": "L"}), **HX)
    assert rapat.kehadiran.get().orang_id == orang.pk
    r = c.get(url(rapat, "kelurahan:kehadiran_cari") + "?q=Dede")
    assert orang.pk in r.context["hadir"] and b"sudah hadir" in r.content


def test_a_person_id_from_another_region_is_refused(client_for, rapat, regions):
    orang = Orang.objects.create(nama="Orang Tambakreja", jenis_kelamin="L", wilayah=regions["33.01.01.2001"])
    r = client_for("fasilitator").post(
        url(rapat), baris({"orang": orang.pk, "nama": "X Y", "jenis_kelamin": "L"}), **HX
    )
    assert "tidak terdaftar di wilayah pertemuan ini" in r.content.decode()
    assert not rapat.kehadiran.exists()


def test_deleting_a_row_updates_the_counters(client_for, rapat):
    rows = tambah_kehadiran(
        rapat, [BarisKehadiran(nama="A Satu", jenis_kelamin="L"), BarisKehadiran(nama="B Dua", jenis_kelamin="P")]
    )
    versi = Pertemuan.objects.get(pk=rapat.pk).versi
    r = client_for("fasilitator").post(url(rapat, "kelurahan:kehadiran_hapus", rows[0].pk), {"versi": versi}, **HX)
    assert r.status_code == 200
    p = Pertemuan.objects.get(pk=rapat.pk)
    assert (p.jumlah_l, p.jumlah_p) == (0, 1)


def test_deleting_a_row_of_another_meeting_is_404(client_for, rapat, pertemuan_factory):
    other = pertemuan_factory(judul="Lain")
    (row,) = tambah_kehadiran(other, [BarisKehadiran(nama="A Satu", jenis_kelamin="L")])
    assert client_for("fasilitator").post(url(rapat, "kelurahan:kehadiran_hapus", row.pk)).status_code == 404
    assert other.kehadiran.count() == 1


def test_out_of_scope_facilitator_gets_404(client_for, rapat):
    assert client_for("fasilitator2").get(url(rapat)).status_code == 404
    r = client_for("fasilitator2").post(url(rapat), baris({"nama": "Asep", "jenis_kelamin": "L"}), **HX)
    assert r.status_code == 404
    assert not rapat.kehadiran.exists()


def test_entry_page_query_count_does_not_grow_with_rows(client_for, rapat, django_assert_num_queries):
    c = client_for("fasilitator")
    tambah_kehadiran(rapat, [BarisKehadiran(nama=f"Warga {i}", jenis_kelamin="L") for i in range(5)])
    c.get(url(rapat))
    with django_assert_num_queries(8) as ctx:
        c.get(url(rapat))
    first = len(ctx.captured_queries)
    tambah_kehadiran(rapat, [BarisKehadiran(nama=f"Warga lain {i}", jenis_kelamin="P") for i in range(50)])
    with django_assert_num_queries(first):
        c.get(url(rapat))
