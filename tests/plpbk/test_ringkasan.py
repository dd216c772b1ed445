"""The dashboard's summary rows stay exact: every kind of write marks its region in the same
transaction (database triggers, tests/plpbk/test_pemicu.py for each write path), recounting
the marks (`proses_tanda`, outside any reading request) gives what a count of everything from
scratch gives, and dashboards read the rows as last counted."""

import datetime
import io
import threading
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.db.models import Sum
from django.forms.models import model_to_dict
from django.utils import timezone

from blm.models import AlokasiBLM, PermintaanBLM
from kelurahan import services as kehadiran
from kelurahan.models import Akses, LokasiProgram, Pertemuan, Wilayah
from lokakarya.models import Lokakarya
from plpbk.dasbor import dashboard as d
from plpbk.dasbor import ringkasan
from plpbk.dasbor.models import HariRingkasan, PerubahanRingkasan, Ringkasan, RingkasanProvinsi
from sosialisasi import services as sosialisasi
from sosialisasi.models import RembugWarga
from tests.conftest import make_region
from tests.plpbk import dashboard_data
from tipp.models import Kegiatan, LangkahTIPP

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(users):
    dashboard_data.build(users)
    return users


def rows(objs) -> dict:
    """The figures of summary rows (not the attention key: tests/plpbk/test_perhatian_kunci.py)."""
    skip = {"id", *Ringkasan.BUKAN_ANGKA}
    return {(r.wilayah_id, r.tahun): {k: v for k, v in model_to_dict(r).items() if k not in skip} for r in objs}


def provinsi_rows() -> list:
    fields = ["provinsi_id", "tahun", "tahun_program", "angkatan", *Ringkasan.SEJAK, *Ringkasan.ANGKA]
    return sorted(RingkasanProvinsi.objects.values_list(*fields), key=repr)


def assert_exact():
    """Recount what is marked, then compare every stored row with a count from scratch, and
    the provinces' sums with sums made again from those rows."""
    ringkasan.proses_tanda()
    assert not PerubahanRingkasan.objects.exists()
    assert rows(Ringkasan.objects.all()) == rows(ringkasan.hitung(None))
    stored = provinsi_rows()
    ringkasan._ganti_provinsi(None)
    assert stored == provinsi_rows()


def kab_total(user):
    """The kabupaten's figures once the marks are counted (a dashboard only reads them)."""
    ringkasan.proses_tanda()
    return d.Dasbor(user, Wilayah.objects.get(kode="32.04"), now=dashboard_data.NOW).total()


def test_rows_per_kelurahan_and_per_year_above_it(data):
    ringkasan.proses_tanda()
    cinunuk = Ringkasan.objects.get(wilayah_id="32.04.05.2004", tahun=0)
    assert (cinunuk.lokasi, cinunuk.lokakarya_4, cinunuk.rembug, cinunuk.langkah_5) == (1, 1, 1, 1)
    assert (cinunuk.alokasi, cinunuk.terbayar, cinunuk.diminta, cinunuk.tertahan) == (
        1_000_000_000,
        300_000_000,
        700_000_000,
        1,
    )
    # the kabupaten lokakarya of 2 April 2012 sits on the kabupaten, under its year
    kab = Ringkasan.objects.get(wilayah_id="32.04")
    assert (kab.tahun, kab.lokakarya_2, kab.pertemuan, kab.laki_laki, kab.perempuan) == (2012, 1, 1, 12, 8)
    assert_exact()


def test_attendance_entry_and_removal_reach_the_dashboard(data):
    before = kab_total(data["pemda"])
    pt = Pertemuan.objects.create(wilayah_id="32.04.12.1001", judul="Rapat RT", jenis="lain", tanggal="2012-06-01")
    made = kehadiran.tambah_kehadiran(
        pt, [kehadiran.BarisKehadiran(nama="Siti Aminah", jenis_kelamin="P", disabilitas=True)]
    )
    after = kab_total(data["pemda"])
    assert (after.pertemuan, after.perempuan, after.disabilitas) == (
        before.pertemuan + 1,
        before.perempuan + 1,
        before.disabilitas + 1,
    )
    assert_exact()
    kehadiran.hapus_kehadiran(pt, [k.pk for k in made])
    assert kab_total(data["pemda"]).perempuan == before.perempuan
    assert_exact()


