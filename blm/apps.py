from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlmConfig(AppConfig):
    name = "blm"
    verbose_name = _("BLM")

    def bagian_wilayah(self, user, wilayah) -> dict | None:
        """This app's section of the region page (kelurahan.views.wilayah): its template and
        the data it shows, read here so the template runs no query."""
        from .services import ringkasan

        return {"template": "blm/_region_section.html", "data": ringkasan(user, wilayah)}
