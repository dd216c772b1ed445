"""POST rows of the KSM stage's forms (joined into tests/blm/write_rows.py): an empty post
re-shows the form to the BKM (or the Fasilitator where his), is refused to everyone else."""

from tests.access_table import as_post, only

from .access_rows_ksm import ROWS as GET_ROWS

bkm = {"expect_in": only({"bkm"}), "admin_out": 403}

ROWS = [
    as_post(GET_ROWS, "blm:ksm_tambah"),
    as_post(GET_ROWS, "blm:ksm_ubah"),
    # the KSM page's form adds a member: the BKM's
    as_post(GET_ROWS, "blm:ksm", **bkm),
    as_post(GET_ROWS, "blm:usulan_tambah"),
    as_post(GET_ROWS, "blm:usulan_ubah"),
    as_post(GET_ROWS, "blm:pencairan_tambah"),
    as_post(GET_ROWS, "blm:laporan_tambah"),
    *[as_post([r], r.name) for r in GET_ROWS if r.name == "blm:berita_acara_tambah"],
    # an empty post to an edit page re-shows the form (nothing saved)
    as_post(GET_ROWS, "blm:pencairan_ubah"),
    as_post(GET_ROWS, "blm:laporan_ubah"),
    as_post(GET_ROWS, "blm:berita_acara_ubah"),
]
