from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DasborConfig(AppConfig):
    """The dashboard app. Its label stays "plpbk" so that existing databases keep their
    migration history and table names (plpbk_ringkasan, ...) from before the split."""

    name = "plpbk.dasbor"
    label = "plpbk"
    verbose_name = _("Dasbor")

    def ready(self):
        from . import ringkasan

        ringkasan.connect()
