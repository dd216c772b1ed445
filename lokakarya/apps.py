from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LokakaryaConfig(AppConfig):
    name = "lokakarya"
    verbose_name = _("Lokakarya Orientasi")

    def bagian_wilayah(self, user, wilayah) -> dict | None:
        """This app's section of the region page (kelurahan.views.wilayah): its template and
        the data it shows, read here so the template runs no query."""
        from .models import Lokakarya

        terakhir = list(Lokakarya.objects.for_user(user).in_region(wilayah).for_list()[:5])  # one query
        return {"template": "lokakarya/_region_section.html", "data": terakhir}
