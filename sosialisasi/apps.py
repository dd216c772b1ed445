from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SosialisasiConfig(AppConfig):
    name = "sosialisasi"
    verbose_name = _("Sosialisasi")

    def ready(self):
        from . import services  # noqa: F401  (connects the rembug to the meeting lifecycle)

    def bagian_wilayah(self, user, wilayah) -> dict | None:
        """This app's section of the region page (kelurahan.views.wilayah): its template and
        the data it shows, read here so the template runs no query."""
        from .services import ringkasan_wilayah

        return {"template": "sosialisasi/_region_section.html", "data": ringkasan_wilayah(user, wilayah)}
