"""Fill PostgreSQL with synthetic data at national scale for the dashboard benchmark:
all 83,762 desa of the official list, 11,000 of them in the programme, 110,000 meetings
(10 per desa: a lokakarya, a rembug warga, five TIPP steps and three others; verified, but the
last one closed and waiting for verification in one desa in four), 440,000 people
and 4.4 million attendance rows (every person of a desa at each of its meetings), the
counters on every meeting recomputed from those rows, TIPP steps, approved work plans with
activities, BLM allocations and requests at every verification step, a profile for every
programme desa, two KSM with a proposal each (most verified, partly disbursed, with progress)
where the plan is approved; the dashboard's summary
rows counted from all that (plpbk.dasbor.ringkasan.bangun_ulang); plus the users
`admin` (national) and `pemda` (Kabupaten Bandung), password `plpbk-demo`.

Everything is written with INSERT ... SELECT generate_series in a few statements, so a run
takes a few minutes. The domain tables are emptied first; the region list is imported once.

    DEBUG=1 .venv/bin/python bench/national_data.py
(database `plpbk_bench_national` unless DATABASE_URL is set)
"""

import time

from _setup import setup

url = setup("postgres://postgres@127.0.0.1:5432/plpbk_bench_national")

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from kelurahan.models import Akses, Wilayah  # noqa: E402
from kelurahan.signals import hitung_jumlah_kelurahan  # noqa: E402
from kelurahan.wilayah_import import import_wilayah  # noqa: E402
from plpbk.dasbor import ringkasan  # noqa: E402

LOKASI = 11_000
PERTEMUAN_PER_DESA = 10
ORANG_PER_DESA = 40

TABLES = [
    "plpbk_perubahanringkasan",
    "plpbk_ringkasan",
    "blm_usulankegiatan",
    "blm_ksm",
    "kelurahan_profilkelurahan",
    "blm_pembayaranblm",
    "blm_jejakpermintaan",
    "blm_permintaanblm",
    "blm_alokasiblm",
    "tipp_kegiatan",
    "tipp_rencanakerja",
    "tipp_langkahtipp",
    "tipp_tipp",
    "sosialisasi_rembugwarga",
    "lokakarya_lokakarya",
    "kelurahan_kehadiran",
    "kelurahan_pertemuan",
    "kelurahan_orang",
    "kelurahan_lokasiprogram",
]

