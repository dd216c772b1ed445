"""Recount the dashboard's summary from scratch: after loading data with raw SQL, or after
restoring a database made without the summary tables."""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from kelurahan.signals import hitung_jumlah_kelurahan
from plpbk.dasbor import ringkasan


class Command(BaseCommand):
    help = "Hitung ulang ringkasan dasbor dari semua catatan."

    def handle(self, *args, **options):
        start = time.perf_counter()
        wilayah = hitung_jumlah_kelurahan()
        rows = ringkasan.bangun_ulang()
        self.stdout.write(
            _("Ringkasan dasbor: %(rows)s baris dihitung; %(w)s jumlah kelurahan diperbaiki (%(s).1f detik).")
            % {"rows": rows, "w": wilayah, "s": time.perf_counter() - start}
        )
