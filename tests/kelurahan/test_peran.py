"""Roles as the programme names them: TKPP (the Pemda's team), Satker/SNVT PBL, KMW (the
provincial consultant) and Korkot/Askot (its coordinator in a kabupaten/kota), kept apart."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import translation

from kelurahan import access
from kelurahan.models import Akses, Peran

pytestmark = pytest.mark.django_db

CINUNUK = "32.04.05.2004"
TAMBAKREJA = "33.01.01.2001"


def test_labels_say_the_programme_names():
    assert Peran.PEMDA.label == "TKPP (Pemda)"
    assert Peran.SATKER.label == "Satker/SNVT PBL"
    assert Peran.KMW.label == "KMW"
    assert Peran.KORKOT.label == "Korkot/Askot"
    with translation.override("en"):
        assert str(Peran.PEMDA.label) == "TKPP (regional government)"


@pytest.mark.parametrize(
    "peran, kode, ok",
    [
        ("kmw", "32", True),
        ("kmw", "32.04", False),
        ("korkot", "32.04", True),
        ("korkot", "32", False),
        ("satker", "32", True),
        ("pemda", "32", True),
        ("pemda", "32.04", True),
    ],
)
def test_level_rule(users, peran, kode, ok):
    akses = Akses(user=users["bkm"], peran=peran, wilayah_id=kode)
    if ok:
        akses.clean()
    else:
        with pytest.raises(ValidationError):
            akses.clean()


def test_kmw_works_across_its_province_but_holds_no_blm_step(users):
    kmw = users["kmw"]
    for cap in ("view", "print", "dashboard", "pertemuan.entry", "lokakarya.entry", "tipp.entry", "tipp.approve"):
        assert access.has_cap(kmw, cap, CINUNUK), cap
        assert not access.has_cap(kmw, cap, TAMBAKREJA), cap
    for cap in ("blm.verify.korkot", "blm.lpj.accept", "blm.request", "blm.pay", "admin"):
        assert not access.has_cap(kmw, cap, CINUNUK), cap
    assert access.has_cap(users["korkot"], "blm.verify.korkot", CINUNUK)


def test_kmw_approves_a_work_plan_page_but_not_a_blm_step(client_for):
    c = client_for("kmw")
    assert c.get(f"/tipp/wilayah/{CINUNUK}/rencana/").status_code == 200
    assert c.get(f"/tipp/wilayah/{TAMBAKREJA}/rencana/").status_code == 404
    page = c.get("/").content.decode()
    assert "KMW" in page


def test_migration_turns_a_province_korkot_into_kmw(users):
    migration = importlib.import_module("kelurahan.migrations.0010_peran_program_kmw")
    old = Akses.objects.create(user=users["pjok"], peran="korkot", wilayah_id="32")
    kab = Akses.objects.get(user=users["korkot"])
    migration.korkot_provinsi_jadi_kmw(apps, None)
    old.refresh_from_db()
    kab.refresh_from_db()
    assert (old.peran, kab.peran) == ("kmw", "korkot")
