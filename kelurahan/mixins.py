"""The one way views declare and check access (docs/architecture.md, "Access: one scoping place").

- `PortalMixin`: logged in, and holding `permission` somewhere in the user's regions.
- `RegionMixin`: a page under a region from the URL (`kode`): outside scope is a 404,
  a missing capability there a 403.
- `ScopedObjectMixin`: a page of one object, fetched through `for_user` (404), then the
  capability is checked on the object's region (403).
- `ServiceFormMixin`: a form page whose valid form goes to a service; the service's
  ValidationError (a stale version included) is shown on the form, nothing typed is lost.
"""

from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

from . import access
from .konflik import KonflikVersi, isi_versi_baru
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


class ServiceFormMixin:
    """form_valid calls `self.save(form)`; a ValidationError from the service goes to the form."""

    success_message = ""

    def form_valid(self, form):
        try:
            result = self.save(form)
        except KonflikVersi as exc:
            form = isi_versi_baru(form, exc)
            form.add_error(None, exc.messages[0])
            return self.form_invalid(form)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return redirect(self.get_success_url(result))


def post_action(request, action, success_message, url):
    """Run a POST-only action; its ValidationError becomes an error message."""
    try:
        action()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, success_message)
    return redirect(url)
