"""Reads that stay flat as the data grows: the same page costs the same number of queries
with a few rows and with many (issue 17, "reads that stay flat")."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, reverse_lazy

from kelurahan.models import Kehadiran, LokasiProgram, Orang, Pertemuan, StatusPertemuan
from kelurahan.signals import hitung_jumlah_kelurahan

pytestmark = pytest.mark.django_db


def _hadir(pertemuan, n):
    people = Orang.objects.bulk_create(
        Orang(nama=f"Warga {i:03d}", jenis_kelamin="LP"[i % 2], wilayah=pertemuan.wilayah) for i in range(n)
    )
    Kehadiran.objects.bulk_create(
        Kehadiran(pertemuan=pertemuan, orang=o, urutan=i + 1, nama=o.nama, jenis_kelamin=o.jenis_kelamin)
        for i, o in enumerate(people)
    )


def _queries(client, url, django_assert_num_queries, count, expect):
    with django_assert_num_queries(count):
        response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    for text in expect:
        assert text in body


def test_admin_meeting_page_reads_attendance_without_a_query_per_row(
    client_for, pertemuan_factory, django_assert_num_queries
):
    """The inline shows each row's person read-only: one query for the rows with their
    people (it was one more per row: 3,020 queries for 3,000 rows)."""
    pertemuan = pertemuan_factory()
    admin = client_for("admin")
    url = reverse("admin:kelurahan_pertemuan_change", args=[pertemuan.pk])
    admin.get(url)  # content types cached, as on a running server
    _hadir(pertemuan, 3)
    _queries(admin, url, django_assert_num_queries, 11, ["Warga 000", "Warga 002"])
    Kehadiran.objects.all().delete()
    _hadir(pertemuan, 300)
    _queries(admin, url, django_assert_num_queries, 11, ["Warga 000", "Warga 299"])


def _grow(n, start):
    """`n` more programme kelurahan in Kabupaten Bandung, each with a TIPP, a rembug warga and
    a closed meeting waiting for verification."""
    from sosialisasi import services as sosialisasi_services
    from tests.conftest import make_region
    from tests.tipp.helpers import tipp_terbentuk

    for i in range(start, start + n):
        wilayah = make_region(f"32.04.{5 + i % 3:02d}.{2100 + i}", f"Desa Uji {i}")
        LokasiProgram.objects.create(wilayah=wilayah, tahun=2012, angkatan="2012")
        tipp_terbentuk(wilayah)
        sosialisasi_services.buat_rembug(
            wilayah, judul=f"Rembug {i}", tanggal=datetime.date(2012, 5, 16), tempat="Aula"
        )
        Pertemuan.objects.create(
            wilayah=wilayah, judul=f"Pertemuan {i}", jenis="lain", tanggal="2012-06-01", status=StatusPertemuan.DITUTUP
        )
    hitung_jumlah_kelurahan()


def _sql(captured, table):
    return [q["sql"] for q in captured.captured_queries if f'FROM "{table}"' in q["sql"]]


def _region_page_shape(captured):
    # the kelurahan per child come from the count kept on each region, not a count of the list
    assert not [q for q in _sql(captured, "kelurahan_wilayah") if "SUBSTR" in q]
    # counters, child table and the waiting meetings: one grouped query on the meetings
    grouped = [q for q in _sql(captured, "kelurahan_pertemuan") if "GROUP BY" in q]
    assert len(grouped) == 1 and "ditutup" in grouped[0]


def _tipp_index_shape(captured):
    # the paginator's total is a plain count of locations; steps are counted for the page only
    (total,) = [q for q in _sql(captured, "kelurahan_lokasiprogram") if q.startswith("SELECT COUNT(*)")]
    assert "tipp_langkahtipp" not in total


PAGES = [
    # (url, user, most queries, text on the page, what the queries must look like)
    (reverse_lazy("kelurahan:wilayah", args=["32"]), "admin", 20, "Desa Uji", _region_page_shape),
    (reverse_lazy("home"), "admin", 8, "menunggu verifikasi", None),
    (reverse_lazy("tipp:index"), "admin", 7, "Desa Uji", _tipp_index_shape),
    (reverse_lazy("sosialisasi:index"), "admin", 8, "Rembug", None),
]


@pytest.mark.parametrize("url,username,most,text,shape", PAGES)
def test_page_queries_do_not_grow_with_the_data(url, username, most, text, shape, client_for):
    client = client_for(username)
    _grow(2, 0)
    client.get(url)  # warm caches (content types, settings rows), as on a running server
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    assert response.status_code == 200 and text in response.content.decode()
    _grow(30, 2)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200 and text in response.content.decode()
    assert len(many) == len(few) <= most
    if shape:
        shape(many)
