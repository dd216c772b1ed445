"""Plain builders (no fixtures, no services) for BLM rows in any region, used by the
access table where the cast has no rights to file in the out-of-scope region."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from blm.models import (
    AlokasiBLM,
    BelanjaLPJ,
    DokumenBLM,
    JejakPermintaan,
    KonfigurasiBLM,
    LpjBLM,
    PembayaranBLM,
    PermintaanBLM,
    TahapBLM,
)
from kelurahan.services import simpan_berkas

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def konfigurasi(tahun=2012, syarat_tipp=False) -> KonfigurasiBLM:
    k, created = KonfigurasiBLM.objects.get_or_create(tahun=tahun)
    if created:
        for nomor, persen in ((1, "20"), (2, "50"), (3, "30")):
            TahapBLM.objects.create(
                konfigurasi=k,
                nomor=nomor,
                persen=Decimal(persen),
                syarat_tipp=syarat_tipp and nomor == 1,
                syarat_rencana_kerja=syarat_tipp and nomor == 1,
                syarat_lpj_sebelumnya=nomor > 1,
            )
    return k


def alokasi(wilayah, tahun=2012) -> AlokasiBLM:
    konfigurasi(tahun)
    return AlokasiBLM.objects.create(
        wilayah=wilayah,
        tahun=tahun,
        apbn=1_000_000_000,
        apbd_kabkota=500_000_000,
        bank_nama="Bank BJB",
        bank_rekening="0012",
        bank_atas_nama="BKM",
        batas_waktu=datetime.date(2099, 12, 31),
    )


def permintaan(wilayah, filer, status="diproses", langkah="fasilitator", nomor=1) -> PermintaanBLM:
    a = AlokasiBLM.objects.filter(wilayah=wilayah).first() or alokasi(wilayah)
    now = timezone.now()
    p = PermintaanBLM.objects.create(
        alokasi=a,
        wilayah=wilayah,
        nomor=nomor,
        jumlah=300_000_000,
        status=status,
        langkah=langkah if status == "diproses" else "",
        langkah_sejak=now if status == "diproses" else None,
        diajukan_oleh=filer,
        diajukan_pada=now,
    )
    JejakPermintaan.objects.create(
        permintaan=p, tindakan="diajukan", oleh=filer, nama_oleh=filer.username, peran="bkm", pada=now
    )
    return p


def dibayar(wilayah, filer, payer, lpj_status="draft", belanja=True) -> PermintaanBLM:
    p = permintaan(wilayah, filer, status="dibayar")
    PembayaranBLM.objects.create(
        permintaan=p,
        alokasi=p.alokasi,
        wilayah=wilayah,
        tanggal=datetime.date(2012, 10, 1),
        jumlah=p.jumlah,
        dicatat_oleh=payer,
    )
    AlokasiBLM.objects.filter(pk=p.alokasi_id).update(terbayar=p.jumlah)
    lpj = LpjBLM.objects.create(permintaan=p, wilayah=wilayah, status=lpj_status)
    if belanja:
        BelanjaLPJ.objects.create(
            lpj=lpj,
            tanggal=datetime.date(2012, 10, 5),
            uraian="Pelatihan TIPP",
            jumlah=100_000_000,
            bukti=simpan_berkas(ContentFile(PDF, name="kuitansi.pdf")),
        )
        LpjBLM.objects.filter(pk=lpj.pk).update(realisasi=100_000_000)
    return p


def dokumen(wilayah, nama="Laporan kemajuan") -> DokumenBLM:
    a = AlokasiBLM.objects.filter(wilayah=wilayah).first() or alokasi(wilayah)
    return DokumenBLM.objects.create(alokasi=a, nama=nama, berkas=simpan_berkas(ContentFile(PDF, name="dok.pdf")))
