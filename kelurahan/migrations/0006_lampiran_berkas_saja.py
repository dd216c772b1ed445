"""The old file fields leave; the Berkas link becomes required. The defaults given first to the
fields that leave only let this migration be reversed on a database that has rows."""

import django.db.models.deletion
import kelurahan.models
from django.db import migrations, models
from django.utils import timezone


class Migration(migrations.Migration):
    dependencies = [("kelurahan", "0005_lampiran_ke_berkas")]

    operations = [
        migrations.AlterField(model_name="lampiran", name="berkas", field=models.FileField(default="", max_length=200, upload_to=kelurahan.models.lampiran_path, verbose_name="berkas")),
        migrations.AlterField(model_name="lampiran", name="tipe", field=models.CharField(default="", editable=False, max_length=10, verbose_name="tipe isi")),
        migrations.AlterField(model_name="historicallampiran", name="berkas", field=models.TextField(default="", max_length=200, verbose_name="berkas")),
        migrations.AlterField(model_name="historicallampiran", name="tipe", field=models.CharField(default="", editable=False, max_length=10, verbose_name="tipe isi")),
        migrations.AlterField(model_name="historicallampiran", name="dibuat", field=models.DateTimeField(blank=True, default=timezone.now, editable=False, verbose_name="dibuat")),
        migrations.RemoveField(model_name="lampiran", name="berkas"),
        migrations.RemoveField(model_name="historicallampiran", name="berkas"),
        migrations.RemoveField(model_name="lampiran", name="tipe"),
        migrations.RemoveField(model_name="historicallampiran", name="tipe"),
        migrations.RemoveField(model_name="lampiran", name="dibuat"),
        migrations.RemoveField(model_name="historicallampiran", name="dibuat"),
        migrations.RemoveField(model_name="lampiran", name="dibuat_oleh"),
        migrations.RemoveField(model_name="historicallampiran", name="dibuat_oleh"),
        migrations.RenameField(model_name="lampiran", old_name="berkas_baru", new_name="berkas"),
        migrations.RenameField(model_name="historicallampiran", old_name="berkas_baru", new_name="berkas"),
        migrations.AlterField(
            model_name="lampiran",
            name="berkas",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="lampiran",
                to="kelurahan.berkas",
                verbose_name="berkas",
            ),
        ),
    ]
