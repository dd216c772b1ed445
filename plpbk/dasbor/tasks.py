"""Scheduled work of the dashboard (Celery beat, see CELERY_BEAT_SCHEDULE in settings): the
regions marked by writes are recounted every few seconds, and the new day is rolled over just
after midnight, both outside any user request. Dashboard PDFs of the nation or a province are
made here as background jobs."""

import hashlib

from celery import shared_task
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext

from kelurahan.tugas import HasilBerkas, TugasGagal, permintaan, tugas_berkas


@shared_task(name="dasbor.proses_tanda", ignore_result=True)
def proses_tanda() -> None:
    """Recount the regions whose records changed since the last run (coalesced marks)."""
    call_command("hitung_ringkasan", "--tanda", verbosity=0)


@shared_task(name="dasbor.hari_baru", ignore_result=True)
def hari_baru() -> None:
    """Roll the summary over to the new day (figures that depend on today's date)."""
    call_command("hitung_ringkasan", "--hari-baru", verbosity=0)


def stempel(kode: str | None) -> str:
    """A stamp of the figures a dashboard PDF prints: today's date (waits are counted to it),
    the last kept day (a PDF "as of" a past date reads the kept days, plpbk.dasbor.arsip) and
    a digest of the summary rows of the region (the province rows for the nation)."""
    from .models import HariArsip, Ringkasan, RingkasanProvinsi

    disimpan = HariArsip.objects.order_by("-tanggal").values_list("tanggal", flat=True).first()

    if kode is None:
        rows = RingkasanProvinsi.objects.order_by("provinsi_id", "tahun", "pk")
    else:
        rows = Ringkasan.objects.in_region(kode).order_by("wilayah_id", "tahun")
    fields = [f.attname for f in rows.model._meta.concrete_fields if f.attname != "id"]
    digest = hashlib.sha256()
    for row in rows.values_list(*fields).iterator(chunk_size=5000):
        digest.update(repr(row).encode())
    return f"{timezone.localdate().isoformat()}|{disimpan}|{digest.hexdigest()}"


@tugas_berkas("dasbor.pdf")
def dasbor_pdf(tugas, lapor) -> HasilBerkas:
    from kelurahan import access
    from kelurahan.models import Wilayah

    from . import pdf
    from .halaman import Halaman

    # the asker's scope and capability, checked again as the view does
    user, kode = tugas.pemohon, tugas.parameter.get("kode")
    if kode:
        wilayah = Wilayah.objects.for_user(user).get(kode=kode)
    elif access.region_codes(user) is None:
        wilayah = None
    else:
        raise TugasGagal(gettext("Dasbor nasional hanya untuk pengguna yang melihat seluruh Indonesia."))
    access.require(user, "print", wilayah)
    request = permintaan(tugas)
    lapor(10)
    isi, nama = pdf.dasbor_pdf(Halaman(request, wilayah), request=request)
    return HasilBerkas(isi, nama, "application/pdf")
