from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlmConfig(AppConfig):
    name = "blm"
    verbose_name = _("BLM")

    def ready(self):
        """Give the TIPP work plan the BLM usage deadline without tipp importing blm."""
        try:
            from tipp import services as tipp_services
        except ImportError:
            return
        providers = getattr(tipp_services, "BATAS_WAKTU_PROVIDERS", None)
        if providers is None:
            return
        from .services import batas_waktu_pemanfaatan

        if batas_waktu_pemanfaatan not in providers:
            providers.append(batas_waktu_pemanfaatan)
