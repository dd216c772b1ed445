from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TippConfig(AppConfig):
    name = "tipp"
    verbose_name = _("Pembentukan TIPP")
