"""Demo of sosialisasi, from the seed (Desa Cinunuk, 2012): the meeting at a resident's
house in Dusun Babakan RW 01, the rembug/workshop of 16 Mei 2012 in Aula Desa Cinunuk
(14 L, 15 P: 52 % women), a pengkondisian record with a stakeholder map, and some
commitments of the desa government. Safe to run again."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from kelurahan.models import JenisPertemuan, Pertemuan
from kelurahan.services import BarisKehadiran, tambah_kehadiran

from . import services
from .models import KegiatanInformal, MediaInformal, Pemangku, PeranPemda, RembugWarga, TahapPeran

#: apps whose demo runs before this one (the rembug warga links to the workshop of 16 Mei 2012)
SESUDAH: tuple[str, ...] = ("kelurahan", "lokakarya")

CINUNUK = "32.04.05.2004"
TANGGAL_LOKAKARYA = datetime.date(2012, 5, 16)
TANGGAL_RUMAH_WARGA = datetime.date(2012, 5, 7)

PESERTA_L = [
    "Asep Saepudin", "Ujang Suherman", "Dadang Kurnia", "Cecep Hidayat", "Iwan Setiawan",
    "Deden Rohendi", "Engkos Kosasih", "Yayan Sopyan", "Tatang Sumarna", "Wawan Gunawan",
    "Nandang Permana", "Aep Saepuloh", "Ade Supriadi", "Oman Rohman",
]  # fmt: skip
PESERTA_P = [
    "Ai Rohayati", "Euis Kurniasih", "Imas Masitoh", "Enok Sumiati", "Yati Suryati",
    "Dedeh Kurniawati", "Nining Ningsih", "Tini Kartini", "Eti Rohaeti", "Lilis Suryani",
    "Cucu Cahyati", "Ika Kartika", "Nunung Nurhayati", "Empat Fatimah", "Titin Suhartini",
]  # fmt: skip

HASIL_RUMAH_WARGA = (
    "Pembahasan surat keputusan (SK) tentang lokasi yang mendapatkan program PLP-BK.\n"
    "SK tersebut langsung direspon positif oleh seluruh elemen PNPM di Desa Cinunuk.\n"
    "Disepakati Lokakarya PLP-BK tingkat Desa dilaksanakan tanggal 16 Mei 2012, bertempat di Aula Desa Cinunuk."
)
HASIL_LOKAKARYA = (
    "Masyarakat mengetahui dan memahami proyek PLP-BK dan penyusunan RPLP yang akan dilaksanakan di desa.\n"
    "Warga mendukung penyusunan dan pelaksanaan program PLP-BK di Desa Cinunuk."
)
ALASAN_LOKAKARYA = (
    "Dihadiri 14 laki-laki dan 15 perempuan (52% perempuan), tetapi tidak ada peserta penyandang disabilitas "
    "yang tercatat. Tindak lanjut: undangan khusus melalui ketua RW dan kader PKK untuk warga penyandang "
    "disabilitas pada pertemuan pembentukan TIPP."
)

KONDISI_SOSIAL = (
    "Desa Cinunuk (Kecamatan Cileunyi) berbatasan dengan kawasan perkotaan Bandung timur; sebagian warga "
    "bekerja sebagai buruh, pedagang dan pekerja sektor informal. Lembaga PNPM (BKM, KSM, relawan) sudah "
    "aktif sejak P2KP. Pertemuan warga biasanya melalui RW dan pengajian; kader PKK menjadi jalur utama "
    "untuk menjangkau kaum perempuan."
)

# name, category, role, influence, interest, invited
PEMANGKU = [
    ("Dede Rusmana", "pemerintah_desa", "Kepala Desa Cinunuk", "tinggi", "tinggi", True),
    ("Iis Rohayati", "pemerintah_desa", "Sekretaris Desa", "sedang", "tinggi", True),
    ("H. Endang Sulaeman", "lembaga_pnpm", "Koordinator BKM Desa Cinunuk", "tinggi", "tinggi", True),
    ("Ketua RW 01 Dusun Babakan", "tokoh_masyarakat", "Tuan rumah pertemuan warga", "sedang", "tinggi", True),
    ("Pengurus PKK Desa Cinunuk", "kelompok_perempuan", "Penggerak kaum perempuan", "sedang", "tinggi", True),
    ("Karang Taruna Desa Cinunuk", "pemuda", "Relawan pemuda", "rendah", "sedang", True),
    ("DKM Masjid Dusun Babakan", "tokoh_agama", "Pengumuman di pengajian", "sedang", "sedang", True),
    ("Pedagang dan pemilik toko Jalan Raya Cinunuk", "dunia_usaha", "Calon mitra swadaya", "sedang", "rendah", False),
]

# date, medium, (desa government, business, community leaders), people reached, description
INFORMAL = [
    (datetime.date(2012, 5, 2), MediaInformal.KUNJUNGAN, (True, False, False), 3,
     "Kunjungan ke Kepala Desa dan Sekretaris Desa: menyampaikan SK lokasi PLP-BK dan rencana rembug warga."),
    (datetime.date(2012, 5, 3), MediaInformal.LEAFLET, (True, True, True), 60,
     "Leaflet PLP-BK dibagikan di kantor desa, warung dan pertemuan RW."),
    (datetime.date(2012, 5, 4), MediaInformal.POSTER, (True, False, True), None,
     "Poster ajakan rembug warga dipasang di kantor desa dan pos RW."),
    (datetime.date(2012, 5, 8), MediaInformal.WHATSAPP, (False, False, True), 25,
     "Informasi rembug disebarkan di grup ketua RW dan kader PKK."),
]  # fmt: skip

# stage, what, by whom, by when, done
PERAN = [
    (TahapPeran.PERSIAPAN, "Menyediakan Aula Desa Cinunuk untuk lokakarya desa", "Pemerintah Desa Cinunuk",
     TANGGAL_LOKAKARYA, True),
    (TahapPeran.PERSIAPAN, "Mengundang ketua RW, tokoh masyarakat dan kader PKK ke rembug warga", "Sekretaris Desa",
     datetime.date(2012, 5, 14), True),
    (TahapPeran.PERENCANAAN, "Menugaskan perangkat desa dalam Tim Inti Perencanaan Partisipatif (TIPP)",
     "Kepala Desa", datetime.date(2012, 6, 30), False),
    (TahapPeran.PERENCANAAN, "Menyediakan data kependudukan dan peta desa untuk pemetaan swadaya", "Sekretaris Desa",
     datetime.date(2012, 7, 31), False),
    (TahapPeran.PEMASARAN, "Mengusulkan kegiatan RTPLP ke Musrenbang kecamatan", "Kepala Desa",
     datetime.date(2013, 1, 31), False),
    (TahapPeran.PEMBANGUNAN, "Memfasilitasi izin dan kesepakatan penggunaan lahan untuk pembangunan", "Kepala Desa",
     None, False),
]  # fmt: skip


def _fasilitator():
    return get_user_model().objects.filter(username="fasilitator").first()


def _rembug_lokakarya(user) -> RembugWarga:
    """Link to the workshop of 16 Mei 2012 when the lokakarya demo made it; else make it."""
    pertemuan = Pertemuan.objects.filter(wilayah_id=CINUNUK, tanggal=TANGGAL_LOKAKARYA).order_by("pk").first()
    if pertemuan is None:
        pertemuan = Pertemuan.objects.create(
            jenis=JenisPertemuan.SOSIALISASI,
            judul="Lokakarya PLP-BK tingkat Desa Cinunuk",
            wilayah_id=CINUNUK,
            tanggal=TANGGAL_LOKAKARYA,
            tempat="Aula Desa Cinunuk",
            dibuat_oleh=user,
        )
    if not pertemuan.kehadiran.exists():
        rows = [BarisKehadiran(nama=n, jenis_kelamin="L", unsur="Warga") for n in PESERTA_L]
        rows += [BarisKehadiran(nama=n, jenis_kelamin="P", unsur="Warga") for n in PESERTA_P]
        tambah_kehadiran(pertemuan, rows, user=user)
    rembug = services.hubungkan_rembug(
        pertemuan,
        agenda="Sosialisasi PLP-BK dan penyusunan RPLP kepada warga Desa Cinunuk.",
        hasil=HASIL_LOKAKARYA,
    )
    if not rembug.is_closed:
        # the lokakarya demo's list may count people with a disability; the seed's report does not
        alasan = "" if services.cek_inklusi(rembug).memenuhi else ALASAN_LOKAKARYA
        ditutup = datetime.datetime.combine(TANGGAL_LOKAKARYA, datetime.time(16))
        services.tutup_rembug(rembug, alasan=alasan, user=user, pada=timezone.make_aware(ditutup))
    return rembug


@transaction.atomic
def load(stdout=None) -> None:
    from kelurahan.models import Wilayah

    cinunuk = Wilayah.objects.get(kode=CINUNUK)
    user = _fasilitator()

    if not RembugWarga.objects.filter(pertemuan__wilayah=cinunuk, pertemuan__tanggal=TANGGAL_RUMAH_WARGA).exists():
        services.buat_rembug(
            cinunuk,
            judul="Pertemuan warga di Dusun Babakan RW 01",
            tanggal=TANGGAL_RUMAH_WARGA,
            tempat="Rumah warga, Dusun Babakan RW 01",
            agenda="Sosialisasi SK lokasi penerima program PLP-BK; rencana lokakarya tingkat desa.",
            hasil=HASIL_RUMAH_WARGA,
            user=user,
        )
    _rembug_lokakarya(user)

    pengkondisian = services.pengkondisian_for(cinunuk, user)
    if not pengkondisian.kondisi_sosial:
        pengkondisian.kondisi_sosial = KONDISI_SOSIAL
        pengkondisian.tanggal_mulai = datetime.date(2012, 5, 1)
        pengkondisian.fasilitator = "Siti Nurhasanah (Fasilitator Kelurahan)"
        pengkondisian.save()
    for nama, kategori, peran, pengaruh, kepentingan, diundang in PEMANGKU:
        Pemangku.objects.get_or_create(
            pengkondisian=pengkondisian,
            nama=nama,
            defaults={
                "kategori": kategori,
                "peran": peran,
                "pengaruh": pengaruh,
                "kepentingan": kepentingan,
                "diundang": diundang,
            },
        )
    for tanggal, media, (desa, usaha, tokoh), jumlah, uraian in INFORMAL:
        KegiatanInformal.objects.get_or_create(
            pengkondisian=pengkondisian,
            tanggal=tanggal,
            media=media,
            defaults={
                "ke_pemerintah_desa": desa,
                "ke_dunia_usaha": usaha,
                "ke_tokoh_masyarakat": tokoh,
                "jumlah_orang": jumlah,
                "uraian": uraian,
            },
        )
    for tahap, uraian, pelaksana, tenggat, selesai in PERAN:
        PeranPemda.objects.get_or_create(
            wilayah=cinunuk,
            uraian=uraian,
            defaults={
                "tahap": tahap,
                "pelaksana": pelaksana,
                "tenggat": tenggat,
                "selesai": selesai,
                "tanggal_selesai": tenggat if selesai else None,
            },
        )
    if stdout:
        stdout.write("  sosialisasi: rembug warga Desa Cinunuk, pengkondisian dan peran pemda desa")