def test_a_meeting_moved_to_another_desa_leaves_the_first(data):
    pt = Pertemuan.objects.get(judul="Rembug warga Pasawahan")
    kab_total(data["pemda"])
    pt = Pertemuan.objects.get(pk=pt.pk)
    pt.wilayah_id = "32.04.05.2004"
    pt.save()
    assert ringkasan.proses_tanda() == 2
    per = {
        w.kode: ind
        for w, ind in d.Dasbor(data["pemda"], Wilayah.objects.get(kode="32.04")).anak(
            Wilayah.objects.filter(kode__in=["32.04.05", "32.04.12"]).order_by("kode")
        )
    }
    assert (per["32.04.05"].rembug, per["32.04.12"].rembug) == (2, 0)
    assert_exact()


def test_new_inclusion_targets_recount_open_rembug_warga(data):
    assert kab_total(data["pemda"]).rembug_di_bawah_target == 1
    # 2 of 12 women (16.7 %) passes a 10 % target; no one with a disability is then required
    sosialisasi.ubah_target(persen_perempuan=Decimal("10"), jumlah_disabilitas=0)
    assert kab_total(data["pemda"]).rembug_di_bawah_target == 0
    assert_exact()


def test_step_done_lokakarya_removed_and_programme_year_changed(data):
    langkah = LangkahTIPP.objects.get(tipp__wilayah_id="32.04.12.1001", nomor=3)
    langkah.selesai = datetime.date(2012, 6, 20)
    langkah.save()
    lk = Lokakarya.objects.get(pertemuan__wilayah_id="32.04.05")
    pertemuan = lk.pertemuan
    lk.delete()
    pertemuan.delete()
    lokasi = LokasiProgram.objects.get(wilayah_id="32.04.12.1001")
    lokasi.tahun = 2013
    lokasi.save()
    total = kab_total(data["pemda"])
    assert (total.langkah_3, total.lokakarya_3) == (2, 0)
    tahun_2013 = d.Dasbor(data["pemda"], Wilayah.objects.get(kode="32.04"), d.Saringan(tahun=2013)).total()
    assert (tahun_2013.lokasi, tahun_2013.rembug) == (2, 1)
    assert_exact()


def test_work_plan_progress_and_a_new_day_recount_slippage(data):
    ringkasan.proses_tanda()
    cinunuk = Ringkasan.objects.get(wilayah_id="32.04.05.2004")
    assert (cinunuk.kegiatan, cinunuk.kegiatan_terlambat) == (2, 1)
    late = Kegiatan.objects.get(nama="Saluran drainase RW 05")
    late.progres = 100
    late.save()
    assert kab_total(data["pemda"]).kegiatan_terlambat == 0
    assert_exact()
    # figures counted yesterday: the new day marks every approved plan, once
    HariRingkasan.objects.update(tanggal=timezone.localdate() - datetime.timedelta(days=1))
    Ringkasan.objects.filter(wilayah_id="32.04.05.2004").update(bobot_rencana=0)
    assert ringkasan.hari_baru() == 1
    assert ringkasan.hari_baru() == 0
    assert HariRingkasan.objects.get().tanggal == timezone.localdate()
    assert ringkasan.proses_tanda() == 1
    assert_exact()


