from tests.access_table import USERS, Row, statuses


def _none(cast):
    return {"in": {}}


def _wilayah(cast):
    return {"in": {"kode": "32.04.05.2004"}, "out": {"kode": "33.01.01.2001"}}


def _kabupaten(cast):
    return {"in": {"kode": "32.04"}, "out": {"kode": "33.01"}}


everyone_200 = dict.fromkeys(USERS, 200)

ROWS = [
    Row("home", _none, everyone_200, scoped=False),
    Row("login", _none, everyone_200, anonymous=200, scoped=False),
    Row("logout", _none, dict.fromkeys(USERS, 302), method="post", anonymous=302, scoped=False),
    Row("password_change", _none, everyone_200, scoped=False),
    Row("password_change_done", _none, everyone_200, scoped=False),
    Row("kelurahan:wilayah_index", _none, everyone_200, scoped=False),
    Row("kelurahan:wilayah", _wilayah, statuses(200)),
    Row(
        "kelurahan:wilayah",
        _kabupaten,
        statuses(200, pjok=404, fasilitator=404, bkm=404),
    ),
]
