"""Helpers shared by the sosialisasi views: kelurahan-only region pages, breadcrumbs."""

from __future__ import annotations

from django.http import Http404

from kelurahan import access
from kelurahan.mixins import RegionMixin, ScopedObjectMixin

jalur = access.jalur


class KelurahanMixin(RegionMixin):
    """A region page that exists only for a kelurahan/desa."""

    def authorize(self):
        super().authorize()
        if not self.wilayah.is_kelurahan:
            raise Http404

    def get_context_data(self, **kwargs):
        kwargs.setdefault("jalur", jalur(self.request.user, self.wilayah))
        return super().get_context_data(**kwargs)


class ChildObjectMixin(ScopedObjectMixin):
    """An object of a kelurahan's pengkondisian or Peran Pemda list."""

    permission = "sosialisasi.entry"

    def region_of(self, obj):
        return self.wilayah_of(obj).kode

    def wilayah_of(self, obj):
        return obj.pengkondisian.wilayah if hasattr(obj, "pengkondisian") else obj.wilayah
