"""Shortcuts for tests that need a formed TIPP without walking its five steps."""

import datetime

from tipp.models import JUMLAH_LANGKAH, TIPP, LangkahTIPP


def tipp_terbentuk(wilayah, tanggal=datetime.date(2012, 6, 20)) -> TIPP:
    """A TIPP with its five steps done and confirmed, written directly (as loaded data)."""
    tipp, _ = TIPP.objects.get_or_create(wilayah_id=getattr(wilayah, "kode", wilayah))
    for nomor in range(1, JUMLAH_LANGKAH + 1):
        LangkahTIPP.objects.update_or_create(
            tipp=tipp, nomor=nomor, defaults={"selesai": tanggal - datetime.timedelta(days=JUMLAH_LANGKAH - nomor)}
        )
    tipp.dikukuhkan = tanggal
    tipp.save()
    return tipp
