"""Existing meeting attachments move into kelurahan.Berkas (files copied under random names)."""

from pathlib import PurePath

from django.db import migrations

from ._berkas import TIPE_ISI, pindahkan


def lampiran_ke_berkas(apps, schema_editor):
    pindahkan(
        apps,
        "kelurahan",
        "Lampiran",
        "berkas",
        "berkas_baru",
        nama_asli=lambda obj: f"lampiran-{obj.pk}{PurePath(obj.berkas.name).suffix.lower()}",
        tipe=lambda obj: TIPE_ISI.get(obj.tipe, "application/octet-stream"),
        oleh="dibuat_oleh",
        waktu="dibuat",
    )


class Migration(migrations.Migration):
    dependencies = [("kelurahan", "0004_berkas")]

    operations = [migrations.RunPython(lampiran_ke_berkas, migrations.RunPython.noop)]