def test_a_failed_recount_after_a_write_keeps_the_write_and_the_mark(data, monkeypatch, caplog):
    ringkasan.proses_tanda()
    before = kab_total(data["pemda"]).pertemuan

    def broken(kode):
        raise RuntimeError("database went away")

    monkeypatch.setattr(ringkasan, "hitung", broken)
    Pertemuan.objects.create(wilayah_id="32.04.05.2004", judul="Rapat", jenis="lain", tanggal="2012-06-01")
    assert ringkasan.setelah_tulis() == 0
    assert "recount after a write failed" in caplog.text
    assert Pertemuan.objects.filter(judul="Rapat").exists()
    assert list(PerubahanRingkasan.objects.values_list("kode", flat=True)) == ["32.04.05.2004"]
    monkeypatch.undo()
    # the next run counts it
    assert ringkasan.setelah_tulis() == 1
    assert kab_total(data["pemda"]).pertemuan == before + 1
    assert_exact()


def test_a_rolled_back_write_leaves_no_mark_and_no_change(data):
    ringkasan.proses_tanda()
    before = rows(Ringkasan.objects.all())
    with pytest.raises(RuntimeError), transaction.atomic():
        RembugWarga.objects.get(pertemuan__judul="Rembug warga Pasawahan").delete()
        raise RuntimeError("refused")
    assert not PerubahanRingkasan.objects.exists()
    ringkasan.proses_tanda()
    assert rows(Ringkasan.objects.all()) == before


def test_a_bounded_run_recounts_the_oldest_marks_first(data):
    ringkasan.proses_tanda()
    Pertemuan.objects.create(wilayah_id="33.01.01.2001", judul="Rapat", jenis="lain", tanggal="2012-06-01")
    Pertemuan.objects.create(wilayah_id="32.04.05.2004", judul="Rapat", jenis="lain", tanggal="2012-06-01")
    Pertemuan.objects.create(wilayah_id="33.01.01.2001", judul="Rapat", jenis="lain", tanggal="2012-06-02")
    assert ringkasan.proses_tanda(batas=1) == 1
    assert list(PerubahanRingkasan.objects.values_list("kode", flat=True)) == ["32.04.05.2004"]
    assert Ringkasan.objects.get(wilayah_id="33.01.01.2001").pertemuan == 3
    assert ringkasan.proses_tanda(batas=1) == 1
    assert ringkasan.proses_tanda(batas=1) == 0
    assert_exact()


@pytest.mark.parametrize(
    "saringan",
    [
        d.Saringan(),
        d.Saringan(tahun=2012),
        d.Saringan(tahun=2013),
        d.Saringan(angkatan="2013"),
        d.Saringan(tahun=2012, angkatan="2012"),
    ],
)
def test_national_sums_from_provinces_equal_sums_from_kelurahan_rows(data, saringan):
    """The national page reads the provinces' sums; a user holding both provinces of the data
    set reads the kelurahan rows: the figures are the same under every filter."""
    both = get_user_model().objects.create(username="dua_provinsi")
    for kode in ("32", "33"):
        Akses.objects.create(user=both, peran="pemda", wilayah_id=kode)
    Pertemuan.objects.create(wilayah_id="33", judul="Lokakarya provinsi", jenis="lain", tanggal="2013-02-01")
    ringkasan.proses_tanda()
    nasional = d.Dasbor(data["admin"], None, saringan, now=dashboard_data.NOW).per_kode
    from_rows = d.Dasbor(both, None, saringan, now=dashboard_data.NOW).per_kode
    assert nasional == from_rows
    assert sum(i.lokasi for i in nasional.values()) > 0


def test_rebuild_from_scratch_matches(data):
    ringkasan.proses_tanda()
    incremental, per_provinsi = rows(Ringkasan.objects.all()), provinsi_rows()
    Ringkasan.objects.all().delete()
    RingkasanProvinsi.objects.all().delete()
    assert ringkasan.bangun_ulang() == len(incremental)
    assert rows(Ringkasan.objects.all()) == incremental
    assert provinsi_rows() == per_provinsi


