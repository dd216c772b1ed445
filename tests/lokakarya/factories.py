"""Small builders for lokakarya tests."""

import datetime
import io

from kelurahan.services import BarisKehadiran, tambah_kehadiran
from lokakarya.models import TUJUAN_SEED, SumberDana
from lokakarya.services import simpan_lokakarya


def make_lokakarya(wilayah, judul="Lokakarya PLP-BK tingkat Desa", peserta=0, **lk):
    lokakarya = simpan_lokakarya(
        wilayah,
        {
            "judul": judul,
            "tanggal": datetime.date(2012, 5, 16),
            "mulai": datetime.time(9, 0),
            "selesai": datetime.time(12, 0),
            "tempat": "Aula Desa Cinunuk",
            "notulen": "Pembahasan SK lokasi PLP-BK.",
        },
        {
            "penyelenggara": lk.get("penyelenggara", "BKM Desa Cinunuk"),
            "sumber_dana": lk.get("sumber_dana", SumberDana.APBN),
            "fasilitator": "Siti Nurhasanah",
            "unsur": "BKM\nPerangkat desa",
            "tujuan": "\n".join(TUJUAN_SEED),
            "agenda": "Pembukaan\nPaparan",
            "hasil_kesepakatan": "Mendukung PLP-BK",
        },
        [{"nama": "Yayat Supriatna", "jabatan": "PJOK", "materi": "Peran PJOK"}],
    )
    if peserta:
        rows = [BarisKehadiran(nama=f"Peserta {i:03d}", jenis_kelamin="LP"[i % 2]) for i in range(peserta)]
        tambah_kehadiran(lokakarya.pertemuan, rows)
    return lokakarya


def png_bytes(color=(200, 30, 30)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(buf, format="PNG")
    return buf.getvalue()


def form_data(**overrides):
    data = {
        "judul": "Lokakarya Orientasi PLP-BK Desa Cinunuk",
        "tanggal": "2012-05-16",
        "mulai": "09:00",
        "selesai": "12:00",
        "tempat": "Aula Desa Cinunuk",
        "penyelenggara": "BKM Desa Cinunuk",
        "sumber_dana": "apbn",
        "fasilitator": "Siti Nurhasanah",
        "unsur": "BKM\nPerangkat desa",
        "tujuan": "\n".join(TUJUAN_SEED),
        "agenda": "Pembukaan",
        "hasil_kesepakatan": "Mendukung PLP-BK",
        "notulen": "",
        "narasumber-TOTAL_FORMS": "3",
        "narasumber-INITIAL_FORMS": "0",
        "narasumber-0-nama": "Dede Rusmana",
        "narasumber-0-jabatan": "Kepala Desa",
        "narasumber-0-materi": "Dukungan desa",
    }
    data.update(overrides)
    return data
