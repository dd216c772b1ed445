from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from plpbk.dasbor.models import AmbangPerhatian
from tests.write_table import NATIONAL, AdminRow

REQUEST = {"username": "fasilitator", "ip_address": "10.0.0.7", "user_agent": "Uji", "path_info": "/masuk/"}


def _attempt(cast, wilayah):
    return AccessAttempt.objects.create(**REQUEST, get_data="", post_data="", failures_since_start=3)


def _log(cast, wilayah):
    return AccessLog.objects.create(**REQUEST)


def _failure(cast, wilayah):
    return AccessFailureLog.objects.create(**REQUEST, locked_out=False)


def _ambang(cast, wilayah):
    return AmbangPerhatian.objects.create(tahun_program=2012)


# login logs and lock-outs: national administrators read them and lift a lock-out (delete)
ADMIN_ROWS = [
    AdminRow(AccessAttempt, _attempt, kind=NATIONAL, add=False),
    AdminRow(AccessLog, _log, kind=NATIONAL, add=False),
    AdminRow(AccessFailureLog, _failure, kind=NATIONAL, add=False),
    # the dashboard's attention thresholds per programme year: national administrators only
    AdminRow(AmbangPerhatian, _ambang, kind=NATIONAL),
]
