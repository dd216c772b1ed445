"""Shared pieces of the TIPP views: region pages limited to a kelurahan, object pages whose
region comes from the object's `kode_wilayah`, and form handling that shows a service's
ValidationError on the form (nothing typed is lost)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect

from kelurahan import access
from kelurahan.konflik import KonflikVersi, isi_versi_baru
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
