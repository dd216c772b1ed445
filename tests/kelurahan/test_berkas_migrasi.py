"""The data migrations move files of the old FileFields into kelurahan.Berkas."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kelurahan.models import Berkas, Pertemuan
from kelurahan.services import tambah_lampiran
from plpbk.dasbor.apps import pasang_ulang_pemicu
from tests.blm import factories as blm_factories
from tests.lokakarya.factories import png_bytes
from tipp import services as tipp_services

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
BEFORE = [("kelurahan", "0004_berkas"), ("tipp", "0004_bukti_langkah_berkas"), ("blm", "0004_dokumen_belanja_berkas")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def real_migrations(settings):
    """The suite builds its tables from the models (--no-migrations); here the real migrations
    are loaded and recorded as applied, since the tables match their latest state."""
    settings.MIGRATION_MODULES = {}
    executor = MigrationExecutor(connection)
    for key in executor.loader.graph.nodes:
        executor.recorder.record_applied(*key)
    latest = [key for key in executor.loader.graph.leaf_nodes() if key[0] in {"kelurahan", "tipp", "blm"}]
    yield latest
    # every app forward again: migrating kelurahan back also took back the dashboard's
    # migrations that depend on it (its figure columns), which later tests on this worker need
    _migrate(executor.loader.graph.leaf_nodes())
    pasang_ulang_pemicu(using=connection.alias)
    executor.recorder.migration_qs.all().delete()


@pytest.mark.django_db(transaction=True)
def test_old_rows_and_their_files_move_into_berkas(regions, users, settings, tmp_path, real_migrations):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = str(tmp_path)
    cinunuk = regions["32.04.05.2004"]
    p = Pertemuan.objects.create(
        jenis="lokakarya", judul="Lokakarya", wilayah=cinunuk, tanggal=datetime.date(2012, 5, 16)
    )
    lamp = tambah_lampiran(p, None, ContentFile(png_bytes(), name="x.png"), "foto")
    langkah = tipp_services.buat_tipp(cinunuk).langkah.get(nomor=1)
    bukti = tipp_services.tambah_bukti(langkah, None, "sk", ContentFile(PDF, name="x.pdf"))
    dokumen = blm_factories.dokumen(cinunuk)
    belanja = blm_factories.dibayar(cinunuk, users["bkm"], users["ppk"]).lpj.belanja.get()
    latest = real_migrations
    for obj in (lamp, bukti, dokumen, belanja):
        obj.history.all().delete()  # history rows of the old shape are written below
    if True:
        apps = _migrate(BEFORE)
        # the rows as the portal stored them before: guessable paths under the old folders
        old = {
            ("kelurahan", "Lampiran", "berkas", lamp.pk): (f"lampiran/{p.pk}/0a1b2c3d4e5f6071.png", png_bytes()),
            ("tipp", "BuktiLangkah", "berkas", bukti.pk): ("tipp/bukti/32.04.05.2004/sk-pengukuhan-tipp.pdf", PDF),
            ("blm", "DokumenBLM", "berkas", dokumen.pk): ("blm/dokumen/2026/11/laporan.pdf", PDF),
            ("blm", "BelanjaLPJ", "bukti", belanja.pk): ("blm/bukti/2026/11/kuitansi-1.pdf", PDF),
        }
        for (app, model, field, pk), (name, data) in old.items():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_bytes(data)
            values = {field: name, f"{field}_baru": None}
            if model == "Lampiran":
                values["tipe"] = "png"
                values["dibuat_oleh_id"] = users["fasilitator"].pk
            Model = apps.get_model(app, model)
            Model.objects.filter(pk=pk).update(**values)
            row = Model.objects.get(pk=pk)
            apps.get_model(app, f"Historical{model}").objects.create(
                **{f.attname: getattr(row, f.attname) for f in Model._meta.concrete_fields},
                history_date=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC),
                history_type="+",
            )
        apps.get_model("kelurahan", "Berkas").objects.all().delete()
        for name, _ in old.values():
            assert (tmp_path / name).is_file()

        _migrate(latest)

    assert Berkas.objects.count() == 4
    moved = {
        "lampiran": Berkas.objects.get(lampiran__pk=lamp.pk),
        "bukti": Berkas.objects.get(bukti_langkah__pk=bukti.pk),
        "dokumen": Berkas.objects.get(dokumen_blm__pk=dokumen.pk),
        "kuitansi": Berkas.objects.get(belanja_lpj__pk=belanja.pk),
    }
    assert moved["lampiran"].nama_asli == f"lampiran-{lamp.pk}.png" and moved["lampiran"].tipe_isi == "image/png"
    assert moved["lampiran"].diunggah_oleh == users["fasilitator"]
    assert moved["bukti"].nama_asli == "sk-pengukuhan-tipp.pdf"
    assert moved["kuitansi"].nama_asli == "kuitansi-1.pdf" and moved["kuitansi"].tipe_isi == "application/pdf"
    for name, _data in old.values():
        assert not (tmp_path / name).exists()  # the guessable file is gone once the migration committed
    for berkas in moved.values():
        assert berkas.berkas.name.startswith("berkas/") and len(berkas.berkas.name.rsplit("/", 1)[-1]) in (36, 37)
        assert (tmp_path / berkas.berkas.name).is_file() and berkas.ukuran == (
            tmp_path / berkas.berkas.name
        ).stat().st_size
    assert (tmp_path / moved["kuitansi"].berkas.name).read_bytes() == PDF
    # history rows that named the old file now name the record
    from blm.models import BelanjaLPJ

    assert BelanjaLPJ.history.filter(id=belanja.pk, bukti_id=moved["kuitansi"].pk).exists()
