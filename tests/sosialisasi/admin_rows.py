from sosialisasi.models import Pengkondisian, PeranPemda, RembugWarga, TargetInklusi
from tests.write_table import NATIONAL, AdminRow

from . import factories as f


def _target(cast, wilayah):
    target = TargetInklusi.current()
    target.save()
    return target


def _pengkondisian(cast, wilayah):
    return f.pengkondisian(wilayah)[0]


def _rembug(cast, wilayah):
    return f.rembug(wilayah)


def _peran(cast, wilayah):
    return f.peran(wilayah)


ADMIN_ROWS = [
    # the one row of national targets: a national administrator changes it
    AdminRow(TargetInklusi, _target, kind=NATIONAL, add=False, delete=False),
    AdminRow(Pengkondisian, _pengkondisian),
    AdminRow(RembugWarga, _rembug),
    AdminRow(PeranPemda, _peran),
]
