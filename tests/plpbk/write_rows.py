from tests.access_table import as_post
from tests.kelurahan.access_rows import ROWS as KELURAHAN

ROWS = [
    as_post(KELURAHAN, "login"),
    as_post(KELURAHAN, "password_change"),
    # an empty reset request re-shows the form; an invalid link says so and sets nothing
    as_post(KELURAHAN, "password_reset"),
    as_post(KELURAHAN, "password_reset_confirm"),
]
