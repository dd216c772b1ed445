"""Background jobs (`Tugas`): asking for one, running one, and the stored result.

An app declares a job in its own `tasks.py` with `@tugas_berkas("app.name")` on a function
`(tugas, lapor) -> HasilBerkas`; `lapor(percent)` moves the progress bar. A view asks for it with
`minta_tugas(user, task, ...)`: a finished result for the same kind, parameters, scope and data
stamp (a record's version, or a stamp of the rows exported) is served from storage at once;
otherwise the job is queued after the request's transaction commits (with no broker it runs
in-process then). A failure is recorded and shown to the user in plain Indonesian; a
`TugasGagal` raised by the job carries its own message.

The core knows no app: the task object comes from the caller."""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from celery import shared_task
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from plpbk.common.xlsx import XLSX_MIME, write_rows_stream

from .models import Berkas
from .models_tugas import StatusTugas, Tugas, lingkup_user

logger = logging.getLogger(__name__)


class TugasGagal(Exception):
    """Raised by a job with a message (in Indonesian) the user should read."""


@dataclass
class HasilBerkas:
    isi: bytes
    nama: str
    tipe: str


@dataclass
class Ekspor:
    """An xlsx export described once for its view and its job: `sumber` holds the querysets its
    rows are read from, each with the related fields it prints (counted and stamped), `baris()`
    gives the rows (header first)."""

    sumber: list[tuple[QuerySet, tuple]]
    baris: Callable[[], Iterator[list]]
    nama: str
    lembar: str
    #: what else the rows print that the sources do not stamp (e.g. targets in force), read
    #: only when a stamp is needed
    stempel_lain: Callable[[], str] | None = None

    def jumlah(self, batas: int | None = None) -> int:
        """The rows it writes (without the header); counting stops past `batas`."""
        total = 0
        for qs, _terkait in self.sumber:
            qs = qs.order_by()
            total += qs[: batas + 1 - total].count() if batas is not None else qs.count()
            if batas is not None and total > batas:
                break
        return total

    def stempel(self) -> str:
        lain = self.stempel_lain() if self.stempel_lain else ""
        return "#".join([*(stempel_baris(qs, *terkait) for qs, terkait in self.sumber), lain])

    def buat(self, lapor: Callable) -> HasilBerkas:
        rows = dengan_progres(self.baris(), self.jumlah(), lapor)
        return HasilBerkas(write_rows_stream(rows, str(self.lembar)), self.nama, XLSX_MIME)


def stempel_baris(queryset, *terkait) -> str:
    """A stamp of the rows of `queryset` an export writes, in one aggregate query: their number,
    the highest id, the sum of versions and the latest change (versions only grow, so an edit,
    an added or a removed row moves it), and the related `terkait` (a field path: its sum, its
    latest when it ends in "diubah"; or an aggregate expression). A model without a version is
    stamped by a digest of its rows' own fields instead."""
    fields = queryset.model._meta.concrete_fields
    names = {f.name for f in fields}
    agg = {"n": Count("pk"), "akhir": Max("pk")}
    if "versi" in names:
        agg["versi"] = Sum("versi")
    if "diubah" in names:
        agg["diubah"] = Max("diubah")
    for i, path in enumerate(terkait):
        if isinstance(path, str):
            path = Max(path) if path.endswith("diubah") else Sum(path)
        agg[f"t{i}"] = path
    a = queryset.order_by().aggregate(**agg)
    stempel = "|".join(f"{k}={a[k]}" for k in agg)
    if "versi" not in names:
        digest = hashlib.sha256()
        rows = queryset.order_by("pk").values_list(*(f.attname for f in fields))
        for row in rows.iterator(chunk_size=5000):
            digest.update(repr(row).encode())
        stempel += f"|{digest.hexdigest()[:32]}"
    return stempel


