"""Region pages: drill-down content, scoping, and query counts that do not grow with data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kelurahan.models import Jabatan, Lembaga, Orang, Wilayah
from kelurahan.services import BarisKehadiran, tambah_kehadiran


def make_kecamatan(kode, n):
    Wilayah.objects.create(kode=kode, nama=f"Kec {kode}", tingkat=3, induk_id=kode.rsplit(".", 1)[0])
    Wilayah.objects.bulk_create(
        Wilayah(kode=f"{kode}.{2001 + i}", nama=f"Desa {i}", tingkat=4, induk_id=kode) for i in range(n)
    )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


@pytest.mark.parametrize("who", ["admin", "pemda"])
def test_ten_or_a_thousand_children_cost_the_same_queries(regions, client_for, who):
    make_kecamatan("32.04.90", 10)
    make_kecamatan("32.04.91", 1000)
    client = client_for(who)
    small, r_small = count_queries(client, reverse("kelurahan:wilayah", args=["32.04.90"]))
    large, r_large = count_queries(client, reverse("kelurahan:wilayah", args=["32.04.91"]))
    assert small == large
    assert r_small.content.decode().count('href="/wilayah/32.04.90.') == 10
    assert r_large.content.decode().count('href="/wilayah/32.04.91.') == 100  # first page of 100
    assert "Halaman 1 dari 10" in r_large.content.decode()


def test_children_show_counts_of_kelurahan_programme_sites_and_meetings(regions, client_for, pertemuan_factory):
    pertemuan_factory(judul="Rembug 1")
    pertemuan_factory(judul="Rembug 2")
    pertemuan_factory(wilayah=regions["32.04.12.1001"], judul="Rembug Pasawahan")
    response = client_for("pemda").get(reverse("kelurahan:wilayah", args=["32.04"]))
    rows = {child.kode: (n_kel, n_prog, n_pert) for child, n_kel, n_prog, n_pert in response.context["children"]}
    assert rows == {"32.04.05": (1, 1, 2), "32.04.12": (1, 1, 1)}


def test_a_region_page_sums_meeting_counters_below_it(regions, client_for, pertemuan_factory):
    p = pertemuan_factory()
    tambah_kehadiran(
        p,
        [BarisKehadiran(nama="Asep", jenis_kelamin="L", miskin=True), BarisKehadiran(nama="Euis", jenis_kelamin="P")],
    )
    response = client_for("pjok").get(reverse("kelurahan:wilayah", args=["32.04.05"]))
    assert response.context["pertemuan_total"] == {
        "pertemuan": 1,
        "laki_laki": 1,
        "perempuan": 1,
        "disabilitas": 0,
        "miskin": 1,
    }


def test_kelurahan_page_lists_bodies_positions_and_people(regions, client_for, lembaga_factory):
    bkm = lembaga_factory("bkm", nama="BKM Cinunuk Mandiri")
    orang = Orang.objects.create(
        nama="Neneng Hasanah", jenis_kelamin="P", wilayah=regions["32.04.05.2004"], miskin=True
    )
    Jabatan.objects.create(orang=orang, lembaga=bkm, jabatan="Sekretaris BKM", mulai="2012-01-02")
    Lembaga.objects.create(jenis="bkm", nama="BKM Pasawahan", wilayah=regions["32.04.12.1001"])
    html = client_for("fasilitator").get(reverse("kelurahan:wilayah", args=["32.04.05.2004"])).content.decode()
    assert "BKM Cinunuk Mandiri" in html and "Sekretaris BKM: Neneng Hasanah (2 Januari 2012)" in html
    assert "BKM Pasawahan" not in html


def test_breadcrumbs_link_only_regions_in_scope(regions, client_for):
    html = client_for("fasilitator").get(reverse("kelurahan:wilayah", args=["32.04.05.2004"])).content.decode()
    assert "Kabupaten Bandung" in html and 'href="/wilayah/32.04/"' not in html
    html = client_for("pemda").get(reverse("kelurahan:wilayah", args=["32.04.05.2004"])).content.decode()
    assert 'href="/wilayah/32.04/"' in html and 'href="/wilayah/32/"' not in html


def test_personal_data_columns_only_for_roles_that_need_them(regions, client_for):
    Orang.objects.create(nama="Ujang Sutisna", jenis_kelamin="L", wilayah=regions["32.04.05.2004"], disabilitas=True)
    url = reverse("kelurahan:wilayah", args=["32.04.05.2004"])
    assert client_for("fasilitator").get(url).context["lihat_data_pribadi"] is True
    pemda = client_for("pemda").get(url)
    assert pemda.context["lihat_data_pribadi"] is False
    html = pemda.content.decode()
    people_table = html[html.index('data-testid="orang"') :].split("</table>", 1)[0]
    assert "Disabilitas" not in people_table and "Ujang Sutisna" in people_table


def test_people_search_narrows_the_list(regions, client_for):
    for nama in ("Asep Saepudin", "Euis Komala", "Asep Hidayat"):
        Orang.objects.create(nama=nama, jenis_kelamin="L", wilayah=regions["32.04.05.2004"])
    response = client_for("bkm").get(reverse("kelurahan:wilayah", args=["32.04.05.2004"]), {"q": "asep"})
    assert [o.nama for o in response.context["orang_page"]] == ["Asep Hidayat", "Asep Saepudin"]


def test_region_index_lists_the_users_own_regions(regions, client_for):
    assert [w.kode for w in client_for("pjok").get(reverse("kelurahan:wilayah_index")).context["regions"]] == [
        "32.04.05"
    ]
    admin_regions = client_for("admin").get(reverse("kelurahan:wilayah_index")).context["regions"]
    assert [w.kode for w in admin_regions] == ["32", "33"]


def test_app_sections_get_their_data_from_the_view_and_render_without_queries(regions, client_for):
    """Each app's section of a region page is found through its AppConfig (INSTALLED_APPS order);
    the view reads the data, so rendering the sections runs no query."""
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    client = client_for("bkm")
    response = client.get(reverse("kelurahan:wilayah", args=["32.04.05.2004"]))
    sections = response.context["bagian_aplikasi"]
    assert [s["template"] for s in sections] == [
        "lokakarya/_region_section.html",
        "sosialisasi/_region_section.html",
        "tipp/_region_section.html",
        "blm/_region_section.html",
    ]
    request = RequestFactory().get("/")
    request.user = response.context["user"]
    context = {"bagian_aplikasi": sections, "wilayah": response.context["wilayah"], "request": request}
    with CaptureQueriesContext(connection) as ctx:
        html = render_to_string("partials/region_sections.html", context)
    assert ctx.captured_queries == []
    assert 'data-testid="sosialisasi-section"' in html and 'data-testid="tipp-ringkasan"' in html
    # above the kelurahan the TIPP app has no section
    page = client_for("pemda").get(reverse("kelurahan:wilayah", args=["32.04"]))
    assert "tipp/_region_section.html" not in [s["template"] for s in page.context["bagian_aplikasi"]]
