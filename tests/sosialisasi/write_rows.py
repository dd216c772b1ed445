from tests.access_table import as_post

from .access_rows import ROWS as GET_ROWS

NAMES = [
    "sosialisasi:pemangku_tambah",
    "sosialisasi:pemangku_ubah",
    "sosialisasi:informal_tambah",
    "sosialisasi:informal_ubah",
    "sosialisasi:rembug_tambah",
    "sosialisasi:rembug_ubah",
    "sosialisasi:peran_tambah",
    "sosialisasi:peran_ubah",
]
ROWS = [as_post(GET_ROWS, name) for name in NAMES]
# an empty POST here is answered with a redirect and a message
ROWS += [as_post(GET_ROWS, name, ok=302) for name in ("sosialisasi:pengkondisian_ubah", "sosialisasi:rembug_tutup")]
