"""Person and body pages: positions, meetings attended, personal data by role, what stays
hidden outside the user's regions, query counts that do not grow with attendance; and the
kelurahan count kept on each region."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kelurahan.models import Jabatan, Lembaga, Orang, Wilayah
from kelurahan.services import BarisKehadiran, tambah_kehadiran
from tests.conftest import make_region

pytestmark = pytest.mark.django_db


@pytest.fixture
def euis(regions, lembaga_factory, pertemuan_factory):
    cinunuk = regions["32.04.05.2004"]
    orang = Orang.objects.create(
        nama="Euis Sumarni",
        jenis_kelamin="P",
        wilayah=cinunuk,
        telepon="0812-2233-4455",
        miskin=True,
        rt="003",
        rw="005",
    )
    bkm = lembaga_factory(wilayah=cinunuk, nama="BKM Sauyunan")
    tkpp = lembaga_factory(jenis="tkpp", wilayah=regions["32.04"], nama="TKPP Kabupaten Bandung")
    Jabatan.objects.create(orang=orang, lembaga=bkm, jabatan="Koordinator", mulai=datetime.date(2011, 1, 1))
    Jabatan.objects.create(orang=orang, lembaga=tkpp, jabatan="Anggota", mulai=datetime.date(2012, 1, 1))
    for judul, tanggal in (("Rembug warga", "2012-05-16"), ("Lokakarya PLP-BK tingkat Desa", "2012-05-02")):
        p = pertemuan_factory(judul=judul, tanggal=tanggal)
        tambah_kehadiran(p, [BarisKehadiran(nama="Euis Sumarni", jenis_kelamin="P", unsur="BKM", orang_id=orang.pk)])
    return orang


def test_person_page_lists_positions_and_meetings_attended_newest_first(client_for, euis):
    page = client_for("pemda").get(reverse("kelurahan:orang", args=[euis.pk])).content.decode()
    assert "Koordinator" in page and "BKM Sauyunan" in page and "TKPP Kabupaten Bandung" in page
    assert page.index("Rembug warga") < page.index("Lokakarya PLP-BK tingkat Desa")
    assert "16 Mei 2012" in page


def test_personal_details_only_for_roles_that_hold_them(client_for, euis):
    url = reverse("kelurahan:orang", args=[euis.pk])
    assert "0812-2233-4455" in client_for("fasilitator").get(url).content.decode()
    pemda_page = client_for("pemda").get(url).content.decode()
    assert "0812-2233-4455" not in pemda_page and "Warga miskin" not in pemda_page
    assert "003/005" in pemda_page


def test_a_desa_user_does_not_see_a_kabupaten_body_on_the_person_page(client_for, euis):
    page = client_for("bkm").get(reverse("kelurahan:orang", args=[euis.pk])).content.decode()
    assert "BKM Sauyunan" in page
    assert "TKPP Kabupaten Bandung" not in page


def test_body_page_links_only_the_members_the_user_may_see(client_for, euis, regions, lembaga_factory):
    tkpp = euis.jabatan.get(jabatan="Anggota").lembaga
    outsider = Orang.objects.create(nama="Slamet Riyadi", jenis_kelamin="L", wilayah=regions["33.01.01.2001"])
    Jabatan.objects.create(orang=outsider, lembaga=tkpp, jabatan="Sekretaris", mulai=datetime.date(2012, 1, 1))
    page = client_for("pemda").get(reverse("kelurahan:lembaga", args=[tkpp.pk])).content.decode()
    assert f'href="{reverse("kelurahan:orang", args=[euis.pk])}"' in page
    assert "Slamet Riyadi" in page
    assert f'href="{reverse("kelurahan:orang", args=[outsider.pk])}"' not in page


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_attendance_or_members(client_for, euis, pertemuan_factory, lembaga_factory):
    c = client_for("fasilitator")
    orang_url = reverse("kelurahan:orang", args=[euis.pk])
    bkm = euis.jabatan.get(jabatan="Koordinator").lembaga
    lembaga_url = reverse("kelurahan:lembaga", args=[bkm.pk])
    before = (_count(c, orang_url), _count(c, lembaga_url))
    for i in range(12):
        p = pertemuan_factory(judul=f"Rapat {i}")
        tambah_kehadiran(p, [BarisKehadiran(nama="Euis Sumarni", jenis_kelamin="P", orang_id=euis.pk)])
        o = Orang.objects.create(nama=f"Warga {i}", jenis_kelamin="L", wilayah=euis.wilayah)
        Jabatan.objects.create(orang=o, lembaga=bkm, jabatan="Anggota", mulai=datetime.date(2012, 1, 1))
    assert (_count(c, orang_url), _count(c, lembaga_url)) == before


def test_region_page_links_people_and_bodies(client_for, euis):
    page = client_for("fasilitator").get(reverse("kelurahan:wilayah", args=["32.04.05.2004"])).content.decode()
    assert f'href="{reverse("kelurahan:orang", args=[euis.pk])}"' in page
    assert f'href="{reverse("kelurahan:lembaga", args=[euis.jabatan.get(jabatan="Koordinator").lembaga_id])}"' in page


def test_a_national_body_is_seen_only_by_national_roles(client_for, regions):
    satker = Lembaga.objects.create(jenis="satker", nama="Satker PBL Nasional", wilayah=None)
    url = reverse("kelurahan:lembaga", args=[satker.pk])
    assert "Tingkat nasional" in client_for("admin").get(url).content.decode()
    assert client_for("pemda").get(url).status_code == 404


def test_kelurahan_counts_follow_a_desa_added_and_removed(regions):
    def counts():
        return dict(
            Wilayah.objects.filter(kode__in=["32", "32.04", "32.04.05"]).values_list("kode", "jumlah_kelurahan")
        )

    before = counts()
    desa = make_region("32.04.05.2099", "Desa Baru")
    assert desa.jumlah_kelurahan == 1
    assert counts() == {k: n + 1 for k, n in before.items()}
    desa.delete()
    assert counts() == before
