"""The database marks the dashboard's summary (plpbk.dasbor.pemicu): whatever path a write
takes (a save, a queryset update, bulk writes, raw SQL, a delete, a data migration with
historical models), recounting the marks gives what a recount from scratch gives. The
triggers come from one declaration (ringkasan.SUMBER) that the newest migration holds a frozen
copy of, and a migrate puts back any trigger a table rebuild dropped."""

import datetime
import importlib
import pkgutil

import pytest
from django.apps import apps as global_apps
from django.db import connection
from django.db.migrations.state import ProjectState
from django.db.models import F
from django.forms.models import model_to_dict

from blm.models import AlokasiBLM, PermintaanBLM
from kelurahan.models import Pertemuan
from lokakarya.models import Lokakarya
from plpbk.dasbor import apps as dasbor_apps
from plpbk.dasbor import migrations as dasbor_migrations
from plpbk.dasbor import pemicu, ringkasan
from plpbk.dasbor.models import PerubahanRingkasan, Ringkasan, RingkasanProvinsi
from sosialisasi.models import TargetInklusi
from tests.plpbk import dashboard_data
from tipp.models import Kegiatan, LangkahTIPP, RencanaKerja

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(users):
    dashboard_data.build(users)
    ringkasan.proses_tanda()
    assert not PerubahanRingkasan.objects.exists()
    return users


#: the attention key is no figure: it follows the day and the thresholds (test_perhatian_kunci.py)
BUKAN_ANGKA = {"id", *Ringkasan.BUKAN_ANGKA}


def snapshot() -> tuple[dict, list]:
    kelurahan = {
        (r.wilayah_id, r.tahun): {k: v for k, v in model_to_dict(r).items() if k not in BUKAN_ANGKA}
        for r in Ringkasan.objects.all()
    }
    fields = ["provinsi_id", "tahun", "tahun_program", "angkatan", *Ringkasan.SEJAK, *Ringkasan.ANGKA]
    return kelurahan, sorted(RingkasanProvinsi.objects.values_list(*fields), key=repr)


# --- the write paths -----------------------------------------------------------------------
def save(users):
    Pertemuan.objects.create(wilayah_id="32.04.12.1001", judul="Rapat RT", jenis="lain", tanggal="2012-06-01")


def queryset_update(users):
    Pertemuan.objects.filter(judul="Rembug warga Pasawahan").update(jumlah_p=F("jumlah_p") + 5)


def queryset_update_moving_region(users):
    # the meeting (and its rembug warga, reached through it) leaves Pasawahan for Cinunuk
    Pertemuan.objects.filter(judul="Rembug warga Pasawahan").update(wilayah_id="32.04.05.2004")


def bulk_create(users):
    rencana = RencanaKerja.objects.get(wilayah_id="32.04.05.2004")
    Kegiatan.objects.bulk_create(
        Kegiatan(
            rencana=rencana,
            tahap="lain",
            nama=f"Kegiatan {i}",
            mulai=datetime.date(2012, 7, 1),
            durasi=30,
            urutan=10 + i,
            satuan="m",
            penanggung_jawab="KSM",
        )
        for i in range(3)
    )


def bulk_update(users):
    langkah = list(LangkahTIPP.objects.filter(tipp__wilayah_id="32.04.12.1001", nomor__in=[3, 4]))
    for x in langkah:
        x.selesai = datetime.date(2012, 6, 20)
    LangkahTIPP.objects.bulk_update(langkah, ["selesai"])


def raw_sql(users):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE blm_alokasiblm SET terbayar = terbayar + %s WHERE wilayah_id = %s", [50_000_000, "32.04.12.1001"]
        )


def delete(users):
    PermintaanBLM.objects.get(wilayah_id="32.04.05.2004", status="diproses").delete()


def queryset_delete(users):
    lokakarya = Lokakarya.objects.filter(pertemuan__wilayah_id="32.04.05")
    assert lokakarya.exists()
    lokakarya.delete()


def targets_update(users):
    # every rembug warga not yet closed is judged by the new targets
    TargetInklusi.objects.bulk_create([TargetInklusi(pk=1)], ignore_conflicts=True)
    TargetInklusi.objects.update(persen_perempuan=10, jumlah_disabilitas=0)


def data_migration(users):
    """What a RunPython function does: historical models, no model signals, no custom code."""
    historical = ProjectState.from_apps(global_apps).apps

    def forwards(apps, schema_editor):
        HPertemuan = apps.get_model("kelurahan", "Pertemuan")
        HAlokasi = apps.get_model("blm", "AlokasiBLM")
        HPertemuan.objects.create(
            wilayah_id="33.01.01.2001", judul="Rapat", jenis="lain", tanggal=datetime.date(2012, 6, 1), jumlah_l=3
        )
        HAlokasi.objects.filter(wilayah_id="33.01.01.2001").update(apbn=F("apbn") + 1_000, jumlah=F("jumlah") + 1_000)

    forwards(historical, pemicu.Penulis(connection))


WRITES = [
    save,
    queryset_update,
    queryset_update_moving_region,
    bulk_create,
    bulk_update,
    raw_sql,
    delete,
    queryset_delete,
    targets_update,
    data_migration,
]


