"""The demo shows every state of a meeting record on 2012 dates, and loads twice the same."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from kelurahan.models import JejakPertemuan, Pertemuan

pytestmark = pytest.mark.django_db


def test_demo_meetings_are_closed_and_verified_in_2012(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    with time_machine.travel(datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC), tick=False):
        call_command("demo", force=True, stdout=io.StringIO())
        states = dict(Pertemuan.objects.values_list("judul", "status"))
        trail = list(JejakPertemuan.objects.values_list("pertemuan__judul", "aksi", "peran", "pada"))
        call_command("demo", force=True, stdout=io.StringIO())
    assert list(JejakPertemuan.objects.values_list("pertemuan__judul", "aksi", "peran", "pada")) == trail
    assert set(states.values()) == {"draf", "ditutup", "diverifikasi"}
    assert states["Lokakarya PLP-BK tingkat Desa"] == "diverifikasi"  # the rembug warga, closed with it
    assert states["Pemilihan anggota Pokja ND"] == "ditutup"
    assert {timezone.localdate(pada).year for *_r, pada in trail} == {2012}
    for judul, aksi, peran, pada in trail:
        tanggal = Pertemuan.objects.get(judul=judul).tanggal
        assert timezone.localdate(pada) >= tanggal, (judul, aksi)
        assert peran in {"fasilitator", "pjok", "korkot", "kmw"}
    langkah1 = [(a, p) for j, a, p, _d in trail if j.startswith("Pembentukan TIPP langkah 1")]
    assert langkah1 == [("tutup", "fasilitator"), ("verifikasi", "pjok")]
