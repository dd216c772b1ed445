from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KelurahanConfig(AppConfig):
    name = "kelurahan"
    verbose_name = _("Wilayah, pelaku dan pertemuan")

    def ready(self):
        from . import sandi, signals  # noqa: F401

        signals.connect_pemilik_berkas()