@pytest.mark.parametrize("write", WRITES, ids=[w.__name__ for w in WRITES])
def test_every_write_path_is_marked_and_recounts_as_from_scratch(data, write):
    before = snapshot()
    write(data)
    assert PerubahanRingkasan.objects.exists(), "the write left no mark"
    assert snapshot() == before  # nothing counted yet: writes never compute figures
    ringkasan.proses_tanda()
    assert not PerubahanRingkasan.objects.exists()
    processed = snapshot()
    assert processed != before  # the write changed a figure, and processing the marks shows it
    ringkasan.bangun_ulang()
    assert snapshot() == processed


def test_an_update_that_moves_a_row_marks_both_regions_once(data):
    queryset_update_moving_region(data)
    assert sorted(PerubahanRingkasan.objects.values_list("kode", flat=True)) == ["32.04.05.2004", "32.04.12.1001"]
    PerubahanRingkasan.objects.all().delete()
    Pertemuan.objects.filter(judul="Rapat BKM lain").update(jumlah_l=1)  # no row: no mark
    AlokasiBLM.objects.filter(wilayah_id="32.04.12.1001").update(terbayar=F("terbayar"))
    assert list(PerubahanRingkasan.objects.values_list("kode", flat=True)) == ["32.04.12.1001"]


def test_region_reached_through_a_join_is_marked(data):
    """An activity reaches its region through its plan; a step through its TIPP."""
    Kegiatan.objects.filter(rencana__wilayah_id="32.04.05.2004").update(progres=F("progres"))
    LangkahTIPP.objects.filter(tipp__wilayah_id="32.04.12.1001", nomor=1).update(selesai=None)
    assert sorted(set(PerubahanRingkasan.objects.values_list("kode", flat=True))) == [
        "32.04.05.2004",
        "32.04.12.1001",
    ]


# --- one declaration, frozen in the migration -------------------------------------------------
def newest_frozen_list() -> tuple[str, list[dict]]:
    names = sorted(m.name for m in pkgutil.iter_modules(dasbor_migrations.__path__))
    for name in reversed(names):
        module = importlib.import_module(f"{dasbor_migrations.__name__}.{name}")
        frozen = getattr(module, "SUMBER", None)
        if frozen and isinstance(frozen[0], dict):
            return name, frozen
    raise AssertionError("no migration holds the frozen list of counted tables")


def test_the_newest_trigger_migration_holds_the_current_declaration():
    """A change of ringkasan.SUMBER needs a migration with the new frozen list (print it with
    `pemicu.beku(ringkasan.SUMBER)`) that replaces the triggers."""
    name, frozen = newest_frozen_list()
    assert frozen == pemicu.beku(ringkasan.SUMBER), f"{name} is stale: write a migration with the new list"
    assert name == dasbor_apps.MIGRASI_PEMICU or name > dasbor_apps.MIGRASI_PEMICU


def test_every_counted_table_has_its_triggers():
    present = pemicu.terpasang(connection)
    for entry in pemicu.beku(ringkasan.SUMBER):
        assert pemicu.nama_pemicu(connection.vendor, entry) <= present, entry["tabel"]


def test_a_migrate_puts_back_a_trigger_a_table_rebuild_dropped(data):
    kegiatan = next(e for e in pemicu.beku(ringkasan.SUMBER) if e["tabel"] == Kegiatan._meta.db_table)
    pemicu.lepas(pemicu.Penulis(connection), [kegiatan])
    bulk_create(data)
    assert not PerubahanRingkasan.objects.exists()  # gone: this write slipped past
    dasbor_apps.pasang_ulang_pemicu(using="default")
    assert pemicu.nama_pemicu(connection.vendor, kegiatan) <= pemicu.terpasang(connection)
    bulk_create(data)
    assert list(PerubahanRingkasan.objects.values_list("kode", flat=True).distinct()) == ["32.04.05.2004"]


def frozen_migrations() -> list:
    """The migrations holding a frozen list, oldest first."""
    names = sorted(m.name for m in pkgutil.iter_modules(dasbor_migrations.__path__))
    modules = [importlib.import_module(f"{dasbor_migrations.__name__}.{name}") for name in names]
    return [m for m in modules if getattr(m, "SUMBER", None) and isinstance(m.SUMBER[0], dict)]


def test_the_migration_functions_take_the_triggers_away_and_back(data):
    """Migrating back takes away, newest first, the triggers each migration added; forwards
    puts them back."""
    migrations = frozen_migrations()
    for migration in reversed(migrations):
        migration.lepas(global_apps, pemicu.Penulis(connection))
    assert not pemicu.terpasang(connection)
    save(data)
    assert not PerubahanRingkasan.objects.exists()
    for migration in migrations:
        migration.pasang(global_apps, pemicu.Penulis(connection))
    test_every_counted_table_has_its_triggers()
    save(data)
    assert PerubahanRingkasan.objects.filter(kode="32.04.12.1001").exists()


def test_the_newest_migration_takes_back_only_the_triggers_it_added(data):
    newest, older = frozen_migrations()[-1], frozen_migrations()[-2]
    added = [e for e in newest.SUMBER if e not in older.SUMBER]
    assert {e["tabel"] for e in added} == {"blm_pembayaranblm"}
    newest.lepas(global_apps, pemicu.Penulis(connection))
    present = pemicu.terpasang(connection)
    for entry in newest.SUMBER:
        assert (pemicu.nama_pemicu(connection.vendor, entry) <= present) == (entry not in added), entry["tabel"]
    newest.pasang(global_apps, pemicu.Penulis(connection))
    test_every_counted_table_has_its_triggers()
