"""Plain builders (no services) of the KSM stage in any region: an approved work plan with a
construction activity, a KSM with members, proposals at any status, a disbursement."""

import datetime
import io
from decimal import Decimal

from django.core.files.base import ContentFile
from PIL import Image

from blm.models import AlokasiBLM
from blm.models_ksm import KSM, AnggotaKSM, LaporanProgres, PencairanKSM, UsulanKegiatan
from kelurahan.models import Orang
from kelurahan.services import simpan_berkas
from tipp.models import Kegiatan, RencanaKerja

from . import factories as f

PDF = f.PDF


def jpeg(name="foto.jpg", color=(90, 120, 160)) -> ContentFile:
    buf = io.BytesIO()
    Image.new("RGB", (24, 16), color).save(buf, "JPEG")
    return ContentFile(buf.getvalue(), name=name)


def kegiatan(wilayah, nama="Pembangunan saluran drainase", disetujui=True) -> Kegiatan:
    rencana, _ = RencanaKerja.objects.get_or_create(
        wilayah=wilayah, defaults={"disetujui": datetime.date(2012, 7, 6) if disetujui else None}
    )
    mulai = datetime.date(2013, 1, 7)
    return Kegiatan.objects.create(
        rencana=rencana,
        tahap="lain",
        urutan=rencana.kegiatan.count() + 1,
        nama=nama,
        mulai=mulai,
        durasi=90,
        volume=Decimal(400),
        satuan="m",
        penanggung_jawab="KSM",
        baseline_mulai=mulai,
        baseline_durasi=90,
        baseline_volume=Decimal(400),
    )


def orang(wilayah, nama, jk="L", miskin=False, disabilitas=False) -> Orang:
    return Orang.objects.create(
        wilayah=wilayah, nama=nama, jenis_kelamin=jk, miskin=miskin, disabilitas=disabilitas, rt="01", rw="02"
    )


def ksm(wilayah, nama="KSM Saluran Sejahtera") -> KSM:
    ketua = orang(wilayah, f"Ketua {nama}")
    k = KSM.objects.create(wilayah=wilayah, nama=nama, dibentuk=datetime.date(2013, 1, 2), ketua=ketua)
    AnggotaKSM.objects.create(ksm=k, orang=ketua, jabatan="Ketua")
    return k


def alokasi(wilayah, terbayar=0) -> AlokasiBLM:
    a = AlokasiBLM.objects.filter(wilayah=wilayah).first() or f.alokasi(wilayah)
    if terbayar:
        AlokasiBLM.objects.filter(pk=a.pk).update(terbayar=terbayar)
        a.refresh_from_db()
    return a


def usulan(wilayah, status="draf", biaya_blm=200_000_000, k=None, keg=None, **kw) -> UsulanKegiatan:
    k = k or KSM.objects.filter(wilayah=wilayah).first() or ksm(wilayah)
    return UsulanKegiatan.objects.create(
        ksm=k,
        wilayah=wilayah,
        alokasi=alokasi(wilayah),
        kegiatan=keg or Kegiatan.objects.filter(rencana__wilayah=wilayah).first() or kegiatan(wilayah),
        nama=kw.pop("nama", "Saluran drainase RW 02"),
        volume=Decimal(400),
        satuan="m",
        rt="01",
        rw="02",
        biaya_blm=biaya_blm,
        biaya_swadaya=kw.pop("biaya_swadaya", 20_000_000),
        penerima_jiwa=kw.pop("penerima_jiwa", 320),
        penerima_perempuan=160,
        penerima_miskin=90,
        penerima_kk=80,
        penerima_kk_miskin=25,
        status=status,
        **kw,
    )


def pencairan(wilayah, user, tahap=1, jumlah=80_000_000) -> PencairanKSM:
    u = UsulanKegiatan.objects.filter(wilayah=wilayah, status="disetujui").first() or usulan(wilayah, "disetujui")
    p = PencairanKSM.objects.create(
        usulan=u,
        alokasi=u.alokasi,
        wilayah=wilayah,
        tahap=tahap,
        tanggal=datetime.date(2013, 1, 10),
        jumlah=jumlah,
        kuitansi=simpan_berkas(ContentFile(PDF, name="kuitansi.pdf")),
        dicatat_oleh=user,
    )
    UsulanKegiatan.objects.filter(pk=u.pk).update(dicairkan=jumlah)
    return p


def laporan(wilayah, user, persen=50) -> LaporanProgres:
    u = UsulanKegiatan.objects.filter(wilayah=wilayah, status="disetujui").first() or usulan(wilayah, "disetujui")
    return LaporanProgres.objects.create(
        usulan=u,
        wilayah=wilayah,
        tanggal=datetime.date(2013, 2, 1),
        persen=persen,
        dana_terpakai=0,
        hok_l=10,
        hok_p=6,
        dilaporkan_oleh=user,
    )
