"""Demo workshops from the seed: the Lokakarya PLP-BK tingkat Desa in Desa Cinunuk on
16 Mei 2012 (14 men, 15 women: 52 % women, with a named list of 29), and one workshop at
each other level (Provinsi Jawa Barat, Kabupaten Bandung, Kecamatan Cileunyi) in the
order of the cycle. Safe to run again."""

import datetime

from django.db import transaction

from kelurahan.models import JenisPertemuan, Pertemuan, Wilayah
from kelurahan.services import BarisKehadiran, tambah_kehadiran

from .models import TUJUAN_SEED, Lokakarya, SumberDana
from .services import simpan_lokakarya

#: apps whose demo runs before this one (its workshops are held in the regions with the people of kelurahan)
SESUDAH: tuple[str, ...] = ("kelurahan",)

CINUNUK = "32.04.05.2004"

# nama, L/P, unsur, RT, RW, miskin, disabilitas — 14 men and 15 women
PESERTA_DESA = [
    ("H. Endang Sulaeman", "L", "BKM", "02", "01", False, False),
    ("Neneng Hasanah", "P", "BKM", "01", "01", False, False),
    ("Dede Rusmana", "L", "Perangkat desa", "03", "02", False, False),
    ("Iis Rohayati", "P", "Perangkat desa", "01", "02", False, False),
    ("Ujang Supriadi", "L", "Ketua RW", "04", "01", False, False),
    ("Cucu Sumiati", "P", "Kader PKK", "02", "01", True, False),
    ("Asep Saepudin", "L", "Tokoh masyarakat", "01", "03", False, False),
    ("Euis Kurniasih", "P", "Kader PKK", "03", "03", False, False),
    ("Dadan Ramdani", "L", "Karang Taruna", "05", "02", False, False),
    ("Yati Suryati", "P", "Warga", "02", "04", True, False),
    ("Entis Sutisna", "L", "Tokoh agama", "01", "04", False, False),
    ("Imas Masitoh", "P", "Warga", "04", "04", True, False),
    ("Cecep Hidayat", "L", "Relawan", "03", "05", False, True),
    ("Popon Rohaeni", "P", "Tokoh perempuan", "02", "05", False, False),
    ("Wawan Setiawan", "L", "Ketua RT", "06", "05", True, False),
    ("Enok Nurhayati", "P", "Warga", "01", "06", True, False),
    ("Jajang Nurjaman", "L", "KSM", "02", "06", True, False),
    ("Titin Supartini", "P", "Relawan", "03", "06", False, False),
    ("Komarudin", "L", "Ketua RW", "01", "07", False, False),
    ("Rina Rosdiana", "P", "Kader Posyandu", "04", "07", False, True),
    ("Iwan Kurniawan", "L", "Warga", "02", "07", True, False),
    ("Nunung Nurjanah", "P", "Warga", "05", "07", True, False),
    ("Maman Suparman", "L", "Tokoh masyarakat", "03", "08", False, False),
    ("Ai Sumarni", "P", "Kader PKK", "01", "08", False, False),
    ("Odih Sodikin", "L", "Warga", "02", "08", True, False),
    ("Elis Lisnawati", "P", "Karang Taruna", "04", "08", False, False),
    ("Dedi Mulyadi", "L", "Linmas", "01", "09", False, False),
    ("Lilis Suryani", "P", "Warga", "03", "09", True, False),
    ("Heni Rohaeni", "P", "Relawan", "02", "09", False, False),
]

# region, level label in the title, date, place, organiser, funding, speakers, unsur, people (nama, L/P, unsur)
LEVELS = [
    (
        "32",
        "Lokakarya Orientasi PLP-BK tingkat Provinsi Jawa Barat",
        datetime.date(2012, 4, 10),
        "Aula Satker PBL Provinsi Jawa Barat, Bandung",
        "Satker PBL Provinsi Jawa Barat",
        SumberDana.APBN,
        [("Ir. Hendra Kusuma", "Kepala Satker PBL Jawa Barat", "Kebijakan PLP-BK dan peran Pemda")],
        "TKPP Provinsi\nBappeda Provinsi\nSatker PBL\nKMW P2KP\nPemda kabupaten/kota lokasi",
        [("Ir. Hendra Kusuma", "L", "Satker"), ("Dra. Wulan Sari", "P", "KMW"), ("Drs. Asep Suryana", "L", "TKPP")],
    ),
    (
        "32.04",
        "Lokakarya Orientasi PLP-BK tingkat Kabupaten Bandung",
        datetime.date(2012, 4, 24),
        "Gedung Bappeda Kabupaten Bandung, Soreang",
        "TKPP Kabupaten Bandung",
        SumberDana.APBD,
        [
            ("Drs. Asep Suryana", "Kepala Bappeda, Ketua TKPP", "Integrasi PLP-BK dengan program daerah"),
            ("Budi Santoso, S.T.", "Korkot", "Tahapan dan pelaku PLP-BK"),
        ],
        "TKPP\nTKPKD\nDinas PU\nDPRD\nCamat lokasi\nKorkot",
        [
            ("Drs. Asep Suryana", "L", "TKPP"),
            ("Rina Marlina, S.T.", "P", "TKPKD"),
            ("Budi Santoso, S.T.", "L", "Korkot"),
            ("Ir. Dadang Hermawan", "L", "Dinas PU"),
        ],
    ),
    (
        "32.04.05",
        "Lokakarya Orientasi PLP-BK tingkat Kecamatan Cileunyi",
        datetime.date(2012, 5, 8),
        "Aula Kantor Kecamatan Cileunyi",
        "Kecamatan Cileunyi dan PJOK",
        SumberDana.APBD,
        [("Yayat Supriatna", "PJOK Kecamatan Cileunyi", "Peran PJOK dan kecamatan dalam PLP-BK")],
        "Camat\nPJOK\nKepala desa/lurah\nBKM\nFasilitator",
        [
            ("Drs. Ujang Rahmat", "L", "Camat"),
            ("Yayat Supriatna", "L", "PJOK"),
            ("Siti Nurhasanah", "P", "Fasilitator"),
        ],
    ),
]


