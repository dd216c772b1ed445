import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("kelurahan", "0005_lampiran_ke_berkas")]

    operations = [
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
