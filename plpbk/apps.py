from django.apps import AppConfig


class PlpbkConfig(AppConfig):
    name = "plpbk"
    verbose_name = "PLP-BK"

    def ready(self):
        from . import ringkasan

        ringkasan.connect()
