"""One history page for every audited object: who changed what, when, before -> after.

Only models with a Riwayat page (`kelurahan.riwayat.model_labels`) are reachable; the object
is fetched through its model's `for_user` (404 outside the user's regions) and needs "view"
there. Fields holding personal data (disability, poverty status) are hidden from roles
without "data_pribadi"."""

from django.apps import apps
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from .. import access
from ..mixins import PortalMixin
from ..riwayat import PRIBADI, TEKNIS, changes, model_labels, region_of

MAX_ROWS = 200


def model_for(app_label: str, model_name: str):
    label = f"{app_label}.{model_name}".lower()
    if label not in model_labels():
        raise Http404
    try:
        return apps.get_model(app_label, model_name)
    except LookupError as exc:
        raise Http404 from exc


class RiwayatView(PortalMixin, TemplateView):
    template_name = "kelurahan/riwayat.html"

    def authorize(self):
        user = self.request.user
        self.model = model_for(self.kwargs["app_label"], self.kwargs["model"])
        self.object = get_object_or_404(self.model._default_manager.for_user(user), pk=self.kwargs["pk"])
        self.kode = region_of(self.object)
        access.require(user, "view", self.kode)

    def get_context_data(self, **kwargs):
        user = self.request.user
        hidden = TEKNIS if access.has_cap(user, "data_pribadi", self.kode) else TEKNIS | PRIBADI
        records = list(
            self.object.history.select_related("history_user").order_by("-history_date", "-history_id")[:MAX_ROWS]
        )
        kwargs.update(
            object=self.object,
            verbose_name=self.model._meta.verbose_name,
            rows=changes(self.model, records, hidden),
            dipotong=len(records) == MAX_ROWS,
            kembali=(
                self.object.get_absolute_url()
                if hasattr(self.object, "get_absolute_url")
                else reverse("kelurahan:wilayah", args=[self.kode])
                if self.kode
                else None
            ),
        )
        return super().get_context_data(**kwargs)
