"""Access rows of the dashboard (plpbk/dasbor/views.py)."""

from tests.access_table import USERS, Row, as_post, statuses


def _none(cast):
    return {"in": {}}


def _wilayah(cast):
    return {"in": {"kode": "32.04.05.2004"}, "out": {"kode": "33.01.01.2001"}}


def _kabupaten(cast):
    return {"in": {"kode": "32.04"}, "out": {"kode": "33.01"}}


def _tabel(kwargs_maker, tabel):
    def make(cast):
        return {k: {**v, "tabel": tabel} for k, v in kwargs_maker(cast).items()}

    return make


#: the national page: admins see it, everyone else is sent to their own region
national = {u: (200 if u == "admin" else 302) for u in USERS}
kabupaten = statuses(200, pjok=404, fasilitator=404, bkm=404)

ROWS = [
    Row("dashboard", _none, national, scoped=False),
    Row("dashboard_xlsx", lambda cast: {"in": {"tabel": "semua"}}, national, scoped=False),
    Row("dashboard_pdf", _none, national, scoped=False),
    Row("dashboard_region", _wilayah, statuses(200)),
    Row("dashboard_region", _kabupaten, kabupaten),
    Row("dashboard_region_xlsx", _tabel(_wilayah, "linimasa"), statuses(200)),
    Row("dashboard_region_xlsx", _tabel(_kabupaten, "blm"), kabupaten),
    Row("dashboard_region_pdf", _wilayah, statuses(200)),
]
# the PDF by a background job, asked by POST (a redirect to the job's page, or to the user's region)
ROWS += [as_post(ROWS, "dashboard_pdf", ok=302), as_post(ROWS, "dashboard_region_pdf", ok=302)]
