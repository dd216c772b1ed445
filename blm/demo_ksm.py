"""KSM demo: Desa Cinunuk's approved work plan carried to two KSM in January 2013, after BLM
Tahap 1 reached the BKM. KSM Saluran Mandiri builds the *saluran* (drainage channel) the seed's
blog names, KSM Jalan Harapan paves a lane of RW 03; both formed in a rembug whose attendance
gives their members. Their proposals were verified by the BKM then the Fasilitator; the BKM
passed the channel two tranches and the lane one; progress reports at 0 % and 50 % carry
photos (small JPEGs drawn here with Pillow). A third proposal (street lights) is still a draft.

The work plan has no construction activity of its own (its activities are planning ones), so
the proposals name "Penyusunan RTPLP dan DED", the design the works follow; that activity is
finished in the plan, so the KSM progress does not move its S-curve. Runs after blm.demo
(through the services, as the users would); safe to run again."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from kelurahan.demo import CINUNUK
from kelurahan.models import Orang
from kelurahan.services import BarisKehadiran, tambah_kehadiran
from tipp.models import Kegiatan

from . import services_ksm as s
from .demo import PDF
from .models import AlokasiBLM
from .models_ksm import KSM, UsulanKegiatan

D = datetime.date
KEGIATAN = "Penyusunan RTPLP dan DED"

# name, address, formed, chair, members (names of Cinunuk's residents), decree number
KELOMPOK = [
    (
        "KSM Saluran Mandiri",
        "Kp. Babakan RT 01 RW 02, Desa Cinunuk",
        D(2013, 1, 3),
        "Dedi Mulyadi",
        ["Elis Nurhayati", "Farid Ramdani", "Bambang Hermawan", "Cucu Suryani", "Ade Kusnadi"],
        "03/SK/BKM-CNK/I/2013",
    ),
    (
        "KSM Jalan Harapan",
        "RT 02 RW 03, Desa Cinunuk",
        D(2013, 1, 4),
        "Gina Rosita",
        ["Hendra Gunawan", "Ika Sartika", "Jajang Nurjaman", "Kokom Komariah"],
        "04/SK/BKM-CNK/I/2013",
    ),
]

# ksm index, work, volume, unit, RT, RW, BLM, swadaya, beneficiaries (people, women, poor, households), verified
USULAN = [
    (
        0,
        "Pembangunan saluran drainase lingkungan RW 02",
        350,
        "m",
        "01",
        "02",
        150_000_000,
        15_000_000,
        (420, 212, 130, 105, 34),
        True,
    ),
    (
        1,
        "Perkerasan jalan lingkungan (paving block) RW 03",
        600,
        "m2",
        "02",
        "03",
        120_000_000,
        12_000_000,
        (310, 160, 85, 78, 22),
        True,
    ),
    (
        1,
        "Penerangan jalan lingkungan RW 03",
        8,
        "titik",
        "02",
        "03",
        25_000_000,
        2_500_000,
        (310, 160, 85, 78, 20),
        False,
    ),
]

# proposal index, tahap, date, amount
PENCAIRAN = [
    (0, 1, D(2013, 1, 7), 60_000_000),
    (0, 2, D(2013, 2, 18), 60_000_000),
    (1, 1, D(2013, 1, 14), 48_000_000),
]

# proposal index, date, %, funds used, HOK men, HOK women, problems, photo point, note
LAPORAN = [
    (0, D(2013, 1, 8), 0, 0, 0, 0, "", 0, "Saluran lama tertutup sampah dan sedimen"),
    (
        0,
        D(2013, 2, 15),
        50,
        55_000_000,
        120,
        35,
        "Galian terhambat hujan dua minggu; material batu kali terlambat datang.",
        50,
        "Pasangan batu kali 175 m selesai",
    ),
    (1, D(2013, 1, 15), 0, 0, 0, 0, "", 0, "Jalan tanah RW 03 sebelum diperkeras"),
]


def _pada(tanggal, jam=10):
    return timezone.make_aware(datetime.datetime.combine(tanggal, datetime.time(jam)))


def foto(teks: str, warna=(120, 110, 90)) -> ContentFile:
    """A small JPEG standing in for a site photo: a coloured field with its caption."""
    img = Image.new("RGB", (320, 200), warna)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 150, 320, 200), fill=(40, 40, 40))
    draw.text((10, 165), teks[:48], fill=(255, 255, 255))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=70)
    return ContentFile(buf.getvalue(), name="foto-progres.jpg")


def _orang(nama: str) -> Orang:
    return Orang.objects.filter(wilayah_id=CINUNUK, nama=nama).order_by("pk").first()


def load(stdout=None) -> None:
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["bkm", "fasilitator"])}
    alokasi = AlokasiBLM.objects.filter(wilayah_id=CINUNUK).order_by("-tahun").first()
    kegiatan = Kegiatan.objects.of_approved_plan(CINUNUK).filter(nama=KEGIATAN).first()
    if len(users) < 2 or alokasi is None or alokasi.terbayar == 0 or kegiatan is None:
        return  # the earlier demos did not run: nothing to carry on from
    if KSM.objects.filter(wilayah_id=CINUNUK).exists():
        return
    bkm, faskel = users["bkm"], users["fasilitator"]
    kelompok = []
    for nama, alamat, dibentuk, ketua, anggota, nomor_sk in KELOMPOK:
        ksm = s.simpan_ksm(
            KSM(
                wilayah_id=CINUNUK, nama=nama, alamat=alamat, dibentuk=dibentuk, ketua=_orang(ketua), nomor_sk=nomor_sk
            ),
            bkm,
            sk=ContentFile(PDF, name=f"sk-{nomor_sk.split('/')[0]}.pdf"),
        )
        hadir = [o for o in map(_orang, [ketua, *anggota]) if o is not None]
        tambah_kehadiran(
            ksm.pertemuan,
            [
                BarisKehadiran(nama=o.nama, jenis_kelamin=o.jenis_kelamin, rt=o.rt, rw=o.rw, orang_id=o.pk)
                for o in hadir
            ],
        )
        s.anggota_dari_rembug(ksm, bkm)
        kelompok.append(ksm)
    usulan = []
    for i, (k, nama, vol, sat, rt, rw, blm, swadaya, (jiwa, p, m, kk, kkm), disetujui) in enumerate(USULAN):
        u = s.simpan_usulan(
            UsulanKegiatan(
                ksm=kelompok[k],
                kegiatan=kegiatan,
                nama=nama,
                volume=Decimal(vol),
                satuan=sat,
                rt=rt,
                rw=rw,
                biaya_blm=blm,
                biaya_swadaya=swadaya,
                penerima_jiwa=jiwa,
                penerima_perempuan=p,
                penerima_miskin=m,
                penerima_kk=kk,
                penerima_kk_miskin=kkm,
            ),
            bkm,
        )
        if disetujui:
            s.ajukan_usulan(u, bkm, pada=_pada(D(2013, 1, 5 + i)))
            s.verifikasi_usulan(u, faskel, True, pada=_pada(D(2013, 1, 6 + i), 14))
        usulan.append(u)
    for i, tahap, tanggal, jumlah in PENCAIRAN:
        s.cairkan(usulan[i], bkm, tahap, tanggal, jumlah, ContentFile(PDF, name=f"kuitansi-ksm-{i + 1}-{tahap}.pdf"))
    for i, tanggal, persen, terpakai, hok_l, hok_p, masalah, titik, ket in LAPORAN:
        s.laporkan(
            usulan[i],
            faskel,
            tanggal=tanggal,
            persen=persen,
            dana_terpakai=terpakai,
            hok_l=hok_l,
            hok_p=hok_p,
            masalah=masalah,
            foto=[(titik, foto(ket), ket)],
        )
    if stdout:
        stdout.write("  KSM Cinunuk: 2 KSM, 3 usulan (2 diverifikasi), 3 pencairan, progres 0/50%")
