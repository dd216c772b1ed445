from django.db import migrations


class Migration(migrations.Migration):
    """Each kabupaten/kota's last recount is kept beside each province's: the field names both."""

    dependencies = [
        ("plpbk", "0011_generasi_provinsi"),
    ]

    operations = [
        migrations.RenameField(model_name="hariringkasan", old_name="generasi_provinsi", new_name="generasi_wilayah"),
    ]
