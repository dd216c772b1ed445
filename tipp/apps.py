from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TippConfig(AppConfig):
    name = "tipp"
    verbose_name = _("Pembentukan TIPP")

    def bagian_wilayah(self, user, wilayah) -> dict | None:
        """This app's section of the region page (kelurahan.views.wilayah): its template and
        the data it shows, read here so the template runs no query."""
        if not wilayah.is_kelurahan:
            return None
        from .services import ringkasan_tipp

        return {"template": "tipp/_region_section.html", "data": ringkasan_tipp(wilayah)}