AGENDA = "Pembukaan\nPaparan program PLP-BK\nDiskusi peran dan tanggung jawab Pemda\nKesepakatan dan penutup"


def _people_rows(people):
    return [BarisKehadiran(nama=n, jenis_kelamin=jk, unsur=u) for n, jk, u in people]


def _ensure(kode, judul, tanggal, tempat, penyelenggara, dana, narasumber, unsur, rows, **extra):
    wilayah = Wilayah.objects.filter(kode=kode).first()
    if wilayah is None:
        return None
    existing = Lokakarya.objects.filter(
        pertemuan__wilayah=wilayah, pertemuan__judul=judul, pertemuan__jenis=JenisPertemuan.LOKAKARYA
    ).first()
    if existing is None:
        existing = simpan_lokakarya(
            wilayah,
            {
                "judul": judul,
                "tanggal": tanggal,
                "mulai": datetime.time(9, 0),
                "selesai": datetime.time(12, 0),
                "tempat": tempat,
                "notulen": extra.get("notulen", ""),
            },
            {
                "penyelenggara": penyelenggara,
                "sumber_dana": dana,
                "fasilitator": extra.get("fasilitator", ""),
                "unsur": unsur,
                "tujuan": "\n".join(TUJUAN_SEED),
                "agenda": extra.get("agenda", AGENDA),
                "hasil_kesepakatan": extra.get("hasil", ""),
            },
            [{"nama": n, "jabatan": j, "materi": m} for n, j, m in narasumber],
        )
    pertemuan = Pertemuan.objects.get(pk=existing.pertemuan_id)
    if not pertemuan.kehadiran.exists():
        tambah_kehadiran(pertemuan, rows)
    return existing


@transaction.atomic
def load(stdout=None) -> None:
    for kode, judul, tanggal, tempat, penyelenggara, dana, narasumber, unsur, people in LEVELS:
        _ensure(kode, judul, tanggal, tempat, penyelenggara, dana, narasumber, unsur, _people_rows(people))
    desa = [
        BarisKehadiran(nama=n, jenis_kelamin=jk, unsur=u, rt=rt, rw=rw, miskin=m, disabilitas=d)
        for n, jk, u, rt, rw, m, d in PESERTA_DESA
    ]
    _ensure(
        CINUNUK,
        "Lokakarya PLP-BK tingkat Desa",
        datetime.date(2012, 5, 16),
        "Aula Desa Cinunuk",
        "BKM Desa Cinunuk dan Pemerintah Desa Cinunuk",
        SumberDana.APBN,
        [
            ("Siti Nurhasanah", "Fasilitator Kelurahan", "Pengenalan PLP-BK dan tahapan perencanaan partisipatif"),
            ("Dede Rusmana", "Kepala Desa Cinunuk", "Dukungan pemerintah desa"),
        ],
        "BKM\nPerangkat desa\nKetua RT/RW\nTokoh masyarakat\nKader PKK\nKaum perempuan\nWarga penyandang disabilitas",
        desa,
        fasilitator="Siti Nurhasanah\nAgus Setiawan",
        hasil=(
            "Seluruh elemen PNPM Desa Cinunuk mendukung pelaksanaan PLP-BK\n"
            "Rembug warga sosialisasi dilaksanakan di tiap RW dengan menghadirkan perempuan dan warga "
            "penyandang disabilitas\nBKM dan perangkat desa menyiapkan pembentukan TIPP"
        ),
        notulen=(
            "Pembahasan surat keputusan lokasi penerima program PLP-BK; direspon positif oleh seluruh elemen "
            "PNPM di Desa Cinunuk.\nAcara dihadiri 14 orang laki-laki dan 15 orang perempuan (52% perempuan)."
        ),
    )
    if stdout:
        stdout.write(f"  lokakarya: {Lokakarya.objects.count()} lokakarya")
