from tests.access_table import as_post
from tests.kelurahan.access_rows import ROWS as KELURAHAN

ROWS = [
    as_post(KELURAHAN, "login"),
    as_post(KELURAHAN, "password_change"),
]
