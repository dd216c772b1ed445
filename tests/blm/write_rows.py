from tests.access_table import as_post, only

from .access_rows import ROWS as GET_ROWS
from .access_rows import admin_only

# the tahap configuration is national: the administrator of a province may not change it
national = {"province_admin": 403}
ROWS = [
    as_post(
        GET_ROWS,
        "blm:konfigurasi_tambah",
        data=lambda c: {"tahun": "2031", "jumlah_tahap": "3", "catatan": "baru"},
        expect_in={**admin_only, "admin": 302},
        **national,
    ),
    as_post(
        GET_ROWS,
        "blm:konfigurasi_ubah",
        ok=302,
        data=lambda c: {"catatan": "diubah", "jumlah_tahap": "2", **_konfigurasi_versi()},
        **national,
    ),
    as_post(GET_ROWS, "blm:alokasi_tambah"),
    as_post(GET_ROWS, "blm:alokasi_ubah"),
    as_post(GET_ROWS, "blm:dokumen_unggah"),
    as_post(GET_ROWS, "blm:ajukan", ok=302),
    # everyone reads the LPJ; only the BKM and its facilitator post it
    as_post(GET_ROWS, "blm:lpj", expect_in=only({"bkm", "fasilitator"}), admin_out=403),
]


def _konfigurasi_versi():
    """The version the configuration page shows (its form refuses a post without it)."""
    from blm.models import KonfigurasiBLM

    return {"versi": KonfigurasiBLM.objects.get().versi}


# the KSM stage (after BLM reaches the BKM)
from .write_rows_ksm import ROWS as _KSM_ROWS  # noqa: E402

ROWS += _KSM_ROWS
