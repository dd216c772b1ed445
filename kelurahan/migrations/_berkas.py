"""Moving an old FileField into kelurahan.Berkas, for the data migrations of kelurahan, tipp
and blm (a module starting with "_" is not a migration itself).

Each stored file is copied under a random name (`berkas/<yyyy>/<mm>/<uuid4 hex><ext>`) and the
old, guessable file is deleted only after the migration's transaction commits, so a failed
migration leaves every old file where it was. A row whose file is missing on disk keeps its
old name in the record (nothing to copy); the serving view answers 404 for it, as before.
Historical rows that named the same old file are pointed at the new record.
"""

from __future__ import annotations

import mimetypes
import uuid
from pathlib import PurePath

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

TIPE_ISI = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp", "pdf": "application/pdf"}


def nama_acak(nama: str, waktu) -> str:
    waktu = timezone.localtime(waktu)
    return f"berkas/{waktu:%Y}/{waktu:%m}/{uuid.uuid4().hex}{PurePath(nama).suffix.lower()[:6]}"


def pindahkan(apps, app_label: str, model_name: str, lama: str, baru: str, *, nama_asli=None, tipe=None, oleh=None,
              waktu=None) -> int:
    """Give every row of `app_label.model_name` with a file in `lama` a Berkas in `baru`.

    `nama_asli(obj)`, `tipe(obj)`: the original name and content type when the old name does
    not tell them; `oleh`, `waktu`: the attribute names holding the uploader and upload time.
    Returns the number of rows moved."""
    Berkas = apps.get_model("kelurahan", "Berkas")
    Model = apps.get_model(app_label, model_name)
    History = apps.get_model(app_label, f"Historical{model_name}")
    storage = default_storage
    dihapus: list[str] = []
    peta: dict[str, object] = {}
    for obj in Model.objects.exclude(**{lama: ""}).filter(**{f"{baru}__isnull": True}).order_by("pk"):
        nama_lama = getattr(obj, lama).name
        asli = nama_asli(obj) if nama_asli else PurePath(nama_lama).name
        tipe_isi = tipe(obj) if tipe else (mimetypes.guess_type(asli)[0] or "application/octet-stream")
        diunggah = (getattr(obj, waktu) if waktu else None) or timezone.now()
        nama, ukuran = nama_lama, 0
        if storage.exists(nama_lama):
            with storage.open(nama_lama, "rb") as fh:
                nama = storage.save(nama_acak(nama_lama, diunggah), fh)
            ukuran = storage.size(nama)
            dihapus.append(nama_lama)
        berkas = Berkas.objects.create(
            berkas=nama,
            nama_asli=asli[:255],
            tipe_isi=tipe_isi,
            ukuran=ukuran,
            diunggah_oleh_id=getattr(obj, f"{oleh}_id") if oleh else None,
            diunggah=diunggah,
        )
        Model.objects.filter(pk=obj.pk).update(**{f"{baru}_id": berkas.pk})
        peta[nama_lama] = berkas.pk
    for nama_lama, pk in peta.items():
        History.objects.filter(**{lama: nama_lama}).update(**{f"{baru}_id": pk})
    transaction.on_commit(lambda: [storage.delete(n) for n in dihapus])
    return len(peta)
