"""The one way views declare and check access (docs/architecture.md, "Access: one scoping place").

- `PortalMixin`: logged in, and holding `permission` somewhere in the user's regions.
- `RegionMixin`: a page under a region from the URL (`kode`): outside scope is a 404,
  a missing capability there a 403.
- `ScopedObjectMixin`: a page of one object, fetched through `for_user` (404), then the
  capability is checked on the object's region (403).
"""

from django.contrib.auth.mixins import AccessMixin
from django.http import Http404
from django.shortcuts import get_object_or_404

from . import access
from .models import Wilayah


class PortalMixin(AccessMixin):
    permission = "view"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.authorize()
        return super().dispatch(request, *args, **kwargs)

    def authorize(self):
        access.require(self.request.user, self.permission)


class RegionMixin(PortalMixin):
    region_kwarg = "kode"

    def authorize(self):
        self.wilayah = get_object_or_404(
            Wilayah.objects.for_user(self.request.user), kode=self.kwargs[self.region_kwarg]
        )
        access.require(self.request.user, self.permission, self.wilayah)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("wilayah", self.wilayah)
        return super().get_context_data(**kwargs)


class ScopedObjectMixin(PortalMixin):
    """Use with DetailView/UpdateView/DeleteView/FormView whose `model` has a scoped manager."""

    def authorize(self):
        self.object = self.get_object()
        access.require(self.request.user, self.permission, self.region_of(self.object))

    def get_queryset(self):
        return self.model._default_manager.for_user(self.request.user)

    def get_object(self, queryset=None):
        cached = getattr(self, "_scoped_object", None)
        if cached is not None and queryset is None:
            return cached
        queryset = self.get_queryset() if queryset is None else queryset
        pk = self.kwargs.get(self.pk_url_kwarg if hasattr(self, "pk_url_kwarg") else "pk")
        if pk is None:
            raise Http404
        obj = get_object_or_404(queryset, pk=pk)
        self._scoped_object = obj
        return obj

    def region_of(self, obj):
        """The region the capability is checked on; override when it is not `obj.wilayah`."""
        return obj.wilayah_id if hasattr(obj, "wilayah_id") else obj.wilayah