def test_the_demo_leaves_an_exact_summary_and_the_command_recounts_it(db):
    call_command("demo", force=True, stdout=io.StringIO())
    assert_exact()
    Ringkasan.objects.all().delete()
    out = io.StringIO()
    call_command("hitung_ringkasan", stdout=out)
    assert "Ringkasan dasbor" in out.getvalue()
    assert_exact()
    assert Ringkasan.objects.filter(wilayah_id="32.04.05.2004", lokasi=1).exists()


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="recounts in parallel transactions need PostgreSQL row locks; runs in the PostgreSQL CI pass",
)
@pytest.mark.django_db(transaction=True)
def test_parallel_writes_and_dashboards_in_one_province_leave_exact_sums(users):
    """Eight connections at once: six write meetings with attendance in different desa of one
    province (each recounting after its commit, as after a write request) while two process
    the marks as the scheduled command does. The province lock orders the recounts, so no later
    sum is overwritten by an earlier one."""
    desa = ["32.04.05.2004", "32.04.12.1001", *(make_region(f"32.04.{50 + i}.2001").kode for i in range(4))]
    barrier = threading.Barrier(8)
    errors = []

    def run(i):
        try:
            barrier.wait(timeout=10)
            if i < 6:
                with transaction.atomic():
                    pt = Pertemuan.objects.create(wilayah_id=desa[i], judul="Rapat", jenis="lain", tanggal="2012-06-01")
                    rows = [
                        kehadiran.BarisKehadiran(nama=f"Warga {i}-{n}", jenis_kelamin="LP"[n % 2]) for n in range(i + 1)
                    ]
                    kehadiran.tambah_kehadiran(pt, rows)
                ringkasan.setelah_tulis()
            else:
                ringkasan.proses_tanda()
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert not PerubahanRingkasan.objects.exists()
    jabar = RingkasanProvinsi.objects.filter(provinsi_id="32").aggregate(
        n=Sum("pertemuan"), orang=Sum("laki_laki") + Sum("perempuan")
    )
    assert jabar == {"n": 6, "orang": 21}
    assert_exact()


@pytest.mark.parametrize("saringan", [d.Saringan(), d.Saringan(tahun=2012), d.Saringan(tahun=2013)])
@pytest.mark.parametrize("who,kode", [("pemda", "32.04"), ("admin", None), ("bkm2", "32.04.12.1001")])
def test_requests_waiting_per_step_match_the_blm_query(data, saringan, who, kode):
    a = AlokasiBLM.objects.get(wilayah_id="32.04.12.1001")
    dashboard_data.permintaan(a, 2, 50_000_000, "diproses", data["bkm2"], langkah="korkot", sejak=dashboard_data.NOW)
    user, wilayah = data[who], (Wilayah.objects.get(kode=kode) if kode else None)
    ringkasan.proses_tanda()
    shown = d.Dasbor(user, wilayah, saringan, now=dashboard_data.NOW).tertahan_per_langkah()
    qs = PermintaanBLM.objects.for_user(user)
    if saringan.tahun:
        qs = qs.filter(wilayah__lokasi_program__tahun=saringan.tahun)
    expected = (qs.in_region(wilayah) if wilayah else qs).tertahan(now=dashboard_data.NOW)
    keys = ("langkah", "n", "jumlah", "sejak", "lama_hari")
    assert [tuple(r[k] for k in keys) for r in shown] == [tuple(r[k] for k in keys) for r in expected]
    if who == "pemda" and not saringan.aktif:
        assert [(r["label"], r["n"]) for r in shown] == [("PJOK", 1), ("Korkot/Askot", 1)]


def test_a_payment_reaches_the_dashboard(data):
    """blm.services.bayar raises the allocation's paid total with a queryset update."""
    from blm import services as blm

    a = AlokasiBLM.objects.get(wilayah_id="32.04.05.2004")
    p = PermintaanBLM.objects.get(alokasi=a, nomor=2)
    p.status, p.langkah = "terverifikasi", ""
    p.save()
    before = kab_total(data["pemda"]).terbayar
    blm.bayar(p, data["ppk"], datetime.date(2012, 8, 1), 400_000_000)
    assert kab_total(data["pemda"]).terbayar == before + 400_000_000
    assert_exact()
