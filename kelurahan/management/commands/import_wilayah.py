import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kelurahan.wilayah_import import DATA_DIR, WilayahFileError, import_wilayah

LEVELS = {1: "provinsi", 2: "kabupaten/kota", 3: "kecamatan", 4: "kelurahan/desa"}


class Command(BaseCommand):
    help = "Memuat daftar wilayah resmi Kemendagri (provinsi sampai kelurahan/desa). Aman diulang."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", default=str(DATA_DIR), help="folder berisi provinces/regencies/districts/villages.csv"
        )
        parser.add_argument("--prefix", default=None, help="hanya wilayah dengan kode ini dan di bawahnya, mis. 32.04")

    def handle(self, *args, dir, prefix, **options):
        started = time.monotonic()
        verbosity = options["verbosity"]

        def progress(level, done, total):
            if verbosity:
                self.stdout.write(f"\r  {LEVELS[level]:<15} {done:>6}/{total} ({100 * done // total}%)", ending="")
                self.stdout.flush()

        try:
            result = import_wilayah(Path(dir), prefix=prefix, progress=progress)
        except WilayahFileError as exc:
            raise CommandError(
                "Berkas wilayah tidak valid; tidak ada yang diubah:\n  " + "\n  ".join(exc.errors)
            ) from None
        elapsed = time.monotonic() - started
        if verbosity:
            self.stdout.write("")
            self.stdout.write(
                self.style.SUCCESS(
                    f"Wilayah: {result.created} baru, {result.updated} diperbarui, {result.unchanged} tetap "
                    f"dalam {elapsed:.1f} detik."
                )
            )
