"""A small fixed data set for the dashboard tests, built directly from the apps' models
(counters are set on the meetings as the attendance service would leave them).

Kabupaten Bandung (32.04):
- own level: a kabupaten lokakarya (12 L / 8 P)
- Kec. Cileunyi (32.04.05): Desa Cinunuk (programme 2012, cohort "2012") and Desa Cibiru Wetan
  (32.04.05.2005, programme 2013, cohort "2013"); a kecamatan lokakarya (6 L / 4 P),
  a desa lokakarya in Cinunuk (10 L / 10 P), Cinunuk's rembug warga (14 L / 15 P, 1 disabled,
  5 poor) which meets the inclusion target, pengkondisian in Cinunuk; Cinunuk's TIPP has the
  five steps done and is confirmed; its plan is approved with two activities; BLM:
  Rp 1.000.000.000 allocated, Rp 300.000.000 paid, tahap 2 (Rp 400.000.000) waiting at PJOK
  for 5 days.
- Kec. Dayeuhkolot (32.04.12): Kelurahan Pasawahan (2012): rembug warga 10 L / 2 P, 0 disabled,
  3 poor (below target); TIPP steps 1–2 done; BLM Rp 500.000.000 allocated, a returned
  request of Rp 150.000.000.
Jawa Tengah: Desa Tambakreja (2012): a rembug warga 5 L / 5 P, BLM Rp 200.000.000.

After BLM (`ksm`): Cinunuk has two KSM; two verified proposals of Rp 150.000.000 (50 % done,
Rp 120.000.000 passed on, Rp 55.000.000 used; 400 people, 210 women, 120 poor, 100 KK) and
Rp 100.000.000 (0 %, Rp 48.000.000 passed on; 200 people, 100 women, 50 poor, 60 KK) and a
draft of Rp 50.000.000 that does not count; profiles 2011 (older, not read) and 2012 (48,717
residents, 14,210 KK, 2,316 poor KK, 9,000 MBR). Pasawahan: one KSM without proposals and a
2012 profile (10,000 residents, 3,000 KK, 600 poor KK, 1,500 MBR).
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from blm.models import AlokasiBLM, PermintaanBLM
from blm.models_ksm import KSM, UsulanKegiatan
from kelurahan.models import LokasiProgram, Pertemuan, ProfilKelurahan
from lokakarya.models import Lokakarya
from sosialisasi.models import Pengkondisian, RembugWarga
from tests.conftest import make_region
from tipp.models import TIPP, Kegiatan, LangkahTIPP, RencanaKerja

# The moment the data is built around; tests/plpbk/conftest.py starts the clock of every test
# using this module there, so the figures do not depend on when the suite runs.
NOW = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
TODAY = timezone.localdate(NOW)


def meeting(kode, judul, jenis, lk=0, pr=0, d=0, m=0, tanggal=datetime.date(2012, 5, 16)):
    pt = Pertemuan.objects.create(wilayah_id=kode, judul=judul, jenis=jenis, tanggal=tanggal)
    Pertemuan.objects.filter(pk=pt.pk).update(jumlah_l=lk, jumlah_p=pr, jumlah_disabilitas=d, jumlah_miskin=m)
    return pt


def lokakarya(kode, tingkat, lk, pr, tanggal):
    pt = meeting(kode, f"Lokakarya Orientasi PLP-BK {kode}", "lokakarya", lk, pr, tanggal=tanggal)
    return Lokakarya.objects.create(pertemuan=pt, tingkat=tingkat, penyelenggara="Satker PBL")


def alokasi(kode, apbn, terbayar=0, tahun=2012):
    a = AlokasiBLM.objects.create(
        wilayah_id=kode,
        tahun=tahun,
        apbn=apbn,
        bank_nama="Bank BJB",
        bank_rekening="1",
        bank_atas_nama="BKM",
        batas_waktu=datetime.date(2099, 12, 31),
    )
    AlokasiBLM.objects.filter(pk=a.pk).update(terbayar=terbayar)
    return a


def permintaan(a, nomor, jumlah, status, user, langkah="", sejak=None):
    return PermintaanBLM.objects.create(
        alokasi=a,
        wilayah_id=a.wilayah_id,
        nomor=nomor,
        jumlah=jumlah,
        status=status,
        langkah=langkah,
        langkah_sejak=sejak,
        diajukan_oleh=user,
        diajukan_pada=NOW - datetime.timedelta(days=10),
    )


def build(users):
    cibiru = make_region("32.04.05.2005", "Cibiru Wetan")
    LokasiProgram.objects.create(wilayah=cibiru, tahun=2013, angkatan="2013")
    bkm = users["bkm"]

    lokakarya("32.04", 2, 12, 8, datetime.date(2012, 4, 2))
    lokakarya("32.04.05", 3, 6, 4, datetime.date(2012, 4, 20))
    lokakarya("32.04.05.2004", 4, 10, 10, datetime.date(2012, 5, 2))
    Pengkondisian.objects.create(wilayah_id="32.04.05.2004", tanggal_mulai=datetime.date(2012, 5, 7))
    RembugWarga.objects.create(pertemuan=meeting("32.04.05.2004", "Rembug warga Cinunuk", "sosialisasi", 14, 15, 1, 5))
    RembugWarga.objects.create(pertemuan=meeting("32.04.12.1001", "Rembug warga Pasawahan", "sosialisasi", 10, 2, 0, 3))
    RembugWarga.objects.create(pertemuan=meeting("33.01.01.2001", "Rembug warga Tambakreja", "sosialisasi", 5, 5))

    tipp = TIPP.objects.create(wilayah_id="32.04.05.2004", dikukuhkan=datetime.date(2012, 7, 1))
    for nomor in range(1, 6):
        LangkahTIPP.objects.create(tipp=tipp, nomor=nomor, selesai=datetime.date(2012, 6, nomor))
    tipp2 = TIPP.objects.create(wilayah_id="32.04.12.1001")
    for nomor in (1, 2, 3):
        LangkahTIPP.objects.create(tipp=tipp2, nomor=nomor, selesai=datetime.date(2012, 6, 10) if nomor < 3 else None)

    rencana = RencanaKerja.objects.create(wilayah_id="32.04.05.2004", disetujui=datetime.date(2012, 7, 10))
    # A: 20 days from 9 days ago -> 10 days planned done, 20% done: behind plan
    Kegiatan.objects.create(
        rencana=rencana,
        tahap="lain",
        nama="Saluran drainase RW 05",
        mulai=TODAY,
        durasi=5,
        satuan="m",
        penanggung_jawab="KSM",
        baseline_mulai=TODAY - datetime.timedelta(days=9),
        baseline_durasi=20,
        progres=20,
    )
    # B: 10 days starting in 10 days -> nothing planned yet
    Kegiatan.objects.create(
        rencana=rencana,
        tahap="lain",
        nama="Jalan lingkungan",
        mulai=TODAY,
        durasi=3,
        satuan="m",
        penanggung_jawab="KSM",
        baseline_mulai=TODAY + datetime.timedelta(days=10),
        baseline_durasi=10,
        progres=0,
    )
    # a plan not approved does not count
    draft = RencanaKerja.objects.create(wilayah_id="32.04.12.1001")
    Kegiatan.objects.create(
        rencana=draft, tahap="lain", nama="Draf", mulai=TODAY, durasi=10, satuan="m", penanggung_jawab="KSM"
    )

    a1 = alokasi("32.04.05.2004", 1_000_000_000, terbayar=300_000_000)
    permintaan(a1, 1, 300_000_000, "dibayar", bkm)
    permintaan(a1, 2, 400_000_000, "diproses", bkm, langkah="pjok", sejak=NOW - datetime.timedelta(days=5, hours=1))
    a2 = alokasi("32.04.12.1001", 500_000_000)
    permintaan(a2, 1, 150_000_000, "dikembalikan", bkm)
    alokasi("33.01.01.2001", 200_000_000)
    ksm(a1, Kegiatan.objects.get(nama="Saluran drainase RW 05"))


def profil(kode, tahun, lk, pr, kk, miskin, mbr):
    return ProfilKelurahan.objects.create(
        wilayah_id=kode, tahun=tahun, penduduk_l=lk, penduduk_p=pr, jumlah_kk=kk, kk_miskin=miskin, jumlah_mbr=mbr
    )


def usulan(k, a, kegiatan, blm, status="disetujui", dicairkan=0, progres=0, terpakai=0, penerima=(0, 0, 0, 0)):
    jiwa, perempuan, miskin, kk = penerima
    return UsulanKegiatan.objects.create(
        ksm=k,
        wilayah_id=k.wilayah_id,
        alokasi=a,
        kegiatan=kegiatan,
        nama=f"Pekerjaan {blm}",
        satuan="m",
        rw="05",
        biaya_blm=blm,
        biaya_swadaya=blm // 10,
        status=status,
        dicairkan=dicairkan,
        progres=progres,
        dana_terpakai=terpakai,
        penerima_jiwa=jiwa,
        penerima_perempuan=perempuan,
        penerima_miskin=miskin,
        penerima_kk=kk,
    )


def ksm(a1, kegiatan):
    """The KSM stage and the kelurahan profiles (see the module's docstring)."""
    d = datetime.date(2012, 12, 1)
    k1 = KSM.objects.create(wilayah_id="32.04.05.2004", nama="KSM Saluran Bersih", dibentuk=d)
    k2 = KSM.objects.create(wilayah_id="32.04.05.2004", nama="KSM Jalan Maju", dibentuk=d)
    KSM.objects.create(wilayah_id="32.04.12.1001", nama="KSM Pasawahan", dibentuk=d)
    usulan(
        k1,
        a1,
        kegiatan,
        150_000_000,
        dicairkan=120_000_000,
        progres=50,
        terpakai=55_000_000,
        penerima=(400, 210, 120, 100),
    )
    usulan(k2, a1, kegiatan, 100_000_000, dicairkan=48_000_000, penerima=(200, 100, 50, 60))
    usulan(k2, a1, kegiatan, 50_000_000, status="draf", penerima=(90, 40, 30, 20))
    profil("32.04.05.2004", 2011, 20_000, 20_000, 12_000, 2_000, 8_000)
    profil("32.04.05.2004", 2012, 24_612, 24_105, 14_210, 2_316, 9_000)
    profil("32.04.12.1001", 2012, 5_000, 5_000, 3_000, 600, 1_500)
