from lokakarya.models import Lokakarya
from tests.write_table import AdminRow

from .factories import make_lokakarya


def _lokakarya(cast, wilayah):
    return make_lokakarya(wilayah)


ADMIN_ROWS = [AdminRow(Lokakarya, _lokakarya)]
