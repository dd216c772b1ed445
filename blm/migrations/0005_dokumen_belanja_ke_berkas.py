"""Existing BLM documents and receipts move into kelurahan.Berkas (files copied under random
names; the uploader's file name is kept as the original name)."""

from django.db import migrations

from kelurahan.migrations._berkas import pindahkan


def ke_berkas(apps, schema_editor):
    pindahkan(apps, "blm", "DokumenBLM", "berkas", "berkas_baru", oleh="diunggah_oleh", waktu="diunggah_pada")
    pindahkan(apps, "blm", "BelanjaLPJ", "bukti", "bukti_baru", oleh="dicatat_oleh", waktu="dicatat_pada")


class Migration(migrations.Migration):
    dependencies = [("blm", "0004_dokumen_belanja_berkas")]

    operations = [migrations.RunPython(ke_berkas, migrations.RunPython.noop)]
