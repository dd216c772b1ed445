"""Demo data of the shared core: Desa Cinunuk and Kelurahan Pasawahan in Kabupaten
Bandung, their bodies and people, and one account per role (password `plpbk-demo`).
Safe to run again: everything is get-or-create."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Akses, Jabatan, Lembaga, LokasiProgram, Orang, ProfilKelurahan, Wilayah
from .wilayah_import import import_wilayah

#: apps whose demo runs before this one: none (this part makes the regions, bodies, people
#: and accounts every other part uses)
SESUDAH: tuple[str, ...] = ()

PASSWORD = "plpbk-demo"  # noqa: S105 (the published demo password)
CINUNUK = "32.04.05.2004"
PASAWAHAN = "32.04.12.1001"

# username, full name, role, region code (None: national)
ACCOUNTS = [
    ("admin", "Administrator Nasional", "admin", None),
    ("adminjabar", "Administrator Provinsi Jawa Barat", "admin", "32"),
    ("satker", "Satker PBL Jawa Barat", "satker", "32"),
    ("kmw", "KMW P2KP Jawa Barat", "kmw", "32"),
    ("pemda", "TKPP Kabupaten Bandung", "pemda", "32.04"),
    ("korkot", "Korkot Kabupaten Bandung", "korkot", "32.04"),
    ("ppk", "PPK Kabupaten Bandung", "ppk", "32.04"),
    ("pjok", "PJOK Kecamatan Cileunyi", "pjok", "32.04.05"),
    ("fasilitator", "Fasilitator Desa Cinunuk", "fasilitator", CINUNUK),
    ("bkm", "BKM Desa Cinunuk", "bkm", CINUNUK),
    ("fasilitator2", "Fasilitator Kelurahan Pasawahan", "fasilitator", PASAWAHAN),
    ("bkm2", "BKM Kelurahan Pasawahan", "bkm", PASAWAHAN),
]

# body kind, name, region, [(position, person name, sex, start)]
BODIES = [
    ("satker", "Satker PBL Provinsi Jawa Barat", "32", [("Kepala Satker", "Ir. Hendra Kusuma", "L")]),
    ("kmw", "KMW P2KP Jawa Barat", "32", [("Team Leader", "Dra. Wulan Sari", "P")]),
    ("tkpp", "TKPP Kabupaten Bandung", "32.04", [("Ketua (Kepala Bappeda)", "Drs. Asep Suryana", "L")]),
    ("tkpkd", "TKPKD Kabupaten Bandung", "32.04", [("Sekretaris", "Rina Marlina, S.T.", "P")]),
    ("korkot", "Korkot Kabupaten Bandung", "32.04", [("Koordinator Kota", "Budi Santoso, S.T.", "L")]),
    ("tim_teknis", "Dinas PU Kabupaten Bandung", "32.04", [("Kepala Bidang Permukiman", "Ir. Dadang Hermawan", "L")]),
    ("pjok", "PJOK Kecamatan Cileunyi", "32.04.05", [("PJOK", "Yayat Supriatna", "L")]),
    ("camat", "Kecamatan Cileunyi", "32.04.05", [("Camat", "Drs. Ujang Rahmat", "L")]),
    (
        "fasilitator",
        "Tim Fasilitator Desa Cinunuk",
        CINUNUK,
        [("Fasilitator Kelurahan", "Siti Nurhasanah", "P"), ("SF PLP-BK", "Agus Setiawan", "L")],
    ),
    (
        "bkm",
        "BKM Desa Cinunuk",
        CINUNUK,
        [("Koordinator BKM", "H. Endang Sulaeman", "L"), ("Sekretaris BKM", "Neneng Hasanah", "P")],
    ),
    (
        "perangkat",
        "Pemerintah Desa Cinunuk",
        CINUNUK,
        [("Kepala Desa", "Dede Rusmana", "L"), ("Sekretaris Desa", "Iis Rohayati", "P")],
    ),
    ("fasilitator", "Tim Fasilitator Kelurahan Pasawahan", PASAWAHAN, [("Fasilitator Kelurahan", "Rudi Hartono", "L")]),
    ("bkm", "BKM Kelurahan Pasawahan", PASAWAHAN, [("Koordinator BKM", "Euis Komariah", "P")]),
    ("perangkat", "Pemerintah Kelurahan Pasawahan", PASAWAHAN, [("Lurah", "Tatang Sutisna", "L")]),
]

# Desa Cinunuk's profile for the programme year (the figures the dashboard divides by)
PROFIL_CINUNUK = {
    "penduduk_l": 24612,
    "penduduk_p": 24105,
    "jumlah_kk": 14210,
    "kk_miskin": 2316,
    "jumlah_mbr": 7840,
    "jumlah_rt": 114,
    "jumlah_rw": 23,
    "jumlah_dusun": 4,
}


def ensure_regions(stdout=None) -> None:
    """The demo needs Kabupaten Bandung; load it (only it) when the full list is not there."""
    if Wilayah.objects.filter(kode__in=[CINUNUK, PASAWAHAN]).count() != 2:
        import_wilayah(prefix="32.04")
        if stdout:
            stdout.write("  wilayah Kabupaten Bandung dimuat")


@transaction.atomic
def load(stdout=None) -> None:
    ensure_regions(stdout)
    for kode in (CINUNUK, PASAWAHAN):
        LokasiProgram.objects.get_or_create(wilayah_id=kode, defaults={"tahun": 2012, "angkatan": "2012"})
    if not ProfilKelurahan.objects.filter(wilayah_id=CINUNUK, tahun=2012).exists():
        from .profil import simpan_profil

        simpan_profil(Wilayah.objects.get(kode=CINUNUK), 2012, PROFIL_CINUNUK, sumber="Profil Desa Cinunuk 2012")
    start = datetime.date(2012, 1, 2)
    for jenis, nama, kode, positions in BODIES:
        lembaga, _ = Lembaga.objects.get_or_create(jenis=jenis, nama=nama, defaults={"wilayah_id": kode})
        for jabatan, orang_nama, jk in positions:
            orang, _ = Orang.objects.get_or_create(nama=orang_nama, wilayah_id=kode, defaults={"jenis_kelamin": jk})
            Jabatan.objects.get_or_create(orang=orang, lembaga=lembaga, jabatan=jabatan, defaults={"mulai": start})
    User = get_user_model()
    for username, full_name, peran, kode in ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": full_name,
                "is_staff": peran == "admin",
                "is_superuser": peran == "admin" and kode is None,
            },
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        Akses.objects.get_or_create(user=user, peran=peran, wilayah_id=kode)


def penutup(stdout=None) -> None:
    """After every app's part: the meetings' lifecycle (closed, verified) of the whole story."""
    from . import demo_siklus

    demo_siklus.load(stdout=stdout)
