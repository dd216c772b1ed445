"""Shared pieces of the TIPP views: region pages limited to a kelurahan, object pages whose
region comes from the object's `kode_wilayah` (form handling is the core's
`kelurahan.mixins.ServiceFormMixin`)."""

from __future__ import annotations

from django.http import Http404

from kelurahan import access
from kelurahan.mixins import RegionMixin, ScopedObjectMixin

from ..models import TIPP


class KelurahanMixin(RegionMixin):
    """A page under a kelurahan (from `kode`); a higher region is a 404."""

    def authorize(self):
        super().authorize()
        if not self.wilayah.is_kelurahan:
            raise Http404

    def get_tipp(self, required=True):
        tipp = TIPP.objects.for_user(self.request.user).filter(wilayah=self.wilayah).first()
        if tipp is None and required:
            raise Http404
        return tipp

    def jalur(self, *tail):
        user = self.request.user
        return {
            "jalur": access.jalur(user, self.wilayah),
            "tail": list(tail),
        }


class TippObjectMixin(ScopedObjectMixin):
    """An object page; the capability is checked on the object's kelurahan."""

    select_related: tuple[str, ...] = ()

    def get_queryset(self):
        return self.model._default_manager.for_user(self.request.user).select_related(*self.select_related)

    def region_of(self, obj):
        return obj.kode_wilayah

    def jalur(self, wilayah, *tail):
        user = self.request.user
        return {"jalur": access.jalur(user, wilayah), "tail": list(tail)}
