"""The dashboard's summary, outside any request.

- `--hari-baru`: on the first run of a day, mark every region with an approved work plan (its
  planned progress moved with the date); otherwise nothing.
- `--tanda`: recount the marked regions (the database marks every write), in short
  transactions of a few hundred regions, until none is left; `--batas N` stops after N. Then
  the dashboards above what was counted are made ready (plpbk.dasbor.siapkan), unless
  `--tanpa-siapkan`.
- neither: recount everything from scratch, after loading data or restoring a database made
  without the summary tables.

Scheduled (README, "The dashboard's summary"): `hitung_ringkasan --hari-baru --tanda` every few
minutes; run it by hand whenever the figures must be current now.
"""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from kelurahan.signals import hitung_jumlah_kelurahan
from plpbk.dasbor import ringkasan, siapkan


class Command(BaseCommand):
    help = (
        "Hitung ringkasan dasbor: --tanda menghitung wilayah yang berubah, --hari-baru menandai rencana kerja "
        "pada hari baru; tanpa keduanya menghitung ulang semua dari catatan."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tanda", action="store_true", help="hitung wilayah yang ditandai berubah")
        parser.add_argument("--hari-baru", action="store_true", help="tandai rencana kerja pada hari baru")
        parser.add_argument("--batas", type=int, default=None, help="paling banyak sekian wilayah (dengan --tanda)")
        parser.add_argument(
            "--tanpa-siapkan",
            action="store_false",
            dest="siap",
            help="jangan siapkan dasbor di atas wilayah yang dihitung (dengan --tanda)",
        )

    def handle(self, *args, tanda=False, hari_baru=False, batas=None, siap=True, verbosity=1, **options):
        start = time.perf_counter()

        def say(text):
            if verbosity > 0:  # --verbosity 0 on a schedule: quiet, errors still show
                self.stdout.write(text)

        if not (tanda or hari_baru):
            wilayah = hitung_jumlah_kelurahan()
            rows = ringkasan.bangun_ulang()
            say(
                _("Ringkasan dasbor: %(rows)s baris dihitung; %(w)s jumlah kelurahan diperbaiki (%(s).1f detik).")
                % {"rows": rows, "w": wilayah, "s": time.perf_counter() - start}
            )
            return
        if hari_baru:
            n = ringkasan.hari_baru()
            say(_("Hari baru: %(n)s wilayah dengan rencana kerja ditandai.") % {"n": n})
        if ringkasan.kunci_basi():
            # thresholds changed outside the admin, or a failed roll-over: today's list is ranked
            # on the fly until the keys are stored again
            ringkasan.perbarui_kunci()
        if tanda:
            dihitung: set[str] = set()
            n = ringkasan.proses_tanda(batas, dihitung=dihitung)
            sisa = ringkasan.PerubahanRingkasan.objects.count()
            say(
                _("Ringkasan dasbor: %(n)s wilayah dihitung, %(sisa)s tanda tersisa (%(s).1f detik).")
                % {"n": n, "sisa": sisa, "s": time.perf_counter() - start}
            )
            if dihitung and siap:
                start = time.perf_counter()
                m = siapkan.siapkan(dihitung)
                say(_("Dasbor disiapkan: %(m)s halaman (%(s).1f detik).") % {"m": m, "s": time.perf_counter() - start})
