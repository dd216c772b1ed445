from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlmConfig(AppConfig):
    name = "blm"
    verbose_name = _("BLM")