STEPS = [
    (
        "programme locations",
        # every 7th desa in code order, 11,000 of them; years 2008-2012, cohort = year
        f"""
        INSERT INTO kelurahan_lokasiprogram (wilayah_id, tahun, angkatan)
        SELECT kode, 2008 + (rn % 5), (2008 + (rn % 5))::text
        FROM (SELECT kode, row_number() OVER (ORDER BY kode) AS rn FROM kelurahan_wilayah WHERE tingkat = 4) t
        WHERE rn % 7 = 0 ORDER BY kode LIMIT {LOKASI}
        """,
    ),
    (
        "people",
        f"""
        INSERT INTO kelurahan_orang (nama, jenis_kelamin, disabilitas, miskin, telepon, email, alamat, rt, rw,
                                     wilayah_id, dibuat)
        SELECT 'Warga ' || l.id || '-' || g, CASE WHEN g % 5 < 2 THEN 'P' ELSE 'L' END, g % 20 = 0, g % 3 = 0,
               '', '', '', lpad((g % 10 + 1)::text, 3, '0'), '001', l.wilayah_id, now()
        FROM kelurahan_lokasiprogram l CROSS JOIN generate_series(1, {ORANG_PER_DESA}) g
        """,
    ),
    (
        "meetings",
        f"""
        INSERT INTO kelurahan_pertemuan (jenis, judul, wilayah_id, tanggal, tempat, notulen, jumlah_l, jumlah_p,
                                         jumlah_disabilitas, jumlah_miskin, versi, dibuat, diubah, status, revisi)
        SELECT CASE WHEN g = 1 THEN 'lokakarya' WHEN g = 2 THEN 'sosialisasi' WHEN g <= 7 THEN 'tipp' ELSE 'lain' END,
               'Pertemuan ' || g, l.wilayah_id, make_date(l.tahun, 3, 1) + g * 14, 'Balai warga', '', 0, 0, 0, 0, 1,
               now(), now(), CASE WHEN g = 10 AND l.id % 4 = 0 THEN 'ditutup' ELSE 'diverifikasi' END, 0
        FROM kelurahan_lokasiprogram l CROSS JOIN generate_series(1, {PERTEMUAN_PER_DESA}) g
        """,
    ),
    (
        "attendance",
        """
        INSERT INTO kelurahan_kehadiran (pertemuan_id, orang_id, urutan, nama, jenis_kelamin, unsur, alamat, rt, rw,
                                         miskin, disabilitas)
        SELECT p.id, o.id, row_number() OVER (PARTITION BY p.id ORDER BY o.id), o.nama, o.jenis_kelamin, 'Warga', '',
               o.rt, o.rw, o.miskin, o.disabilitas
        FROM kelurahan_pertemuan p JOIN kelurahan_orang o ON o.wilayah_id = p.wilayah_id
        """,
    ),
    (
        "meeting counters from attendance",
        """
        UPDATE kelurahan_pertemuan p SET jumlah_l = c.l, jumlah_p = c.p, jumlah_disabilitas = c.d, jumlah_miskin = c.m
        FROM (SELECT pertemuan_id, count(*) FILTER (WHERE jenis_kelamin = 'L') AS l,
                     count(*) FILTER (WHERE jenis_kelamin = 'P') AS p,
                     count(*) FILTER (WHERE disabilitas) AS d, count(*) FILTER (WHERE miskin) AS m
              FROM kelurahan_kehadiran GROUP BY pertemuan_id) c
        WHERE c.pertemuan_id = p.id
        """,
    ),
    (
        "lokakarya",
        """
        INSERT INTO lokakarya_lokakarya (pertemuan_id, tingkat, penyelenggara, fasilitator, unsur, tujuan, agenda,
                                         hasil_kesepakatan, sumber_dana, dibuat, diubah)
        SELECT id, 4, 'BKM', '', '', '', '', '', 'apbn', now(), now() FROM kelurahan_pertemuan WHERE jenis = 'lokakarya'
        """,
    ),
    (
        "rembug warga",
        """
        INSERT INTO sosialisasi_rembugwarga (pertemuan_id, agenda, hasil, alasan)
        SELECT id, '', '', '' FROM kelurahan_pertemuan WHERE jenis = 'sosialisasi'
        """,
    ),
    (
        "TIPP",
        """
        INSERT INTO tipp_tipp (wilayah_id, dikukuhkan, dikukuhkan_bkm, dikukuhkan_lurah, nomor_sk, dibuat)
        SELECT wilayah_id, CASE WHEN id % 6 = 5 THEN make_date(tahun, 9, 1) END, '', '', '', now()
        FROM kelurahan_lokasiprogram
        """,
    ),
    (
        "TIPP steps (a kelurahan reaches step id % 6)",
        """
        INSERT INTO tipp_langkahtipp (tipp_id, nomor, hasil, selesai)
        SELECT t.id, g, '', make_date(l.tahun, 6, 1) + g * 7
        FROM tipp_tipp t JOIN kelurahan_lokasiprogram l ON l.wilayah_id = t.wilayah_id
        CROSS JOIN generate_series(1, 5) g WHERE g <= l.id % 6
        """,
    ),
    (
        "work plans",
        """
        INSERT INTO tipp_rencanakerja (wilayah_id, disetujui, dibuat, versi)
        SELECT wilayah_id, dikukuhkan + 10, now(), 1 FROM tipp_tipp WHERE dikukuhkan IS NOT NULL
        """,
    ),
    (
        "work-plan activities",
        """
        INSERT INTO tipp_kegiatan (rencana_id, tahap, urutan, nama, mulai, durasi, volume, satuan, penanggung_jawab,
                                   baseline_mulai, baseline_durasi, baseline_volume, progres, versi)
        SELECT r.id, 'lain', g, 'Kegiatan ' || g, r.disetujui + g * 20, 30 + g * 5, 1, 'paket', 'KSM',
               r.disetujui + g * 20, 30 + g * 5, 1, LEAST(100, (r.id * 7 + g * 13) % 120), 1
        FROM tipp_rencanakerja r CROSS JOIN generate_series(1, 5) g
        """,
    ),
    (
        "BLM allocations",
        """
        INSERT INTO blm_alokasiblm (wilayah_id, tahun, apbn, apbd_provinsi, apbd_kabkota, swadaya, jumlah, terbayar,
                                    bank_nama, bank_rekening, bank_atas_nama, batas_waktu, dibuat)
        SELECT wilayah_id, tahun, 1000000000, 0, CASE WHEN id % 4 = 0 THEN 500000000 ELSE 0 END, 0,
               1000000000 + CASE WHEN id % 4 = 0 THEN 500000000 ELSE 0 END,
               CASE WHEN id % 6 = 5 THEN 300000000 ELSE 0 END, 'Bank', id::text, 'BKM',
               make_date(tahun + 2, 12, 31), now()
        FROM kelurahan_lokasiprogram
        """,
    ),
    (
        "BLM requests (paid where the plan is approved, else at a verification step)",
        """
        INSERT INTO blm_permintaanblm (alokasi_id, wilayah_id, nomor, jumlah, status, langkah, langkah_sejak,
                                       nomor_surat, catatan, diajukan_oleh_id, diajukan_pada, versi)
        SELECT a.id, a.wilayah_id, 1, 300000000,
               CASE WHEN a.terbayar > 0 THEN 'dibayar' WHEN a.id % 5 = 0 THEN 'dikembalikan' ELSE 'diproses' END,
               CASE WHEN a.terbayar > 0 THEN ''
                    ELSE (ARRAY['fasilitator','pjok','korkot','ppk','satker'])[1 + a.id % 5] END,
               CASE WHEN a.terbayar > 0 THEN NULL ELSE now() - (a.id % 90) * interval '1 day' END,
               '', '', %(user)s, now() - interval '120 days', 1
        FROM blm_alokasiblm a WHERE a.id % 3 <> 0 OR a.terbayar > 0
        """,
    ),
    (
        "kelurahan profiles (the programme year's)",
        """
        INSERT INTO kelurahan_profilkelurahan (wilayah_id, tahun, penduduk_l, penduduk_p, jumlah_kk, kk_miskin,
                                               jumlah_mbr, jumlah_rt, jumlah_rw, jumlah_dusun, sumber, diubah, versi)
        SELECT wilayah_id, tahun, 3000 + id % 7000, 3000 + id % 6500, 2000 + id % 3000, 300 + id % 900,
               1000 + id % 2500, 20 + id % 40, 5 + id % 10, 0, 'bench', now(), 1
        FROM kelurahan_lokasiprogram
        """,
    ),
    (
        "KSM (two where the plan is approved)",
        """
        INSERT INTO blm_ksm (wilayah_id, nama, alamat, dibentuk, nomor_sk, dibuat, versi)
        SELECT r.wilayah_id, 'KSM ' || g, '', r.disetujui + 30, '', now(), 1
        FROM tipp_rencanakerja r CROSS JOIN generate_series(1, 2) g WHERE r.disetujui IS NOT NULL
        """,
    ),
    (
        "KSM proposals (one per KSM on the plan's first activity; 4 in 5 verified)",
        """
        INSERT INTO blm_usulankegiatan (ksm_id, wilayah_id, alokasi_id, kegiatan_id, nama, volume, satuan, rt, rw,
                                        biaya_blm, biaya_apbd, biaya_swadaya, biaya_lain, penerima_jiwa,
                                        penerima_perempuan, penerima_miskin, penerima_kk, penerima_kk_miskin,
                                        status, alasan,
                                        dicairkan, progres, dana_terpakai, dibuat, versi)
        SELECT k.id, k.wilayah_id, a.id, kg.id, 'Pekerjaan ' || k.nama, 100, 'm', '001', '001',
               100000000, 0, 10000000, 0, 300 + k.id % 200, 150 + k.id % 100, 100 + k.id % 50, 80 + k.id % 40,
               30 + k.id % 20,
               CASE WHEN k.id % 5 = 0 THEN 'draf' ELSE 'disetujui' END, '',
               CASE WHEN k.id % 5 = 0 THEN 0 ELSE 60000000 END,
               CASE WHEN k.id % 5 = 0 THEN 0 ELSE (k.id * 13) % 101 END,
               CASE WHEN k.id % 5 = 0 THEN 0 ELSE 600000 * ((k.id * 13) % 101) END, now(), 1
        FROM blm_ksm k
        JOIN blm_alokasiblm a ON a.wilayah_id = k.wilayah_id
        JOIN tipp_rencanakerja r ON r.wilayah_id = k.wilayah_id
        JOIN tipp_kegiatan kg ON kg.rencana_id = r.id AND kg.urutan = 1
        """,
    ),
]


