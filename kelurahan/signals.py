"""Signals of the shared core.

The receivers below keep `Wilayah.jumlah_kelurahan` right when a kelurahan is added or removed
one at a time; `import_wilayah` recounts after its bulk inserts.
"""

from collections import Counter

from django.db.models import F
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from .models import Berkas, Tingkat, Wilayah


@receiver(pre_save, sender=Wilayah)
def _satu_untuk_kelurahan(sender, instance, raw=False, **kwargs):
    if instance.tingkat == Tingkat.KELURAHAN:
        instance.jumlah_kelurahan = 1


@receiver(post_save, sender=Wilayah)
def _tambah_ke_leluhur(sender, instance, created, raw=False, **kwargs):
    if created and instance.tingkat == Tingkat.KELURAHAN:
        Wilayah.objects.filter(kode__in=instance.kode_leluhur()).update(jumlah_kelurahan=F("jumlah_kelurahan") + 1)


@receiver(post_delete, sender=Wilayah)
def _kurangi_dari_leluhur(sender, instance, **kwargs):
    if instance.tingkat == Tingkat.KELURAHAN:
        Wilayah.objects.filter(kode__in=instance.kode_leluhur()).update(jumlah_kelurahan=F("jumlah_kelurahan") - 1)


def hitung_jumlah_kelurahan() -> int:
    """Recount `jumlah_kelurahan` of every region from the list itself; returns the rows changed."""
    counts: Counter[str] = Counter()
    for kode in Wilayah.objects.filter(tingkat=Tingkat.KELURAHAN).values_list("kode", flat=True).iterator(10_000):
        parts = kode.split(".")
        counts.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    changed = [
        Wilayah(kode=kode, jumlah_kelurahan=counts.get(kode, 0))
        for kode, n in Wilayah.objects.values_list("kode", "jumlah_kelurahan").iterator(10_000)
        if n != counts.get(kode, 0)
    ]
    Wilayah.objects.bulk_update(changed, ["jumlah_kelurahan"], batch_size=2_000)
    return len(changed)


def _hapus_berkas_pemilik(sender, instance, **kwargs):
    """A record that owned a file is gone (deleted itself or by a cascade): its Berkas and the
    stored file go too, so no file is left that nobody may open."""
    from .services import hapus_berkas

    for field in sender._meta.concrete_fields:
        if field.one_to_one and field.related_model is Berkas:
            berkas = Berkas.objects.filter(pk=getattr(instance, field.attname)).first()
            if berkas is not None:
                hapus_berkas(berkas)


def connect_pemilik_berkas():
    """Called from KelurahanConfig.ready, when every app's models are loaded."""
    for rel in Berkas.relasi_pemilik():
        post_delete.connect(
            _hapus_berkas_pemilik,
            sender=rel.related_model,
            dispatch_uid=f"hapus_berkas_{rel.related_model._meta.label}",
        )
