"""An account's state beyond Django's user: a password an administrator chose, to be changed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WajibGantiSandi(models.Model):
    """An account whose password an administrator chose: its owner must choose a new one
    before using the portal (kelurahan/sandi.py). The row is the flag; it goes when the
    owner changes or resets the password."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="wajib_ganti_sandi",
    )
    sejak = models.DateTimeField(_("sejak"), auto_now_add=True)

    class Meta:
        verbose_name = _("wajib ganti kata sandi")
        verbose_name_plural = _("wajib ganti kata sandi")

    def __str__(self):
        return str(self.user)
