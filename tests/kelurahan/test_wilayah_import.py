"""import_wilayah: checked whole before writing, idempotent, clear errors."""

import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kelurahan.models import Tingkat, Wilayah
from kelurahan.wilayah_import import DATA_DIR, WilayahFileError, import_wilayah, read_files


def test_the_shipped_files_hold_the_whole_country():
    rows = read_files()
    levels = [r[2] for r in rows]
    assert [levels.count(level) for level in (1, 2, 3, 4)] == [38, 514, 7285, 83762]
    assert ("32.04.05.2004", "Cinunuk", 4, "32.04.05") in rows


def test_licence_and_attribution_travel_with_the_data():
    assert (DATA_DIR / "LICENSE-ODbL.md").is_file()
    assert "ODbL" in (DATA_DIR / "SOURCE.md").read_text()


@pytest.mark.django_db
def test_prefix_import_then_rerun_changes_nothing():
    first = import_wilayah(prefix="32.04")
    assert Wilayah.objects.get(kode="32.04.05.2004").label == "Desa Cinunuk"
    assert Wilayah.objects.get(kode="32.04.12.1001").label == "Kelurahan Pasawahan"
    assert Wilayah.objects.get(kode="32.04").induk_id == "32"
    assert not Wilayah.objects.filter(kode__startswith="33").exists()
    assert first.created == Wilayah.objects.count()
    again = import_wilayah(prefix="32.04")
    assert (again.created, again.updated, again.unchanged) == (0, 0, first.created)


@pytest.mark.django_db
def test_a_renamed_region_is_updated(tmp_path):
    import_wilayah(prefix="32.04.05")
    folder = tmp_path / "w"
    shutil.copytree(DATA_DIR, folder)
    villages = (
        (folder / "villages.csv")
        .read_text()
        .replace("32.04.05.2004,32.04.05,Cinunuk", "32.04.05.2004,32.04.05,Cinunuk Baru")
    )
    (folder / "villages.csv").write_text(villages)
    result = import_wilayah(folder, prefix="32.04.05")
    assert result.updated == 1
    assert Wilayah.objects.get(kode="32.04.05.2004").nama == "Cinunuk Baru"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "file,bad,needle",
    [
        ("villages.csv", "32.04.05.2004,32.04.05,Cinunuk\n32.04.05.20X4,32.04.05,Rusak\n", "tidak sesuai format"),
        ("villages.csv", "32.04.05.2004,32.04.05,Cinunuk\n32.04.05.2004,32.04.05,Cinunuk\n", "muncul dua kali"),
        ("villages.csv", "32.04.05.2004,32.04.05,Cinunuk\n32.04.99.2001,32.04.99,Entah\n", "tidak ada di berkas"),
        ("districts.csv", "32.04.05,32.04\n", "kolom"),
    ],
)
def test_a_malformed_file_is_refused_and_changes_nothing(tmp_path, file, bad, needle):
    folder = tmp_path / "w"
    shutil.copytree(DATA_DIR, folder)
    path = folder / file
    header = path.read_text().splitlines()[0]
    path.write_text(header + "\n" + (path.read_text().split("\n", 1)[1] if file != "villages.csv" else "") + bad)
    with pytest.raises(WilayahFileError) as exc:
        import_wilayah(folder)
    assert needle in str(exc.value)
    assert Wilayah.objects.count() == 0


@pytest.mark.django_db
def test_an_unknown_file_gets_a_clear_command_error(tmp_path):
    (tmp_path / "provinces.csv").write_text("id;nama\n1;x\n")
    with pytest.raises(CommandError) as exc:
        call_command("import_wilayah", dir=str(tmp_path), stdout=StringIO())
    message = str(exc.value)
    assert "tidak ada yang diubah" in message and "kepala kolom" in message and "regencies.csv" in message
    assert Wilayah.objects.count() == 0


@pytest.mark.django_db
def test_the_command_shows_progress_and_a_summary():
    out = StringIO()
    call_command("import_wilayah", prefix="32.04.05", stdout=out)
    text = out.getvalue()
    assert "kelurahan/desa" in text and "100%" in text
    assert "baru" in text
    assert Wilayah.objects.filter(tingkat=Tingkat.KELURAHAN, kode__startswith="32.04.05.").count() == 6
