from tests.access_table import as_post

from .access_rows import ROWS as GET_ROWS

ROWS = [as_post(GET_ROWS, name) for name in ("kelurahan:kehadiran_import", "kelurahan:lampiran_tambah")]
