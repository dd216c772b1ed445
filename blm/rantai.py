"""The BLM verification chain, defined once: its steps in order, their labels, and the
capability a verifier needs at each step (`kelurahan.access.CAPABILITIES`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Langkah(models.TextChoices):
    """The verification chain, in order."""

    FASILITATOR = "fasilitator", _("Fasilitator")
    PJOK = "pjok", _("PJOK")
    KORKOT = "korkot", _("Korkot/Askot")
    PPK = "ppk", _("PPK")
    SATKER = "satker", _("Satker/SNVT PBL")


URUTAN_LANGKAH = [Langkah.FASILITATOR, Langkah.PJOK, Langkah.KORKOT, Langkah.PPK, Langkah.SATKER]


def kapabilitas(langkah: str) -> str:
    """The capability that verifies a request waiting at `langkah`."""
    return f"blm.verify.{langkah}"


#: every verifying capability, in the chain's order
KAPABILITAS_VERIFIKASI = tuple(kapabilitas(langkah) for langkah in URUTAN_LANGKAH)
