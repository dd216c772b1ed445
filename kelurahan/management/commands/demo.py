from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kelurahan import demo_apps
from kelurahan.demo import ACCOUNTS, PASSWORD


class Command(BaseCommand):
    help = "Memuat data demo (Desa Cinunuk, Kabupaten Bandung) dan akun demo. Aman diulang."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="jalankan walau DEBUG mati (bukan untuk produksi)")

    def handle(self, *args, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Data demo menolak dimuat saat DEBUG mati; pakai --force bila memang disengaja.")
        # each app's demo adds its part of the seed's story (kelurahan/demo_apps.py)
        demo_apps.load_all(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Data demo siap. Akun demo (kata sandi: {PASSWORD}):"))
        for username, full_name, peran, kode in ACCOUNTS:
            self.stdout.write(f"  {username:<13} {full_name} ({peran}, {kode or 'nasional'})")
