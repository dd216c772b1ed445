"""Correcting the KSM stage's records (blm.services_koreksi): disbursements, progress reports
and berita acara are edited with a version check or withdrawn with a reason; the money
rules hold (no double tahap, within the proposal and what the BKM received), totals are
recomputed, and the handover/inspection freeze what they close. Also the proposal's poor
households (penerima_kk_miskin)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from blm import services_koreksi as k
from blm import services_ksm as s
from blm.exports_ksm import pencairan_rows, usulan_rows
from blm.forms_ksm import UsulanForm
from blm.models_ksm import BeritaAcaraKSM, PencairanKSM, UsulanKegiatan
from kelurahan.konflik import KonflikVersi
from tipp.models import ProgresKegiatan

from . import factories_ksm as fk
from .test_ksm_services import _disetujui, _usulan

D = datetime.date


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def cin(cinunuk, users):
    return cinunuk


def _cair(u, users, tahap, jumlah):
    return s.cairkan(u, users["bkm"], tahap, D(2013, 1, 10), jumlah, ContentFile(fk.PDF, name="kw.pdf"))


def _ubah(p, users, **kw):
    d = {"versi": p.versi, "tahap": p.tahap, "tanggal": p.tanggal, "jumlah": p.jumlah} | kw
    return k.ubah_pencairan(p, users["bkm"], **d)


def _fresh(obj):
    obj.refresh_from_db()
    return obj


def test_editing_a_disbursement_keeps_the_ceilings_and_recomputes_the_total(cin, users):
    fk.alokasi(cin, terbayar=100_000_000)
    u = _disetujui(cin, users, 80_000_000)
    other = _disetujui(cin, users, 80_000_000)
    p1, p2 = _cair(u, users, 1, 30_000_000), _cair(u, users, 2, 20_000_000)
    _cair(other, users, 1, 40_000_000)  # the BKM has 10 million left of the 100 it received

    p1 = _ubah(p1, users, jumlah=35_000_000, tanggal=D(2013, 1, 12))
    assert (_fresh(u).dicairkan, p1.tanggal, p1.versi) == (55_000_000, D(2013, 1, 12), 2)
    with pytest.raises(ValidationError, match="belum disalurkan"):  # 40 + 55 - 35 + 41 > 100
        _ubah(p1, users, jumlah=41_000_000)
    with pytest.raises(ValidationError, match="sisa dana BLM usulan"):  # 35 + 46 > 80
        _ubah(p2, users, jumlah=46_000_000)
    with pytest.raises(ValidationError, match="sudah dicairkan"):  # tahap 2 is taken
        _ubah(p1, users, tahap=2)
    with pytest.raises(KonflikVersi):  # a page from before the first correction
        _ubah(p1, users, versi=1, jumlah=36_000_000)
    with pytest.raises(PermissionDenied):
        k.ubah_pencairan(p1, users["fasilitator"], versi=2, tahap=1, tanggal=D(2013, 1, 12), jumlah=1)
    assert (_fresh(u).dicairkan, _fresh(p1).jumlah) == (55_000_000, 35_000_000)


def test_withdrawal_refused_below_the_funds_reported_used(cin, users):
    fk.alokasi(cin, terbayar=100_000_000)
    u = _disetujui(cin, users, 80_000_000)
    p1 = _cair(u, users, 1, 60_000_000)
    s.laporkan(u, users["bkm"], tanggal=D(2013, 2, 1), persen=30, dana_terpakai=10_000_000)
    with pytest.raises(ValidationError, match="perbaiki laporan progres"):
        k.batalkan_pencairan(p1, users["bkm"], "Salah usulan", versi=p1.versi)
    with pytest.raises(ValidationError, match="perbaiki laporan progres"):
        _ubah(p1, users, jumlah=9_000_000)
    assert not _fresh(p1).dibatalkan and _fresh(u).dicairkan == 60_000_000


def test_withdrawn_disbursement_kept_with_reason_and_tahap_recorded_again(cin, users):
    fk.alokasi(cin, terbayar=100_000_000)
    u = _disetujui(cin, users, 80_000_000)
    p1 = _cair(u, users, 1, 60_000_000)
    with pytest.raises(ValidationError, match="alasan"):
        k.batalkan_pencairan(p1, users["bkm"], "  ", versi=p1.versi)
    k.batalkan_pencairan(p1, users["bkm"], "Salah nomor rekening", versi=p1.versi)
    p1 = _fresh(p1)
    assert p1.dibatalkan and p1.alasan_batal == "Salah nomor rekening" and p1.dibatalkan_oleh == users["bkm"]
    assert _fresh(u).dicairkan == 0 and s.disalurkan_alokasi(u.alokasi_id) == 0
    assert p1.history.count() == 2  # the record and its withdrawal
    with pytest.raises(ValidationError, match="dibatalkan"):
        _ubah(p1, users, jumlah=1)
    p1b = _cair(u, users, 1, 70_000_000)  # the tahap is free again
    assert _fresh(u).dicairkan == 70_000_000 and PencairanKSM.objects.filter(usulan=u, tahap=1).count() == 2
    # the database still refuses two disbursements of one tahap that count
    with pytest.raises(IntegrityError), transaction.atomic():
        PencairanKSM.objects.filter(pk=p1.pk).update(dibatalkan_pada=None)
    rows = list(pencairan_rows(PencairanKSM.objects.order_by("pk")))
    assert rows[0][-2:] == ["Dibatalkan pada", "Alasan pembatalan"]
    assert {r[-1] for r in rows[1:]} == {"Salah nomor rekening", ""} and p1b.pk


def test_report_corrections_recompute_progress_and_tell_the_plan(cin, users):
    fk.alokasi(cin, terbayar=100_000_000)
    u = _disetujui(cin, users, 80_000_000)
    _cair(u, users, 1, 50_000_000)
    r1 = s.laporkan(u, users["bkm"], tanggal=D(2013, 2, 1), persen=20, dana_terpakai=10_000_000)
    r2 = s.laporkan(u, users["bkm"], tanggal=D(2013, 2, 14), persen=50, dana_terpakai=30_000_000)
    rencana = ProgresKegiatan.objects.filter(kegiatan=u.kegiatan)
    assert rencana.count() == 2

    def ubah(r, **kw):
        d = {f: getattr(r, f) for f in ("tanggal", "persen", "dana_terpakai", "hok_l", "hok_p", "masalah")}
        return k.ubah_laporan(r, users["fasilitator"], versi=r.versi, **(d | kw))

    ubah(r1, masalah="Hujan")  # an older report: the proposal and the plan do not move
    assert (_fresh(u).progres, rencana.count()) == (50, 2)
    with pytest.raises(ValidationError, match="melebihi dana yang sudah dicairkan"):
        ubah(r2, dana_terpakai=50_000_001)
    r2 = ubah(r2, persen=55)
    assert (_fresh(u).progres, rencana.count(), rencana.latest("pk").persen) == (55, 3, 55)
    k.batalkan_laporan(r2, users["bkm"], "Foto tertukar", versi=r2.versi)
    u = _fresh(u)
    assert (u.progres, u.dana_terpakai) == (20, 10_000_000) and rencana.latest("pk").persen == 20
    with pytest.raises(PermissionDenied):
        k.batalkan_laporan(_fresh(r1), users["pjok"], "x", versi=2)


def test_inspection_freezes_reports_handover_freezes_all(cin, users):
    fk.alokasi(cin, terbayar=100_000_000)
    u = _disetujui(cin, users, 80_000_000)
    p = _cair(u, users, 1, 80_000_000)
    r = s.laporkan(u, users["bkm"], tanggal=D(2013, 3, 30), persen=100, dana_terpakai=80_000_000)
    ba = s.simpan_berita_acara(
        BeritaAcaraKSM(usulan=u, jenis="pemeriksaan", tanggal=D(2013, 4, 1), hasil="Baik"), users["fasilitator"]
    )
    with pytest.raises(ValidationError, match="sudah diperiksa"):
        k.batalkan_laporan(r, users["bkm"], "x", versi=r.versi)
    with pytest.raises(ValidationError, match="sudah diperiksa"):
        s.laporkan(u, users["bkm"], tanggal=D(2013, 4, 2), persen=90, dana_terpakai=80_000_000)
    ba.hasil = "Baik, sesuai gambar"
    ba = k.ubah_berita_acara(ba, users["fasilitator"], versi=ba.versi)
    assert _fresh(ba).hasil == "Baik, sesuai gambar"
    st = s.simpan_berita_acara(
        BeritaAcaraKSM(usulan=u, jenis="serah_terima", tanggal=D(2013, 4, 2), hasil="Diserahkan", nama_kpp="KPP"),
        users["bkm"],
    )
    for action in (
        lambda: _ubah(p, users, tanggal=D(2013, 1, 11)),
        lambda: k.batalkan_pencairan(p, users["bkm"], "x", versi=p.versi),
        lambda: k.ubah_berita_acara(_fresh(ba), users["fasilitator"], versi=_fresh(ba).versi),
        lambda: k.batalkan_berita_acara(_fresh(ba), users["fasilitator"], "x", versi=_fresh(ba).versi),
        lambda: k.ubah_berita_acara(st, users["bkm"], versi=st.versi),
    ):
        with pytest.raises(ValidationError):
            action()
    # withdrawing the handover (the BKM's, with a reason) reopens the proposal
    with pytest.raises(PermissionDenied):
        k.batalkan_berita_acara(st, users["fasilitator"], "x", versi=st.versi)
    k.batalkan_berita_acara(st, users["bkm"], "KPP salah", versi=st.versi)
    k.batalkan_berita_acara(_fresh(ba), users["fasilitator"], "Periksa ulang", versi=_fresh(ba).versi)
    r = k.ubah_laporan(
        r, users["bkm"], versi=r.versi, tanggal=r.tanggal, persen=95, dana_terpakai=80_000_000, hok_l=0, hok_p=0
    )
    assert _fresh(u).progres == 95
    assert BeritaAcaraKSM.objects.filter(usulan=u).count() == 2  # both kept, withdrawn


def test_poor_households_within_households(cin, users):
    fk.alokasi(cin)
    u = _usulan(cin, users)
    u.penerima_kk_miskin = 76  # 75 households
    with pytest.raises(ValidationError, match="KK miskin"):
        s.simpan_usulan(u, users["bkm"], versi=u.versi)
    u = _fresh(u)
    u.penerima_kk_miskin = 30
    s.simpan_usulan(u, users["bkm"], versi=u.versi)
    assert _fresh(u).penerima_kk_miskin == 30
    with pytest.raises(IntegrityError), transaction.atomic():
        UsulanKegiatan.objects.filter(pk=u.pk).update(penerima_kk_miskin=76)
    data = {f: getattr(u, f) for f in UsulanForm.Meta.fields if f != "kegiatan"} | {"kegiatan": u.kegiatan_id}
    form = UsulanForm(
        data | {"penerima_kk_miskin": 76, "versi": _fresh(u).versi}, instance=_fresh(u), wilayah_id=cin.kode
    )
    assert not form.is_valid() and "penerima_kk_miskin" in form.errors
    header, row = list(usulan_rows(UsulanKegiatan.objects.filter(pk=u.pk)))
    assert row[header.index("KK miskin")] == 30


def test_edit_page_of_a_frozen_report_sends_back_with_why(cin, users, client):
    fk.alokasi(cin, terbayar=100_000_000)
    u = _disetujui(cin, users, 80_000_000)
    _cair(u, users, 1, 80_000_000)
    r = s.laporkan(u, users["bkm"], tanggal=D(2013, 3, 30), persen=100, dana_terpakai=80_000_000)
    client.force_login(users["bkm"])
    url = reverse("blm:laporan_ubah", args=[r.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="form-batal"' in page and "Simpan perbaikan" in page
    s.simpan_berita_acara(
        BeritaAcaraKSM(usulan=u, jenis="pemeriksaan", tanggal=D(2013, 4, 1), hasil="Baik"), users["fasilitator"]
    )
    response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == u.get_absolute_url()
    assert "sudah diperiksa" in response.content.decode()
    assert 'data-testid="laporan-ubah"' not in response.content.decode()
    # a withdrawal posted without the page's version is refused as stale; nothing changes
    response = client.post(reverse("blm:pencairan_batal", args=[u.pencairan.get().pk]), {"alasan": "x"}, follow=True)
    assert "sudah diubah orang lain" in response.content.decode() and not u.pencairan.get().dibatalkan
