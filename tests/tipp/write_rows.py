from tests.access_table import as_post

from .access_rows import ROWS as GET_ROWS

NAMES = [
    "tipp:anggota_tambah",
    "tipp:kukuhkan",
    "tipp:pokja_tambah",
    "tipp:kegiatan_tambah",
    "tipp:langkah",
    "tipp:anggota_ubah",
    "tipp:fgd_tambah",
    "tipp:pemilihan",
    "tipp:fgd_ubah",
    "tipp:kandidat_tambah",
    "tipp:kegiatan_ubah",
    "tipp:progres",
]
ROWS = [as_post(GET_ROWS, name) for name in NAMES]
# an empty POST here is answered with a redirect and a message
ROWS += [as_post(GET_ROWS, name, ok=302) for name in ("tipp:pemilih", "tipp:suara")]

# planning documents: an empty POST re-shows the form
ROWS += [
    as_post(GET_ROWS, name)
    for name in ("tipp:dokumen_tambah", "tipp:dokumen_ubah", "tipp:dokumen_unggah", "tipp:konsultasi_tambah")
]
