"""Dashboards made ready by the recount. A recount moves the summary's clock, and the first view
of a dashboard after it works out its sums and attention list again (plpbk.dasbor.halaman,
`kunci_simpanan`); with writes all day the nation's page would be a first view at almost every
visit. So the scheduled recount (`hitung_ringkasan --tanda`), once committed, makes the pages
above what it counted ready in the shared cache: the nation (as it opens, and for each
programme year), then each province, kabupaten/kota, kecamatan and kelurahan it touched, up to
`HALAMAN_MAKS` pages, in the portal's language, as of today. What it keeps is what a view would
keep (the key does not name the user: every user who may open a page reads the same figures).
A page it did not reach is worked out at its first view, as before."""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from kelurahan.models import Akses, Peran, Wilayah
from kelurahan.tugas import permintaan_untuk

from . import arsip
from . import dashboard as d

logger = logging.getLogger(__name__)

#: at most this many pages after one recount run (the nation's first, then the regions by level)
HALAMAN_MAKS = 40


def pembaca_nasional():
    """A stand-in reader of the whole country for pages made outside a request: never saved,
    its one scope the nation (kelurahan.access reads `_plpbk_akses`)."""
    user = get_user_model()(username="dasbor-siap")
    user._plpbk_akses = [Akses(peran=Peran.ADMIN, wilayah=None)]
    return user


def halaman_untuk(kode: Iterable[str]) -> list[tuple[str | None, dict]]:
    """The pages a recount of the regions `kode` moved, in the order they are made ready:
    (region code or None for the nation, query)."""
    atas: set[str] = set()
    for k in kode:
        bagian = k.split(".")
        atas.update(".".join(bagian[: i + 1]) for i in range(len(bagian)))
    hari_ini = timezone.localdate()
    tahun, _angkatan = d.pilihan_saringan(None, arsip.sumber(hari_ini, hari_ini))
    pages: list[tuple[str | None, dict]] = [(None, {})] + [(None, {"tahun": t}) for t in tahun]
    pages += [(k, {}) for k in sorted(atas, key=lambda k: (k.count("."), k))]
    return pages[:HALAMAN_MAKS]


def siapkan(kode: Iterable[str]) -> int:
    """Make ready the dashboards above the recounted regions `kode` (call after the recount has
    committed); returns the pages worked out (a page already kept is only read). A page that
    fails is logged and skipped: the recount it follows has committed already."""
    from .halaman import Halaman

    pages = halaman_untuk(kode)
    wilayah = Wilayah.objects.in_bulk([k for k, _q in pages if k], field_name="kode")
    user = pembaca_nasional()
    made = 0
    with translation.override(settings.LANGUAGE_CODE):
        for k, query in pages:
            if k is not None and k not in wilayah:
                continue
            try:
                made += bool(Halaman(permintaan_untuk(user, query), wilayah.get(k)).build().get("disimpan_baru"))
            except Exception:
                logger.exception("dashboard %s: not made ready after the recount", k or "nasional")
    return made
