"""Existing TIPP step evidence moves into kelurahan.Berkas (files copied under random names;
the uploader's file name is kept as the original name)."""

from django.db import migrations

from kelurahan.migrations._berkas import pindahkan


def bukti_ke_berkas(apps, schema_editor):
    pindahkan(apps, "tipp", "BuktiLangkah", "berkas", "berkas_baru", oleh="diunggah_oleh", waktu="diunggah")


class Migration(migrations.Migration):
    dependencies = [("tipp", "0004_bukti_langkah_berkas")]

    operations = [migrations.RunPython(bukti_ke_berkas, migrations.RunPython.noop)]
