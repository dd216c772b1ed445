"""Scheduled work of the dashboard (Celery beat, see CELERY_BEAT_SCHEDULE in settings): the
regions marked by writes are recounted every few seconds, and the new day is rolled over just
after midnight, both outside any user request."""

from celery import shared_task
from django.core.management import call_command


@shared_task(name="dasbor.proses_tanda", ignore_result=True)
def proses_tanda() -> None:
    """Recount the regions whose records changed since the last run (coalesced marks)."""
    call_command("hitung_ringkasan", "--tanda", verbosity=0)


@shared_task(name="dasbor.hari_baru", ignore_result=True)
def hari_baru() -> None:
    """Roll the summary over to the new day (figures that depend on today's date)."""
    call_command("hitung_ringkasan", "--hari-baru", verbosity=0)
