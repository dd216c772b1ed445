from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DasborConfig(AppConfig):
    """The dashboard app. Its label stays "plpbk" so that existing databases keep their
    migration history and table names (plpbk_ringkasan, ...) from before the split."""

    name = "plpbk.dasbor"
    label = "plpbk"
    verbose_name = _("Dasbor")

    def ready(self):
        post_migrate.connect(pasang_ulang_pemicu, sender=self, dispatch_uid="dasbor-pasang-ulang-pemicu")


#: the migration that creates the mark triggers
MIGRASI_PEMICU = "0003_pemicu_tanda"


def pasang_ulang_pemicu(using="default", **kwargs):
    """After every migrate, put back any mark trigger a migration dropped (on SQLite, Django
    rebuilds a table for many field changes, and its triggers go with the old table), from
    the current declaration: the tables are the current models' by then. Tables made without
    migrations (the test database) get their triggers here too."""
    from django.db import connections
    from django.db.migrations.loader import MigrationLoader

    from kelurahan.models import Wilayah

    from . import pemicu, ringkasan
    from .models import PerubahanRingkasan

    connection = connections[using]
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    if "plpbk" in loader.migrated_apps and ("plpbk", MIGRASI_PEMICU) not in loader.applied_migrations:
        return  # not yet created (or taken back by migrating backwards)
    tables = set(connection.introspection.table_names())
    if pemicu.TABEL_TANDA not in tables:
        return
    ada = pemicu.terpasang(connection)
    vendor = connection.vendor
    hilang = [
        e for e in pemicu.beku(ringkasan.SUMBER) if e["tabel"] in tables and not pemicu.nama_pemicu(vendor, e) <= ada
    ]
    if hilang:
        pemicu.pasang(pemicu.Penulis(connection), hilang)
    # a flush (which ends with this signal too) empties every table; on SQLite it deletes row by
    # row and the triggers mark as it goes: marks of regions that no longer exist mean nothing
    PerubahanRingkasan.objects.using(using).exclude(kode__in=Wilayah.objects.using(using).values("kode")).delete()
