import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kelurahan.demo import ACCOUNTS, PASSWORD

# each app's demo adds its part of the seed's story, in the order of the cycle
DEMO_MODULES = [
    "kelurahan.demo",
    "lokakarya.demo",
    "sosialisasi.demo",
    "tipp.demo",
    "blm.demo",
    "kelurahan.demo_siklus",
]


class Command(BaseCommand):
    help = "Memuat data demo (Desa Cinunuk, Kabupaten Bandung) dan akun demo. Aman diulang."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="jalankan walau DEBUG mati (bukan untuk produksi)")

    def handle(self, *args, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Data demo menolak dimuat saat DEBUG mati; pakai --force bila memang disengaja.")
        for name in DEMO_MODULES:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name == name:
                    continue
                raise
            module.load(stdout=self.stdout)
            self.stdout.write(f"  {name}: siap")
        self.stdout.write(self.style.SUCCESS(f"Data demo siap. Akun demo (kata sandi: {PASSWORD}):"))
        for username, full_name, peran, kode in ACCOUNTS:
            self.stdout.write(f"  {username:<13} {full_name} ({peran}, {kode or 'nasional'})")
