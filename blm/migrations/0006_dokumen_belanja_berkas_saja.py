"""The old file fields leave; the Berkas link becomes required. The defaults given first to the
fields that leave only let this migration be reversed on a database that has rows."""

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone


class Migration(migrations.Migration):
    dependencies = [("blm", "0005_dokumen_belanja_ke_berkas")]

    operations = [
        migrations.AlterField(model_name="dokumenblm", name="berkas", field=models.FileField(default="", upload_to="blm/dokumen/%Y/%m/", verbose_name="berkas")),
        migrations.AlterField(model_name="historicaldokumenblm", name="berkas", field=models.TextField(default="", max_length=100, verbose_name="berkas")),
        migrations.AlterField(model_name="historicaldokumenblm", name="diunggah_pada", field=models.DateTimeField(blank=True, default=timezone.now, editable=False, verbose_name="diunggah pada")),
        migrations.RemoveField(model_name="dokumenblm", name="berkas"),
        migrations.RemoveField(model_name="historicaldokumenblm", name="berkas"),
        migrations.RemoveField(model_name="dokumenblm", name="diunggah_pada"),
        migrations.RemoveField(model_name="historicaldokumenblm", name="diunggah_pada"),
        migrations.RemoveField(model_name="dokumenblm", name="diunggah_oleh"),
        migrations.RemoveField(model_name="historicaldokumenblm", name="diunggah_oleh"),
        migrations.RenameField(model_name="dokumenblm", old_name="berkas_baru", new_name="berkas"),
        migrations.RenameField(model_name="historicaldokumenblm", old_name="berkas_baru", new_name="berkas"),
        migrations.RemoveField(model_name="belanjalpj", name="bukti"),
        migrations.RemoveField(model_name="historicalbelanjalpj", name="bukti"),
        migrations.RenameField(model_name="belanjalpj", old_name="bukti_baru", new_name="bukti"),
        migrations.RenameField(model_name="historicalbelanjalpj", old_name="bukti_baru", new_name="bukti"),
        migrations.AlterField(
            model_name="dokumenblm",
            name="berkas",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="dokumen_blm",
                to="kelurahan.berkas",
                verbose_name="berkas",
            ),
        ),
    ]
