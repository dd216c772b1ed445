"""Reads that stay flat as the data grows: the same page costs the same number of queries
with a few rows and with many (issue 17, "reads that stay flat")."""

import pytest
from django.urls import reverse

from kelurahan.models import Kehadiran, Orang

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
