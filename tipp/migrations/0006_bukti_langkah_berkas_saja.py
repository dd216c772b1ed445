"""The old file fields leave; the Berkas link becomes required. The defaults given first to the
fields that leave only let this migration be reversed on a database that has rows."""

import django.db.models.deletion
import tipp.models
from django.db import migrations, models
from django.utils import timezone


class Migration(migrations.Migration):
    dependencies = [("tipp", "0005_bukti_langkah_ke_berkas")]

    operations = [
        migrations.AlterField(model_name="buktilangkah", name="berkas", field=models.FileField(default="", max_length=255, upload_to=tipp.models.bukti_path, verbose_name="berkas")),
        migrations.AlterField(model_name="historicalbuktilangkah", name="berkas", field=models.TextField(default="", max_length=255, verbose_name="berkas")),
        migrations.AlterField(model_name="historicalbuktilangkah", name="diunggah", field=models.DateTimeField(blank=True, default=timezone.now, editable=False, verbose_name="diunggah")),
        migrations.RemoveField(model_name="buktilangkah", name="berkas"),
        migrations.RemoveField(model_name="historicalbuktilangkah", name="berkas"),
        migrations.RemoveField(model_name="buktilangkah", name="diunggah"),
        migrations.RemoveField(model_name="historicalbuktilangkah", name="diunggah"),
        migrations.RemoveField(model_name="buktilangkah", name="diunggah_oleh"),
        migrations.RemoveField(model_name="historicalbuktilangkah", name="diunggah_oleh"),
        migrations.RenameField(model_name="buktilangkah", old_name="berkas_baru", new_name="berkas"),
        migrations.RenameField(model_name="historicalbuktilangkah", old_name="berkas_baru", new_name="berkas"),
        migrations.AlterModelOptions(
            name="buktilangkah",
            options={"ordering": ["langkah", "id"], "verbose_name": "bukti langkah", "verbose_name_plural": "bukti langkah"},
        ),
        migrations.AlterField(
            model_name="buktilangkah",
            name="berkas",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bukti_langkah",
                to="kelurahan.berkas",
                verbose_name="berkas",
            ),
        ),
    ]
