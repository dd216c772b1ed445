"""Demo of the TIPP app: Desa Cinunuk's TIPP formed in five steps (May–June 2012), its
members, Pokja ND formed through two FGDs and an election before step 5 closes, and an approved work plan of
15 activities (July–December 2012) carried out to the end: the last progress reports are of
20 December 2012. Several activities started or finished late, so the S-curve shows the
slippage of autumn 2012 (read it "as of" 15 October 2012) and the plan ends complete, so the
dashboard shows no slippage years later. Runs through the services, like a user would.
Idempotent: nothing is added when Cinunuk already has a TIPP."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction

from kelurahan.models import Wilayah
from kelurahan.services import BarisKehadiran, tambah_kehadiran

from . import election, services
from .models import TIPP, Kegiatan, PengaturanTIPP

#: apps whose demo runs before this one (the TIPP is formed after the community was prepared (the cycle's order))
SESUDAH: tuple[str, ...] = ("kelurahan", "sosialisasi")

CINUNUK = "32.04.05.2004"
D = datetime.date

STEPS = [
    (D(2012, 5, 21), "Aula Desa Cinunuk", "Pelatihan BKM dan perangkat desa oleh Tim Koordinator Kabupaten dan KMW."),
    (
        D(2012, 5, 28),
        "Aula Desa Cinunuk",
        "Syarat anggota TIPP: warga Desa Cinunuk; bersedia bekerja sukarela; memahami kondisi lingkungan;\n"
        "perempuan paling sedikit 30%; melibatkan kelompok rentan. Proses: usulan dari RW, ditetapkan rembug warga.",
    ),
    (D(2012, 6, 4), "Kantor Bappeda Kabupaten Bandung", "TKPKD menindaklanjuti pembentukan TIPP Desa Cinunuk."),
    (D(2012, 6, 11), "Kantor Bappeda Kabupaten Bandung", "Ditunjuk 2 staf teknis Pemda (Dinas PU, Bappeda)."),
    (
        D(2012, 6, 18),
        "Aula Desa Cinunuk",
        "Rembug warga mengesahkan Pokja ND yang dibentuk lewat FGD di KBK (12 dan 14 Juni) lalu pemilihan (16 Juni).",
    ),
]

# name, sex, origin, role
MEMBERS = [
    ("H. Endang Sulaeman", "L", "bkm", "Ketua"),
    ("Neneng Hasanah", "P", "bkm", "Sekretaris"),
    ("Iis Rohayati", "P", "perangkat", "Bendahara"),
    ("Asep Saepudin", "L", "perangkat", "Anggota"),
    ("Yudi Prasetyo, S.T.", "L", "pemda", "Anggota (Dinas PU)"),
    ("Rina Marlina, S.T.", "P", "pemda", "Anggota (Bappeda)"),
    ("Cecep Supriadi", "L", "relawan", "Koordinator pemetaan"),
    ("Euis Kurniasih", "P", "relawan", "Anggota"),
    ("Ujang Suherman", "L", "relawan", "Anggota"),
    ("Dr. Lina Herlina (Unpad)", "P", "kelompok_peduli", "Pendamping teknis"),
]

RESIDENTS = [
    ("Ade Kusnadi", "L", "01", "01"),
    ("Bambang Hermawan", "L", "02", "01"),
    ("Cucu Suryani", "P", "03", "01"),
    ("Dedi Mulyadi", "L", "01", "02"),
    ("Elis Nurhayati", "P", "02", "02"),
    ("Farid Ramdani", "L", "03", "02"),
    ("Gina Rosita", "P", "01", "03"),
    ("Hendra Gunawan", "L", "02", "03"),
    ("Ika Sartika", "P", "03", "03"),
    ("Jajang Nurjaman", "L", "01", "04"),
    ("Kokom Komariah", "P", "02", "04"),
    ("Lilis Suryani", "P", "03", "04"),
    ("Maman Suparman", "L", "01", "05"),
    ("Nani Rohaeni", "P", "02", "05"),
    ("Oman Rohman", "L", "03", "05"),
    ("Popon Rostiana", "P", "01", "06"),
    ("Rahmat Hidayat", "L", "02", "06"),
    ("Sri Mulyani", "P", "03", "06"),
    ("Tatang Sutarya", "L", "01", "07"),
    ("Wawan Setiawan", "L", "02", "07"),
    ("Yanti Susanti", "P", "03", "07"),
    ("Yayan Sopyan", "L", "01", "08"),
    ("Dewi Sartika", "P", "02", "08"),
    ("Iwan Kurniawan", "L", "03", "08"),
    ("Siti Aminah", "P", "01", "09"),
]

CANDIDATES = [  # name, sex, meets the criteria, votes
    ("Ade Kusnadi", "L", True, 6),
    ("Hendra Gunawan", "L", True, 5),
    ("Elis Nurhayati", "P", True, 4),
    ("Farid Ramdani", "L", True, 3),
    ("Gina Rosita", "P", True, 2),
    ("Jajang Nurjaman", "L", True, 2),
    ("Kokom Komariah", "P", True, 1),
    ("Maman Suparman", "L", True, 1),
    ("Oman Rohman", "L", False, 0),
]

# stage, name, start, days, volume, unit, responsible
ACTIVITIES = [
    ("persiapan", "Pelatihan TIPP dan Pokja", D(2012, 7, 9), 5, 1, "paket", "KMW dan Faskel"),
    ("persiapan", "Penyusunan rencana kerja rinci", D(2012, 7, 16), 7, 1, "dokumen", "TIPP"),
    ("pemetaan", "Pengumpulan data sekunder", D(2012, 7, 23), 14, 1, "dokumen", "Pokja ND"),
    ("pemetaan", "Survei kampung dan transek", D(2012, 7, 30), 21, 9, "RW", "Pokja ND"),
    ("pemetaan", "Pemetaan swadaya per RW", D(2012, 8, 13), 28, 9, "peta", "Pokja ND"),
    ("pemetaan", "Analisa kebutuhan dan potensi", D(2012, 9, 10), 14, 1, "dokumen", "TIPP"),
    ("rplp", "Rembug visi dan misi kawasan", D(2012, 9, 24), 7, 1, "kali", "BKM dan TIPP"),
    ("rplp", "Penyusunan draf RPLP", D(2012, 10, 1), 28, 1, "dokumen", "TIPP"),
    ("rplp", "Konsultasi publik RPLP", D(2012, 10, 29), 7, 2, "kali", "BKM"),
    ("rtplp", "Penentuan kawasan prioritas", D(2012, 10, 15), 14, 1, "kawasan", "TIPP"),
    ("rtplp", "Penyusunan RTPLP dan DED", D(2012, 10, 29), 35, 1, "dokumen", "TIPP dan Tim Teknis"),
    ("rtplp", "Review RTPLP bersama Pemda", D(2012, 12, 3), 7, 1, "kali", "Korkot"),
    ("aturan", "Penyusunan aturan bersama", D(2012, 11, 5), 21, 1, "dokumen", "Pokja ND"),
    ("pemasaran", "Penyusunan proposal pemasaran", D(2012, 11, 19), 21, 3, "proposal", "TIPP"),
    ("pemasaran", "Pertemuan dengan Pemda dan CSR", D(2012, 12, 10), 7, 2, "kali", "BKM"),
]

# activity index -> [(report date, %, actual start, actual finish)]
PROGRESS = {
    0: [(D(2012, 7, 13), 100, D(2012, 7, 9), D(2012, 7, 13))],
    1: [(D(2012, 7, 25), 100, D(2012, 7, 17), D(2012, 7, 25))],
    2: [(D(2012, 7, 31), 40, D(2012, 7, 24), None), (D(2012, 8, 10), 100, None, D(2012, 8, 10))],
    3: [(D(2012, 8, 10), 30, D(2012, 8, 1), None), (D(2012, 8, 31), 100, None, D(2012, 8, 28))],
    4: [
        (D(2012, 8, 31), 30, D(2012, 8, 20), None),
        (D(2012, 9, 30), 65, None, None),
        (D(2012, 10, 15), 80, None, None),
        (D(2012, 10, 31), 100, None, D(2012, 10, 26)),
    ],
    5: [
        (D(2012, 9, 30), 20, D(2012, 9, 17), None),
        (D(2012, 10, 15), 45, None, None),
        (D(2012, 11, 2), 80, None, None),
        (D(2012, 11, 16), 100, None, D(2012, 11, 12)),
    ],
    6: [(D(2012, 9, 30), 100, D(2012, 9, 26), D(2012, 9, 29))],
    7: [
        (D(2012, 10, 15), 25, D(2012, 10, 3), None),
        (D(2012, 11, 2), 60, None, None),
        (D(2012, 11, 16), 100, None, D(2012, 11, 14)),
    ],
    8: [(D(2012, 11, 30), 100, D(2012, 11, 19), D(2012, 11, 24))],
    9: [(D(2012, 11, 2), 100, D(2012, 10, 16), D(2012, 10, 30))],
    10: [
        (D(2012, 11, 16), 30, D(2012, 10, 31), None),
        (D(2012, 11, 30), 70, None, None),
        (D(2012, 12, 14), 100, None, D(2012, 12, 14)),
    ],
    11: [(D(2012, 12, 20), 100, D(2012, 12, 17), D(2012, 12, 20))],
    12: [(D(2012, 11, 30), 100, D(2012, 11, 5), D(2012, 11, 26))],
    13: [(D(2012, 11, 30), 50, D(2012, 11, 19), None), (D(2012, 12, 14), 100, None, D(2012, 12, 10))],
    14: [(D(2012, 12, 20), 100, D(2012, 12, 11), D(2012, 12, 17))],
}


# a tiny valid one-page PDF standing in for a scanned document
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
BUKTI = [  # step, kind, file name, note
    (2, "berita_acara", "ba-syarat-anggota-tipp.pdf", "Berita acara pertemuan warga 28 Mei 2012"),
    (5, "berita_acara", "ba-pembentukan-pokja.pdf", "Berita acara rembug warga 18 Juni 2012"),
    (5, "sk", "sk-pengukuhan-tipp.pdf", "SK BKM No. 01/SK/BKM/VII/2012"),
]


def _hadir(pertemuan, people, unsur="Warga", user=None):
    rows = [BarisKehadiran(nama=n, jenis_kelamin=jk, unsur=unsur, rt=rt, rw=rw) for n, jk, rt, rw in people]
    tambah_kehadiran(pertemuan, rows, user=user)


def _langkah(langkah, tanggal, tempat, hasil) -> None:
    services.simpan_langkah(langkah, tanggal=tanggal, tempat=tempat, hasil=hasil)
    _hadir(langkah.pertemuan, RESIDENTS[langkah.nomor : langkah.nomor + 12])
    services.selesaikan_langkah(langkah)
    for nomor, jenis, nama, keterangan in BUKTI:
        if nomor == langkah.nomor:
            services.tambah_bukti(langkah, None, jenis, ContentFile(PDF, name=nama), keterangan)


def _pokja_nd(tipp) -> None:
    """Pokja ND formed the seed's way after step 4: two FGDs in the KBK, then the election."""
    pokja = election.buat_pokja(tipp, nama="Pokja ND", tugas="Pemetaan swadaya dan penyusunan dokumen perencanaan.")
    fgd1 = election.simpan_fgd(
        pokja,
        kbk="KBK RW 01 Babakan",
        tanggal=D(2012, 6, 12),
        tempat="Rumah warga RW 01",
        kriteria="Warga Desa Cinunuk\nBersedia bekerja sukarela\nMengenal kondisi lingkungan RW-nya",
    )
    _hadir(fgd1.pertemuan, RESIDENTS[:10])
    fgd2 = election.simpan_fgd(
        pokja,
        kbk="KBK RW 05 Cinunuk Tengah",
        tanggal=D(2012, 6, 14),
        tempat="Mushola RW 05",
        kriteria="Warga Desa Cinunuk\nDapat membaca dan menulis\nDipercaya warga sekitarnya",
    )
    _hadir(fgd2.pertemuan, RESIDENTS[10:20])
    pemilihan = election.simpan_pemilihan(
        pokja,
        tanggal=D(2012, 6, 16),
        tempat="Aula Desa Cinunuk",
        kriteria=election.kriteria_fgd(pokja),
        kursi=5,
        kursi_perempuan_min=2,
    )
    _hadir(pemilihan.pertemuan, RESIDENTS)
    election.tetapkan_pemilih(pemilihan, pemilihan.pertemuan.kehadiran.values_list("pk", flat=True))
    suara = {}
    for nama, jk, layak, n in CANDIDATES:
        k = election.tambah_kandidat(pemilihan, nama=nama, jenis_kelamin=jk, memenuhi_kriteria=layak)
        suara[k.pk] = n
    election.catat_suara(pemilihan, suara)


