from django.db.models import Q

from kelurahan.querysets import ScopedQuerySet


class LokakaryaQuerySet(ScopedQuerySet):
    scope_field = "pertemuan__wilayah__kode"

    def search(self, text: str):
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(
            Q(pertemuan__judul__icontains=text)
            | Q(pertemuan__tempat__icontains=text)
            | Q(penyelenggara__icontains=text)
            | Q(pertemuan__wilayah__nama__icontains=text)
        )

    def for_list(self):
        return self.select_related("pertemuan", "pertemuan__wilayah").order_by("-pertemuan__tanggal", "-pk")


class NarasumberQuerySet(ScopedQuerySet):
    scope_field = "lokakarya__pertemuan__wilayah__kode"
