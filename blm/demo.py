"""BLM demo: Desa Cinunuk with Rp 1.000.000.000 APBN and Rp 500.000.000 APBD Kabupaten
Bandung in three tahap; Tahap 1 paid with its LPJ accepted, Tahap 2 requested and approved by
the Fasilitator and the PJOK (waiting for the Korkot). Kelurahan Pasawahan has an allocation but
is not yet eligible, and its page says what is missing.

Everything goes through blm.services, as the users would do it, on the dates of the 2012
cycle: Tahap 1 filed in September 2012 and paid that month, its LPJ lines paying for
activities of the approved work plan (each line names its activity), the LPJ accepted in
November and Tahap 2 filed in December 2012; the usage deadline is 31 Desember 2013. Runs
after the TIPP demo (Tahap 1 needs Cinunuk's TIPP formed and its work plan approved). Safe to
run again.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from kelurahan.demo import CINUNUK, PASAWAHAN
from tipp.services import kegiatan_rencana_kerja

from . import services
from .models import AlokasiBLM, KonfigurasiBLM, TahapBLM

#: apps whose demo runs before this one (the LPJ lines pay for activities of the approved TIPP work plan)
SESUDAH: tuple[str, ...] = ("kelurahan", "tipp")

TAHUN = 2012
BATAS_WAKTU = datetime.date(2013, 12, 31)
DOKUMEN_TAHAP_1 = "Berita acara pembentukan TIPP"
DOKUMEN_TAHAP_3 = "Laporan kemajuan pekerjaan fisik"

# nomor, persen, prerequisites
TAHAP = [
    (1, "20", {"syarat_tipp": True, "syarat_rencana_kerja": True, "syarat_dokumen": DOKUMEN_TAHAP_1}),
    (2, "50", {"syarat_lpj_sebelumnya": True, "syarat_persen_sebelumnya": 80}),
    (3, "30", {"syarat_lpj_sebelumnya": True, "syarat_persen_sebelumnya": 80, "syarat_dokumen": DOKUMEN_TAHAP_3}),
]

# tiny valid PDF for demo uploads (a receipt scan stands in)
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _say(stdout, text):
    if stdout:
        stdout.write(f"  {text}")


def konfigurasi() -> KonfigurasiBLM:
    k, created = KonfigurasiBLM.objects.get_or_create(
        tahun=TAHUN, defaults={"catatan": "Pedoman teknis PLP-BK 2012: tiga tahap, 20% / 50% / 30%."}
    )
    if created:
        for nomor, persen, syarat in TAHAP:
            TahapBLM.objects.create(konfigurasi=k, nomor=nomor, persen=Decimal(persen), **syarat)
    return k


def _pdf(name: str) -> ContentFile:
    return ContentFile(PDF, name=name)


def _pada(tanggal: datetime.date, jam: int = 10) -> datetime.datetime:
    """A moment of the demo's story, in the portal's time zone."""
    return timezone.make_aware(datetime.datetime.combine(tanggal, datetime.time(jam)))


D = datetime.date
# who verifies Tahap 1, and when
VERIFIKASI_TAHAP_1 = [
    ("fasilitator", D(2012, 9, 4)),
    ("pjok", D(2012, 9, 5)),
    ("korkot", D(2012, 9, 7)),
    ("ppk", D(2012, 9, 10)),
    ("satker", D(2012, 9, 12)),
]
# LPJ Tahap 1: date, description, amount, the work-plan activity it paid for (by name)
BELANJA_TAHAP_1 = [
    (
        D(2012, 9, 21),
        "Pemetaan swadaya: alat survei, cetak dan penggandaan peta 9 RW",
        120_000_000,
        "Pemetaan swadaya per RW",
    ),
    (
        D(2012, 9, 28),
        "Analisa kebutuhan dan potensi: lokakarya TIPP dan Pokja ND (konsumsi, bahan)",
        45_000_000,
        "Analisa kebutuhan dan potensi",
    ),
    (D(2012, 10, 26), "Penyusunan draf RPLP: tenaga ahli dan rembug penyusunan", 120_000_000, "Penyusunan draf RPLP"),
]


@transaction.atomic
def load(stdout=None) -> None:
    _blm(stdout)
    from . import demo_ksm

    demo_ksm.load(stdout)


def _blm(stdout=None) -> None:
    User = get_user_model()
    names = ["bkm", "fasilitator", "pjok", "korkot", "ppk", "satker"]
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    konfigurasi()
    cinunuk, created = AlokasiBLM.objects.get_or_create(
        wilayah_id=CINUNUK,
        tahun=TAHUN,
        defaults={
            "apbn": 1_000_000_000,
            "apbd_kabkota": 500_000_000,
            "bank_nama": "Bank BJB Cabang Cileunyi",
            "bank_rekening": "0012-3456-7890",
            "bank_atas_nama": "BKM Desa Cinunuk",
            "batas_waktu": BATAS_WAKTU,
        },
    )
    AlokasiBLM.objects.get_or_create(
        wilayah_id=PASAWAHAN,
        tahun=TAHUN,
        defaults={
            "apbn": 1_000_000_000,
            "bank_nama": "Bank BJB Cabang Dayeuhkolot",
            "bank_rekening": "0098-7654-3210",
            "bank_atas_nama": "BKM Kelurahan Pasawahan",
            "batas_waktu": BATAS_WAKTU,
        },
    )
    if not created:
        return
    bkm = users["bkm"]
    services.unggah_dokumen(cinunuk, bkm, DOKUMEN_TAHAP_1, _pdf("ba-pembentukan-tipp.pdf"))
    try:
        tahap1 = services.ajukan_permintaan(
            cinunuk, 1, bkm, nomor_surat="01/BKM-CNK/IX/2012", pada=_pada(D(2012, 9, 3))
        )
    except ValidationError as exc:  # the TIPP demo did not form Cinunuk's TIPP: keep the allocation only
        _say(stdout, f"BLM Tahap 1 Cinunuk belum dapat diajukan: {exc}")
        return
    for username, tanggal in VERIFIKASI_TAHAP_1:
        services.verifikasi(tahap1, users[username], True, pada=_pada(tanggal))
    dibayar = D(2012, 9, 19)
    services.bayar(tahap1, users["ppk"], dibayar, tahap1.jumlah, nomor_bukti="SP2D 00123/2012", pada=_pada(dibayar, 14))
    lpj = tahap1.lpj
    kegiatan = {label.split(": ", 1)[-1]: (pk, label) for pk, label in kegiatan_rencana_kerja(cinunuk.wilayah)}
    for i, (tanggal, uraian, jumlah, nama_kegiatan) in enumerate(BELANJA_TAHAP_1):
        k_id, k_label = kegiatan.get(nama_kegiatan, (None, nama_kegiatan))
        services.tambah_belanja(
            lpj,
            bkm,
            tanggal=tanggal,
            uraian=uraian,
            jumlah=jumlah,
            kegiatan_id=k_id,
            kegiatan=k_label,
            bukti=_pdf(f"kuitansi-{i + 1}.pdf"),
        )
    services.ajukan_lpj(lpj, bkm, pada=_pada(D(2012, 11, 5)))
    services.putuskan_lpj(lpj, users["korkot"], True, pada=_pada(D(2012, 11, 12)))
    tahap2 = services.ajukan_permintaan(cinunuk, 2, bkm, nomor_surat="02/BKM-CNK/XII/2012", pada=_pada(D(2012, 12, 3)))
    services.verifikasi(tahap2, users["fasilitator"], True, pada=_pada(D(2012, 12, 4)))
    services.verifikasi(tahap2, users["pjok"], True, pada=_pada(D(2012, 12, 6)))
    _say(stdout, "BLM Cinunuk: Tahap 1 dibayar dan LPJ diterima, Tahap 2 menunggu Korkot")