#: the RTPLP of Cinunuk's priority area, discussed in two consultations and now in review
RTPLP = {
    "jenis": "rtplp",
    "judul": "RTPLP Kawasan Prioritas RW 05 Cinunuk Tengah",
    "periode": "2013–2015",
    "ringkasan": "Penataan saluran drainase lingkungan, jalan setapak dan ruang terbuka di RW 05.",
}
KONSULTASI = [  # date, place, result, attendance slice
    (D(2012, 10, 10), "Aula Desa Cinunuk", "Warga RW 05 menyepakati saluran drainase sebagai prioritas.", (0, 14)),
    (D(2012, 10, 24), "Mushola RW 05", "Rancangan jalan setapak dan ruang terbuka disetujui dengan catatan.", (6, 20)),
]


def load_dokumen(wilayah, stdout=None) -> None:
    """Cinunuk's RTPLP, sent to review by its facilitator after two consultations."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from kelurahan import access

    from . import dokumen
    from .models import DokumenPerencanaan

    if DokumenPerencanaan.objects.filter(wilayah=wilayah).exists():
        return
    d = dokumen.simpan_dokumen(DokumenPerencanaan(wilayah=wilayah, **RTPLP))
    for tanggal, tempat, hasil, (a, b) in KONSULTASI:
        k = dokumen.tambah_konsultasi(d, tanggal=tanggal, tempat=tempat, hasil=hasil)
        _hadir(k.pertemuan, RESIDENTS[a:b])
    user = get_user_model().objects.filter(username="fasilitator").first()
    if user is not None and not access.has_cap(user, "tipp.dokumen.entry", wilayah.kode):
        user = None
    pada = timezone.make_aware(datetime.datetime(2012, 11, 5, 10, 0))
    dokumen.ubah_status(d, "ajukan", user, pada=pada)
    if stdout:
        stdout.write("  RTPLP Desa Cinunuk (review) dimuat")


@transaction.atomic
def load(stdout=None) -> None:
    if not PengaturanTIPP.objects.exists():
        PengaturanTIPP.objects.create(target_perempuan=30)
    wilayah = Wilayah.objects.filter(kode=CINUNUK).first()
    if wilayah is None:
        return
    load_dokumen(wilayah, stdout)
    if TIPP.objects.filter(wilayah=wilayah).exists():
        return
    tipp = services.buat_tipp(wilayah)
    steps = list(tipp.langkah.order_by("nomor"))
    for langkah, step in zip(steps[:4], STEPS[:4], strict=True):
        _langkah(langkah, *step)
    _pokja_nd(tipp)  # step 5 closes only on a formed Pokja
    _langkah(steps[4], *STEPS[4])

    mulai = D(2012, 7, 2)
    for nama, jk, asal, peran in MEMBERS:
        services.simpan_anggota(
            tipp, nama=nama, jenis_kelamin=jk, asal=asal, peran=peran, mulai=mulai, selesai=D(2013, 6, 30)
        )
    services.kukuhkan_tipp(
        tipp,
        tanggal=D(2012, 7, 2),
        oleh_bkm="H. Endang Sulaeman",
        oleh_lurah="Dede Rusmana",
        nomor_sk="01/SK/BKM/VII/2012",
    )

    rencana = services.rencana_untuk(wilayah)
    kegiatan = []
    for i, (tahap, nama, start, days, vol, unit, pj) in enumerate(ACTIVITIES, start=1):
        k = Kegiatan(
            rencana=rencana,
            tahap=tahap,
            urutan=i,
            nama=nama,
            mulai=start,
            durasi=days,
            volume=Decimal(vol),
            satuan=unit,
            penanggung_jawab=pj,
        )
        kegiatan.append(services.simpan_kegiatan(k))
    services.setujui_rencana(rencana, pada=D(2012, 7, 6))
    for index, reports in PROGRESS.items():
        for tanggal, persen, start, finish in reports:
            services.laporkan_progres(
                kegiatan[index], tanggal=tanggal, persen=persen, mulai_aktual=start, selesai_aktual=finish
            )
    if stdout:
        stdout.write("  TIPP Desa Cinunuk, Pokja ND dan rencana kerja 2012 dimuat")
