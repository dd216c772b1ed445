"""Attendance rows posted at the same moment from two sessions, on either database: every
request waits its turn, none answers 500, every row is saved and counted."""

import threading
import time

import pytest
from django.db import connections, transaction
from django.test import Client
from django.urls import reverse

from kelurahan.models import Kehadiran, Pertemuan
from tests.kelurahan.helpers_kehadiran import baris
from tests.paralel import race, shared_database

pytestmark = pytest.mark.django_db(transaction=True)


def test_six_rows_from_two_sessions_at_once_are_all_saved(pertemuan_factory, users, tmp_path):
    p = pertemuan_factory(judul="Rembug warga RW 03")
    url = reverse("kelurahan:kehadiran", args=[p.pk])

    with shared_database(tmp_path):
        clients = []
        for i in range(6):
            c = Client()
            c.force_login(users["fasilitator" if i % 2 else "pjok"])
            clients.append(c)

        def post(i):
            row = {"nama": f"Warga Paralel {i}", "jenis_kelamin": "LP"[i % 2]}
            return clients[i].post(url, baris(row), HTTP_HX_REQUEST="true").status_code

        results = race(6, post)
        assert results == [200] * 6, results
        names = set(Kehadiran.objects.filter(pertemuan_id=p.pk).values_list("nama", flat=True))
        assert names == {f"Warga Paralel {i}" for i in range(6)}
        p = Pertemuan.objects.get(pk=p.pk)
        assert (p.jumlah_l, p.jumlah_p) == (3, 3)


def test_a_page_opens_while_someone_is_saving(pertemuan_factory, users, tmp_path):
    """A GET reads without taking the write lock (on SQLite its transaction is DEFERRED)."""
    p = pertemuan_factory(judul="Rembug warga RW 03")
    url = reverse("kelurahan:kehadiran", args=[p.pk])
    with shared_database(tmp_path):
        c = Client()
        c.force_login(users["fasilitator"])
        writing, done = threading.Event(), threading.Event()

        def writer():
            try:
                with transaction.atomic():
                    Pertemuan.objects.filter(pk=p.pk).update(tempat="Balai RW 03")
                    writing.set()
                    done.wait(30)
            finally:
                connections.close_all()

        thread = threading.Thread(target=writer)
        thread.start()
        assert writing.wait(10)
        started = time.monotonic()
        try:
            response = c.get(url)
        finally:
            done.set()
            thread.join(30)
        assert response.status_code == 200 and "Rembug warga RW 03" in response.content.decode()
        assert time.monotonic() - started < 5
        assert Pertemuan.objects.get(pk=p.pk).tempat == "Balai RW 03"