def pesan_gagal_umum() -> str:
    return _(
        "Berkas tidak dapat dibuat karena terjadi kesalahan di server. Silakan coba lagi; "
        "bila terulang, hubungi admin portal."
    )


def kunci_tugas(jenis: str, parameter: dict, lingkup: str, stempel: str) -> str:
    raw = json.dumps([jenis, parameter, lingkup, stempel], sort_keys=True, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()


def _tersedia(berkas: Berkas | None) -> bool:
    return berkas is not None and berkas.berkas.storage.exists(berkas.berkas.name)


def simpanan(user, jenis: str, parameter: dict, stempel: str) -> Tugas | None:
    """The user's own job for the same kind, parameters, scope and stamp, still running or with
    its file in storage (None: none). Reads only: a GET may call it."""
    kunci = kunci_tugas(jenis, parameter, lingkup_user(user), stempel)
    for tugas in Tugas.objects.filter(pemohon=user, kunci=kunci).exclude(status=StatusTugas.GAGAL)[:3]:
        if tugas.berjalan or _tersedia(tugas.hasil):
            return tugas
    return None


@transaction.atomic
def minta_tugas(
    user,
    task,
    *,
    jenis: str,
    judul: str,
    parameter: dict,
    stempel: str,
    kode_wilayah: str | None = None,
    kapabilitas: str = "print",
) -> Tugas:
    """The job for `user`: his own identical one when running or done, a new finished one
    pointing at an identical stored result of another user with the same scope, or a new job
    queued on `task` once the transaction commits."""
    sendiri = simpanan(user, jenis, parameter, stempel)
    if sendiri is not None:
        return sendiri
    lingkup = lingkup_user(user)
    kunci = kunci_tugas(jenis, parameter, lingkup, stempel)
    fields = {
        "jenis": jenis,
        "judul": judul[:200],
        "parameter": parameter,
        "pemohon": user,
        "kode_wilayah": kode_wilayah,
        "lingkup": lingkup,
        "kapabilitas": kapabilitas,
        "stempel": stempel[:200],
        "kunci": kunci,
    }
    for lain in Tugas.objects.filter(kunci=kunci, status=StatusTugas.SELESAI, hasil__isnull=False)[:3]:
        if _tersedia(lain.hasil):
            now = timezone.now()
            return Tugas.objects.create(
                **fields,
                status=StatusTugas.SELESAI,
                progres=100,
                hasil=lain.hasil,
                dari_simpanan=True,
                mulai=now,
                selesai_pada=now,
            )
    tugas = Tugas.objects.create(**fields)
    transaction.on_commit(lambda: _antrekan(task, tugas.pk))
    return tugas


def _antrekan(task, tugas_id) -> None:
    """Hand the job to the broker; a broker that cannot be reached fails the job visibly
    instead of leaving it queued for ever."""
    try:
        task.delay(str(tugas_id))
    except Exception:
        logger.exception("job %s could not be queued", tugas_id)
        _gagal(tugas_id, _("Tugas tidak dapat dimasukkan ke antrean. Silakan coba lagi sebentar lagi."))


def simpan_hasil(hasil: HasilBerkas, user) -> Berkas:
    """Store a generated file through the default storage (a random name, like an upload)."""
    berkas = Berkas(nama_asli=hasil.nama[:255], tipe_isi=hasil.tipe, ukuran=len(hasil.isi), diunggah_oleh=user)
    berkas.berkas.save(hasil.nama, ContentFile(hasil.isi), save=False)
    berkas.save()
    return berkas


def _gagal(tugas_id, pesan: str) -> None:
    Tugas.objects.filter(pk=tugas_id).update(status=StatusTugas.GAGAL, pesan=pesan[:500], selesai_pada=timezone.now())


def jalankan(tugas_id, buat: Callable[[Tugas, Callable], HasilBerkas]) -> str:
    """Run a queued job once (a redelivered message finds it taken and returns ""); returns its
    final status."""
    # a job left running by a worker that died longer ago than a job may take is taken over
    # (the broker delivers its message again: acks_late)
    ditinggal = timezone.now() - datetime.timedelta(seconds=settings.CELERY_TASK_SOFT_TIME_LIMIT + 60)
    taken = Tugas.objects.filter(
        Q(status=StatusTugas.ANTRI) | Q(status=StatusTugas.BERJALAN, mulai__lt=ditinggal), pk=tugas_id
    ).update(status=StatusTugas.BERJALAN, mulai=timezone.now(), progres=0)
    if not taken:
        return ""
    tugas = Tugas.objects.select_related("pemohon").get(pk=tugas_id)

    def lapor(persen: float) -> None:
        Tugas.objects.filter(pk=tugas_id).update(progres=max(0, min(99, int(persen))))

    try:
        hasil = buat(tugas, lapor)
        with transaction.atomic():
            berkas = simpan_hasil(hasil, tugas.pemohon)
            Tugas.objects.filter(pk=tugas_id).update(
                status=StatusTugas.SELESAI, progres=100, hasil=berkas, pesan="", selesai_pada=timezone.now()
            )
    except TugasGagal as exc:
        _gagal(tugas_id, str(exc) or pesan_gagal_umum())
        return StatusTugas.GAGAL
    except Exception:
        logger.exception("job %s (%s) failed", tugas_id, tugas.jenis)
        _gagal(tugas_id, pesan_gagal_umum())
        return StatusTugas.GAGAL
    return StatusTugas.SELESAI


def tugas_berkas(name: str):
    """Declare a job that makes a file: `@tugas_berkas("lokakarya.ekspor")` on a function
    `(tugas, lapor) -> HasilBerkas` gives a Celery task taking the job's id."""

    def decorate(buat):
        @shared_task(name=name, ignore_result=True)
        def task(tugas_id: str) -> str:
            return jalankan(tugas_id, buat)

        task.buat = buat
        return task

    return decorate


def dengan_progres(rows, total: int, lapor: Callable, setiap: int = 500):
    """Pass rows through, reporting the share done every `setiap` rows (the header row first)."""
    for i, row in enumerate(rows):
        if i and i % setiap == 0 and total:
            lapor(100 * i / (total + 1))
        yield row


def wilayah_tugas(tugas: Tugas):
    """The region a region export was asked for, read again within the asker's scope (gone
    from it: the job fails)."""
    from .models import Wilayah

    return Wilayah.objects.for_user(tugas.pemohon).get(kode=tugas.parameter["kode"])


def permintaan(tugas: Tugas, path: str = "/"):
    """A stand-in GET request of the job's user with the query string it was asked with
    (`parameter["q"]`), for builders written against a request (print templates, filters)."""
    return permintaan_untuk(tugas.pemohon, QueryDict(tugas.parameter.get("q", "")), path)


def permintaan_untuk(user, query, path: str = "/"):
    """A stand-in GET request of `user` with the parameters `query` (a dict or QueryDict), for
    work outside a request (a background job, the dashboards made ready after a recount)."""
    from django.test import RequestFactory

    request = RequestFactory().get(path, query)
    request.user = user
    request.htmx = False
    return request


@transaction.atomic
def bersihkan(hari: int) -> int:
    """Delete jobs older than `hari` days, and the stored results no remaining job points at;
    returns the jobs deleted. (Run daily by Celery beat.)"""
    from .services import hapus_berkas

    lama = Tugas.objects.filter(dibuat__lt=timezone.now() - datetime.timedelta(days=hari))
    hasil = set(lama.exclude(hasil=None).values_list("hasil_id", flat=True))
    jumlah, _ = lama.delete()
    dipakai = set(Tugas.objects.filter(hasil_id__in=hasil).values_list("hasil_id", flat=True))
    for berkas in Berkas.objects.filter(pk__in=hasil - dipakai):
        hapus_berkas(berkas)
    return jumlah
