"""The KSM stage's services: register, proposals through BKM and Fasilitator, the ceilings
(proposals within the allocation, disbursements within what the BKM received), no double
disbursement, progress with photos carried to the work plan, berita acara."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from blm import services_ksm as s
from blm.models_ksm import KSM, BeritaAcaraKSM, PencairanKSM, UsulanKegiatan
from kelurahan.konflik import KonflikVersi
from tipp.models import ProgresKegiatan

from . import factories_ksm as fk

D = datetime.date


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def cin(cinunuk, users):
    return cinunuk


def _usulan(cin, users, biaya=200_000_000, **kw):
    k = KSM.objects.filter(wilayah=cin).first() or fk.ksm(cin)
    u = UsulanKegiatan(
        ksm=k,
        kegiatan=fk.kegiatan(cin) if "kegiatan" not in kw else kw.pop("kegiatan"),
        nama="Saluran drainase RW 02",
        volume=400,
        satuan="m",
        rw="02",
        biaya_blm=biaya,
        biaya_swadaya=10_000_000,
        penerima_jiwa=300,
        penerima_perempuan=150,
        penerima_miskin=80,
        penerima_kk=75,
    )
    return s.simpan_usulan(u, users["bkm"])


def _disetujui(cin, users, biaya=200_000_000, **kw):
    u = _usulan(cin, users, biaya, **kw)
    s.ajukan_usulan(u, users["bkm"])
    return s.verifikasi_usulan(u, users["fasilitator"], True)


def test_register_makes_the_rembug_and_counts_members_from_the_people(cin, users):
    fk.alokasi(cin)
    ketua = fk.orang(cin, "Asep", "L", miskin=True)
    k = s.simpan_ksm(KSM(wilayah=cin, nama="KSM Mekar", dibentuk=D(2013, 1, 2), ketua=ketua), users["bkm"])
    assert k.pertemuan.wilayah == cin and "KSM Mekar" in k.pertemuan.judul
    s.tambah_anggota(k, users["bkm"], fk.orang(cin, "Euis", "P", disabilitas=True))
    s.tambah_anggota(k, users["bkm"], fk.orang(cin, "Neneng", "P", miskin=True))
    assert k.komposisi() == {"jumlah": 3, "laki_laki": 1, "perempuan": 2, "miskin": 2, "disabilitas": 1}
    with pytest.raises(ValidationError, match="sudah anggota"):
        s.tambah_anggota(k, users["bkm"], ketua)


def test_a_member_from_another_kelurahan_is_refused(cin, users, tambakreja):
    k = fk.ksm(cin)
    with pytest.raises(ValidationError, match="warga kelurahan"):
        s.tambah_anggota(k, users["bkm"], fk.orang(tambakreja, "Orang Jauh"))


def test_only_the_bkm_registers_a_ksm(cin, users):
    with pytest.raises(PermissionDenied):
        s.simpan_ksm(KSM(wilayah=cin, nama="KSM X", dibentuk=D(2013, 1, 2)), users["fasilitator"])


def test_proposal_goes_bkm_then_fasilitator_and_is_frozen(cin, users):
    fk.alokasi(cin)
    u = _usulan(cin, users)
    assert u.status == "draf" and u.alokasi.wilayah == cin and u.jumlah_biaya == 210_000_000
    s.ajukan_usulan(u, users["bkm"])
    u.refresh_from_db()
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        s.simpan_usulan(u, users["bkm"], versi=u.versi)
    with pytest.raises(PermissionDenied):
        s.verifikasi_usulan(u, users["bkm"], True)
    s.verifikasi_usulan(u, users["fasilitator"], False, alasan="Volume belum sesuai DED")
    u.refresh_from_db()
    assert u.status == "dikembalikan" and u.alasan == "Volume belum sesuai DED"
    u.volume = 380
    s.simpan_usulan(u, users["bkm"], versi=u.versi)
    s.ajukan_usulan(u, users["bkm"])
    s.verifikasi_usulan(u, users["fasilitator"], True)
    u.refresh_from_db()
    assert u.status == "disetujui" and u.diverifikasi_oleh == users["fasilitator"]
    with pytest.raises(ValidationError):
        s.simpan_usulan(u, users["bkm"], versi=u.versi)


def test_stale_proposal_edit_is_refused(cin, users):
    fk.alokasi(cin)
    u = _usulan(cin, users)
    versi = u.versi
    u.nama = "satu"
    s.simpan_usulan(u, users["bkm"], versi=versi)
    u.nama = "dua"
    with pytest.raises(KonflikVersi):
        s.simpan_usulan(u, users["bkm"], versi=versi)
    assert UsulanKegiatan.objects.get(pk=u.pk).nama == "satu"


def test_proposal_needs_an_approved_plan_activity_of_its_kelurahan(cin, users, tambakreja):
    fk.alokasi(cin)
    with pytest.raises(ValidationError, match="rencana kerja yang disetujui"):
        _usulan(cin, users, kegiatan=fk.kegiatan(tambakreja))


def test_verified_proposals_never_exceed_the_allocation(cin, users):
    fk.alokasi(cin)  # Rp 1.500.000.000
    _disetujui(cin, users, 1_000_000_000)
    u = _usulan(cin, users, 600_000_000)
    s.ajukan_usulan(u, users["bkm"])
    with pytest.raises(ValidationError) as exc:
        s.verifikasi_usulan(u, users["fasilitator"], True)
    assert "melebihi alokasi BLM" in exc.value.messages[0] and "Rp 500.000.000" in exc.value.messages[0]
    assert UsulanKegiatan.objects.get(pk=u.pk).status == "diajukan"
    u2 = _usulan(cin, users, 500_000_000)
    s.ajukan_usulan(u2, users["bkm"])
    assert s.verifikasi_usulan(u2, users["fasilitator"], True).status == "disetujui"


def test_disbursement_within_received_blm_and_never_twice(cin, users):
    fk.alokasi(cin, terbayar=300_000_000)
    u = _disetujui(cin, users, 250_000_000)
    u2 = _disetujui(cin, users, 200_000_000)
    bkm = users["bkm"]
    p = s.cairkan(u, bkm, 1, D(2013, 1, 10), 100_000_000, ContentFile(fk.PDF, name="kw.pdf"))
    assert p.kuitansi.nama_asli == "kw.pdf"
    with pytest.raises(ValidationError, match="sudah dicairkan"):
        s.cairkan(u, bkm, 1, D(2013, 1, 11), 10_000_000, ContentFile(fk.PDF, name="kw.pdf"))
    with pytest.raises(ValidationError, match="sisa dana BLM usulan"):
        s.cairkan(u, bkm, 2, D(2013, 1, 11), 150_000_001, ContentFile(fk.PDF, name="kw.pdf"))
    s.cairkan(u2, bkm, 1, D(2013, 1, 12), 150_000_000, ContentFile(fk.PDF, name="kw.pdf"))
    with pytest.raises(ValidationError) as exc:  # 300 received, 250 passed on
        s.cairkan(u, bkm, 2, D(2013, 2, 1), 60_000_000, ContentFile(fk.PDF, name="kw.pdf"))
    assert "sudah diterima BKM" in exc.value.messages[0] and "Rp 50.000.000" in exc.value.messages[0]
    s.cairkan(u, bkm, 2, D(2013, 2, 1), 50_000_000, ContentFile(fk.PDF, name="kw.pdf"))
    assert UsulanKegiatan.objects.get(pk=u.pk).dicairkan == 150_000_000
    assert PencairanKSM.objects.count() == 3


def test_disbursement_needs_a_verified_proposal_and_a_receipt_file(cin, users):
    fk.alokasi(cin, terbayar=300_000_000)
    u = _usulan(cin, users)
    with pytest.raises(ValidationError, match="belum diverifikasi"):
        s.cairkan(u, users["bkm"], 1, D(2013, 1, 10), 1_000, ContentFile(fk.PDF, name="kw.pdf"))
    u = _disetujui(cin, users, 100_000_000)
    with pytest.raises(ValidationError):
        s.cairkan(u, users["bkm"], 1, D(2013, 1, 10), 1_000, ContentFile(b"MZ nope", name="kw.pdf"))
    assert not PencairanKSM.objects.exists()
    with pytest.raises(PermissionDenied):
        s.cairkan(u, users["fasilitator"], 1, D(2013, 1, 10), 1_000, ContentFile(fk.PDF, name="kw.pdf"))


def test_progress_with_photos_reaches_the_work_plan(cin, users):
    fk.alokasi(cin, terbayar=300_000_000)
    u = _disetujui(cin, users, 100_000_000)
    s.cairkan(u, users["bkm"], 1, D(2013, 1, 10), 40_000_000, ContentFile(fk.PDF, name="kw.pdf"))
    lap = s.laporkan(
        u,
        users["fasilitator"],
        tanggal=D(2013, 1, 14),
        persen=0,
        dana_terpakai=0,
        foto=[(0, fk.jpeg("nol.jpg"), "Sebelum")],
    )
    assert lap.foto.get().berkas.tipe_isi == "image/jpeg"
    s.laporkan(u, users["bkm"], tanggal=D(2013, 2, 14), persen=50, dana_terpakai=35_000_000, hok_l=40, hok_p=12)
    u.refresh_from_db()
    assert (u.progres, u.dana_terpakai) == (50, 35_000_000)
    assert list(ProgresKegiatan.objects.filter(kegiatan=u.kegiatan).values_list("persen", flat=True)) == [0, 50]
    with pytest.raises(ValidationError, match="melebihi dana yang sudah dicairkan"):
        s.laporkan(u, users["bkm"], tanggal=D(2013, 2, 20), persen=60, dana_terpakai=40_000_001)
    with pytest.raises(ValidationError):  # a PDF is no photo
        s.tambah_foto(lap, users["bkm"], 50, ContentFile(fk.PDF, name="x.pdf"))
    with pytest.raises(ValidationError, match="0%, 50% atau 100%"):
        s.tambah_foto(lap, users["bkm"], 30, fk.jpeg())


def test_inspection_then_handover_at_100_percent(cin, users):
    fk.alokasi(cin, terbayar=300_000_000)
    u = _disetujui(cin, users, 100_000_000)
    s.cairkan(u, users["bkm"], 1, D(2013, 1, 10), 100_000_000, ContentFile(fk.PDF, name="kw.pdf"))
    ba = BeritaAcaraKSM(usulan=u, jenis="pemeriksaan", tanggal=D(2013, 4, 1), hasil="Baik")
    with pytest.raises(ValidationError, match="100%"):
        s.simpan_berita_acara(ba, users["fasilitator"])
    s.laporkan(u, users["bkm"], tanggal=D(2013, 3, 30), persen=100, dana_terpakai=100_000_000)
    st = BeritaAcaraKSM(usulan=u, jenis="serah_terima", tanggal=D(2013, 4, 2), hasil="Diserahkan", nama_kpp="KPP")
    with pytest.raises(ValidationError, match="setelah berita acara pemeriksaan"):
        s.simpan_berita_acara(st, users["bkm"])
    with pytest.raises(PermissionDenied):
        s.simpan_berita_acara(ba, users["bkm"])
    s.simpan_berita_acara(ba, users["fasilitator"])
    s.simpan_berita_acara(st, users["bkm"])
    with pytest.raises(ValidationError, match="diserahterimakan"):
        s.laporkan(u, users["bkm"], tanggal=D(2013, 4, 5), persen=100, dana_terpakai=100_000_000)


def test_per_kelurahan_figures(cin, users, pasawahan):
    fk.alokasi(cin, terbayar=300_000_000)
    u = _disetujui(cin, users, 100_000_000)
    _disetujui(cin, users, 300_000_000)
    _usulan(cin, users, 50_000_000)  # a draft counts for nothing
    s.cairkan(u, users["bkm"], 1, D(2013, 1, 10), 60_000_000, ContentFile(fk.PDF, name="kw.pdf"))
    s.laporkan(u, users["bkm"], tanggal=D(2013, 2, 1), persen=80, dana_terpakai=45_000_000)
    fk.ksm(pasawahan, "KSM Pasawahan")
    from blm.querysets_ksm import figur_per_kelurahan

    fig = figur_per_kelurahan(KSM.objects.for_user(users["korkot"]), UsulanKegiatan.objects.for_user(users["korkot"]))
    c = fig[cin.kode]
    assert (c["ksm"], c["usulan"], c["disetujui_rp"], c["dicairkan_rp"], c["terpakai_rp"]) == (
        1,
        2,
        400_000_000,
        60_000_000,
        45_000_000,
    )
    assert c["progres_fisik"] == pytest.approx(20.0)  # 80% of 100 of 400 juta
    assert c["penerima_jiwa"] == 600 and c["penerima_kk"] == 150
    assert fig[pasawahan.kode] == {"ksm": 1}
