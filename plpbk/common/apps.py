from django.apps import AppConfig


class CommonConfig(AppConfig):
    """Domain-free helpers every app uses (PDF, xlsx, uploads, filters, display tags).
    Nothing in this package imports an app of the portal."""

    name = "plpbk.common"
    label = "common"
