"""BLM demo: Desa Cinunuk with Rp 1.000.000.000 APBN and Rp 500.000.000 APBD Kabupaten
Bandung in three tahap; Tahap 1 paid with its LPJ accepted, Tahap 2 requested and approved by
the Fasilitator and the PJOK (waiting for the Korkot). Kelurahan Pasawahan has an allocation but
is not yet eligible, and its page says what is missing.

Everything goes through blm.services, as the users would do it. Runs after the TIPP demo
(Tahap 1 needs Cinunuk's TIPP formed and its work plan approved). The usage deadline is kept
in the future (end of next year) so the demo stays live. Safe to run again.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from kelurahan.demo import CINUNUK, PASAWAHAN

from . import services
from .kelayakan import kegiatan_rencana_kerja
from .models import AlokasiBLM, KonfigurasiBLM, TahapBLM

TAHUN = 2012
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


@transaction.atomic
def load(stdout=None) -> None:
    User = get_user_model()
    names = ["bkm", "fasilitator", "pjok", "korkot", "ppk", "satker"]
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    konfigurasi()
    batas = datetime.date(timezone.localdate().year + 1, 12, 31)
    cinunuk, created = AlokasiBLM.objects.get_or_create(
        wilayah_id=CINUNUK,
        tahun=TAHUN,
        defaults={
            "apbn": 1_000_000_000,
            "apbd_kabkota": 500_000_000,
            "bank_nama": "Bank BJB Cabang Cileunyi",
            "bank_rekening": "0012-3456-7890",
            "bank_atas_nama": "BKM Desa Cinunuk",
            "batas_waktu": batas,
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
            "batas_waktu": batas,
        },
    )
    if not created:
        return
    bkm = users["bkm"]
    services.unggah_dokumen(cinunuk, bkm, DOKUMEN_TAHAP_1, _pdf("ba-pembentukan-tipp.pdf"))
    try:
        tahap1 = services.ajukan_permintaan(cinunuk, 1, bkm, nomor_surat="01/BKM-CNK/IX/2012")
    except ValidationError as exc:  # the TIPP demo did not form Cinunuk's TIPP: keep the allocation only
        _say(stdout, f"BLM Tahap 1 Cinunuk belum dapat diajukan: {exc}")
        return
    for username in ("fasilitator", "pjok", "korkot", "ppk", "satker"):
        services.verifikasi(tahap1, users[username], True)
    services.bayar(tahap1, users["ppk"], timezone.localdate(), tahap1.jumlah, nomor_bukti="SP2D 00123/2012")
    lpj = tahap1.lpj
    kegiatan = kegiatan_rencana_kerja(cinunuk.wilayah) or [(None, "")]
    belanja = [
        ("Pelatihan TIPP dan Pokja (konsumsi, bahan)", 45_000_000),
        ("Pemetaan swadaya: survei kampung dan peta", 120_000_000),
        ("Rembug warga penyusunan RPLP", 120_000_000),
    ]
    for i, (uraian, jumlah) in enumerate(belanja):
        k_id, k_label = kegiatan[i % len(kegiatan)]
        services.tambah_belanja(
            lpj,
            bkm,
            tanggal=timezone.localdate(),
            uraian=uraian,
            jumlah=jumlah,
            kegiatan_id=k_id,
            kegiatan=k_label,
            bukti=_pdf(f"kuitansi-{i + 1}.pdf"),
        )
    services.ajukan_lpj(lpj, bkm)
    services.putuskan_lpj(lpj, users["korkot"], True)
    tahap2 = services.ajukan_permintaan(cinunuk, 2, bkm, nomor_surat="02/BKM-CNK/XII/2012")
    services.verifikasi(tahap2, users["fasilitator"], True)
    services.verifikasi(tahap2, users["pjok"], True)
    _say(stdout, "BLM Cinunuk: Tahap 1 dibayar dan LPJ diterima, Tahap 2 menunggu Korkot")