def users():
    User = get_user_model()
    password = make_password("plpbk-demo")
    made = {}
    for username, peran, kode in (("admin", "admin", None), ("pemda", "pemda", "32.04")):
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={"password": password, "is_staff": peran == "admin", "is_superuser": peran == "admin"},
        )
        Akses.objects.filter(user=user).delete()
        Akses.objects.create(user=user, peran=peran, wilayah_id=kode)
        made[username] = user
    return made


def main():
    print(f"database: {connection.vendor} ({url.rsplit('@', 1)[-1]})")
    if Wilayah.objects.filter(tingkat=4).count() < 83_000:
        t = time.perf_counter()
        result = import_wilayah()
        print(f"regions: {result.created} imported in {time.perf_counter() - t:.1f} s")
    total = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        # CASCADE empties kelurahan_akses too (it may point at a person): users come after
        cur.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
        made = users()
        for label, sql in STEPS:
            t = time.perf_counter()
            if "%(user)s" in sql:
                cur.execute(sql.replace("%", "%%").replace("%%(user)s", "%(user)s"), {"user": made["admin"].pk})
            else:
                cur.execute(sql)
            print(f"{label}: {cur.rowcount:,} rows in {time.perf_counter() - t:.1f} s")
    # raw SQL sends no signals: count the dashboard's summary once, as after any bulk load
    t = time.perf_counter()
    hitung_jumlah_kelurahan()
    print(f"dashboard summary: {ringkasan.bangun_ulang():,} rows in {time.perf_counter() - t:.1f} s")
    with connection.cursor() as cur:
        t = time.perf_counter()
        cur.execute("ANALYZE")
        print(f"analyze: {time.perf_counter() - t:.1f} s")
    print(f"total: {time.perf_counter() - total:.1f} s")


if __name__ == "__main__":
    main()
