"""The dashboard "as of" a past date reads the figures kept at the end of that day
(plpbk.dasbor.arsip): the new day's roll-over copies the summary rows once, retention keeps
90 days then month-ends, and a date before the archive began says so."""

import datetime
import io

import openpyxl
import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from kelurahan.models import Pertemuan
from plpbk.dasbor import arsip, ringkasan
from plpbk.dasbor.models import (
    ArsipRingkasan,
    ArsipRingkasanProvinsi,
    HariArsip,
    HariRingkasan,
    Ringkasan,
    RingkasanProvinsi,
)
from tests.plpbk import dashboard_data
from tests.plpbk.test_dashboard_views import _more_children

pytestmark = pytest.mark.django_db

D0 = dashboard_data.TODAY  # 30 November 2026
D1 = D0 + datetime.timedelta(days=1)


@pytest.fixture
def data(users):
    dashboard_data.build(users)
    ringkasan.proses_tanda()
    assert HariRingkasan.objects.get().tanggal == D0
    return users


def _besok():
    """The clock a day later (tests of dashboard_data start at its NOW)."""
    return time_machine.travel(dashboard_data.NOW + datetime.timedelta(days=1), tick=False)


def _rapat_baru():
    """A meeting recorded on the new day in Cinunuk (Kabupaten Bandung): 3 men, 4 women."""
    pt = Pertemuan.objects.create(wilayah_id="32.04.05.2004", judul="Rapat baru", jenis="lain", tanggal="2012-06-01")
    Pertemuan.objects.filter(pk=pt.pk).update(jumlah_l=3, jumlah_p=4)


def _pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def _xlsx(response) -> list[tuple]:
    return list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def _rows(model) -> list:
    """Every row's fields but its key and day, in a stable order."""
    return sorted(
        (
            sorted((k, v) for k, v in model_to_dict(r).items() if k not in ("id", "tanggal", *model.BUKAN_ANGKA))
            for r in model.objects.all()
        ),
        key=repr,
    )


def test_a_past_date_reads_the_figures_kept_at_the_end_of_that_day(client_for, data):
    c, admin = client_for("pemda"), client_for("admin")
    hari0 = c.get("/dasbor/32.04/").context
    assert hari0["total"].peserta == 91
    nasional0 = admin.get("/dasbor/").context["total"].peserta
    xlsx_url = reverse("dashboard_region_xlsx", args=["32.04", "semua"])
    xlsx0 = _xlsx(c.get(xlsx_url))
    with _besok():
        # just after midnight the schedule rolls the day over (keeping 30 November), then the
        # new day's writes are counted
        call = ringkasan.hari_baru()
        assert call == 1 and HariArsip.objects.get().tanggal == D0
        _rapat_baru()
        ringkasan.proses_tanda()
        c, admin = client_for("pemda"), client_for("admin")  # a session of the new day

        today = c.get("/dasbor/32.04/")
        assert today.context["total"].peserta == 98
        assert "Angka per 1 Desember 2026" in today.context["keadaan"].teks

        page = c.get(f"/dasbor/32.04/?per={D0}")
        ctx = page.context
        assert ctx["sumber"].tanggal == D0 and not ctx["sumber"].tidak_disimpan
        assert ctx["total"].peserta == 91
        assert (ctx["total"].laki_laki, ctx["total"].perempuan) == (hari0["total"].laki_laki, hari0["total"].perempuan)
        assert [ind.peserta for _w, ind in ctx["anak"]] == [ind.peserta for _w, ind in hari0["anak"]]
        html = page.content.decode()
        assert "Angka per 30 November 2026 (akhir hari)." in html
        assert "seperti tersimpan pada akhir hari 30 November 2026" in html
        assert "perubahan belum dihitung" not in ctx["keadaan"].teks
        assert 'data-testid="per-tidak-disimpan"' not in html
        # the attention list reads that day's rows too
        assert [p.wilayah.kode for p in ctx["perhatian"]] == [p.wilayah.kode for p in hari0["perhatian"]]

        # the national page sums the provinces' kept rows
        assert admin.get(f"/dasbor/?per={D0}").context["total"].peserta == nasional0
        assert admin.get("/dasbor/").context["total"].peserta == nasional0 + 7

        # the xlsx and the PDF print the same day's figures, and say which day
        rows = _xlsx(c.get(xlsx_url + f"?per={D0}"))
        assert rows[:-1] == xlsx0[:-1]  # every cell as on 30 November
        assert rows[-1][0] == "Angka per 30 November 2026 (akhir hari)."
        assert _xlsx(c.get(xlsx_url))[:-1] != xlsx0[:-1]
        l0, p0 = hari0["total"].laki_laki, hari0["total"].perempuan
        pdf = _pdf_text(c.get(reverse("dashboard_region_pdf", args=["32.04"]) + f"?per={D0}"))
        assert f"{l0} L / {p0} P" in pdf and "Angka per 30 November 2026 (akhir hari)." in pdf
        pdf_now = _pdf_text(c.get(reverse("dashboard_region_pdf", args=["32.04"])))
        assert f"{l0 + 3} L / {p0 + 4} P" in pdf_now


def test_a_later_date_reads_the_latest_day_kept_before_it(client_for, data):
    with _besok():
        ringkasan.hari_baru()
    # a week later, after more writes and no roll-over in between: 2 December reads 30 November
    with time_machine.travel(dashboard_data.NOW + datetime.timedelta(days=7), tick=False):
        _rapat_baru()
        ringkasan.proses_tanda()
        page = client_for("pemda").get("/dasbor/32.04/?per=2026-12-02")
        assert page.context["sumber"].tanggal == D0 and page.context["total"].peserta == 91
        assert page.context["keadaan"].teks == (
            "Angka per 30 November 2026 (akhir hari); hari terakhir yang tersimpan sampai 2 Desember 2026."
        )


def test_the_roll_over_keeps_every_row_once_and_counts_the_waiting_marks_first(data):
    cinunuk = Ringkasan.objects.get(wilayah_id="32.04.05.2004", tahun=0).laki_laki
    # a meeting recorded on 30 November and not yet counted when the day ends
    _rapat_baru()
    with _besok():
        ringkasan.hari_baru()
        kept = ArsipRingkasan.objects.filter(tanggal=D0)
        assert kept.get(wilayah_id="32.04.05.2004", tahun=0).laki_laki == cinunuk + 3
        assert _rows(ArsipRingkasan) == _rows(Ringkasan)
        assert _rows(ArsipRingkasanProvinsi) == _rows(RingkasanProvinsi)
        n, n_prov = ArsipRingkasan.objects.count(), ArsipRingkasanProvinsi.objects.count()
        assert n == Ringkasan.objects.count() and n_prov == RingkasanProvinsi.objects.count() > 0
        # a rerun for the same day copies nothing: by the roll-over, or by hand
        HariRingkasan.objects.update(tanggal=D0)
        ringkasan.hari_baru()
        assert arsip.simpan(D0) == 0
        assert (ArsipRingkasan.objects.count(), ArsipRingkasanProvinsi.objects.count()) == (n, n_prov)
        assert list(HariArsip.objects.values_list("tanggal", flat=True)) == [D0]


def test_the_copy_is_two_statements_whatever_the_number_of_rows(data):
    def copy_sql(tanggal) -> list[str]:
        with CaptureQueriesContext(connection) as ctx:
            assert arsip.simpan(tanggal) == Ringkasan.objects.count()
        return [q["sql"] for q in ctx.captured_queries]

    few = copy_sql(D0 - datetime.timedelta(days=2))
    _more_children(15)
    ringkasan.proses_tanda()
    many = copy_sql(D0 - datetime.timedelta(days=1))
    assert len(many) == len(few)
    # the day's row, then one INSERT ... SELECT per table
    copies = [q for q in many if "INSERT" in q.upper() and "SELECT" in q.upper()]
    assert len(copies) == 2 and all("arsipringkasan" in q for q in copies)


def test_the_archive_and_the_current_summary_have_the_same_columns():
    for model, kept in arsip.SALINAN:
        assert sorted(arsip.kolom(model, kept)) == sorted(
            f.column for f in kept._meta.concrete_fields if f.name not in ("id", "tanggal")
        )


def test_retention_keeps_90_days_then_the_last_kept_day_of_each_month():
    hari_ini = datetime.date(2026, 11, 30)
    hari = [hari_ini - datetime.timedelta(days=n) for n in range(1, 200)]
    hari.remove(datetime.date(2026, 7, 31))  # a month whose last day was not kept
    buang = set(arsip.dibuang(hari, hari_ini))
    tetap = sorted(set(hari) - buang)
    batas = hari_ini - datetime.timedelta(days=90)
    assert all(t in tetap for t in hari if t >= batas)
    assert [t for t in tetap if t < batas] == [
        datetime.date(2026, 5, 31),
        datetime.date(2026, 6, 30),
        datetime.date(2026, 7, 30),
        datetime.date(2026, 8, 31),
    ]
    assert arsip.dibuang(hari, hari_ini) == sorted(buang)


def test_the_roll_over_prunes_days_past_retention(data, settings):
    settings.DASBOR_ARSIP_HARIAN = 3
    lama = [datetime.date(2026, 10, 30), datetime.date(2026, 10, 31), datetime.date(2026, 11, 26)]
    for t in lama:
        arsip.simpan(t)
    with _besok():
        ringkasan.hari_baru()
    # 1 December: 30 October is past 3 days and not its month's last; 26 November is too old
    # and not November's last kept day (30 November is)
    assert list(HariArsip.objects.order_by("tanggal").values_list("tanggal", flat=True)) == [
        datetime.date(2026, 10, 31),
        D0,
    ]
    assert set(ArsipRingkasan.objects.values_list("tanggal", flat=True)) == {datetime.date(2026, 10, 31), D0}
    assert set(ArsipRingkasanProvinsi.objects.values_list("tanggal", flat=True)) == {datetime.date(2026, 10, 31), D0}


def test_a_date_before_the_archive_began_shows_current_figures_and_says_so(client_for, data):
    c = client_for("pemda")
    page = c.get("/dasbor/32.04/?per=2026-11-01")
    assert page.context["sumber"].tidak_disimpan and page.context["total"].peserta == 91
    html = page.content.decode()
    assert 'data-testid="per-tidak-disimpan"' in html
    assert "Angka per 1 November 2026 tidak tersimpan (belum ada arsip harian); ditampilkan angka terkini." in html
    with _besok():
        ringkasan.hari_baru()
        _rapat_baru()
        ringkasan.proses_tanda()
        c = client_for("pemda")
        page = c.get("/dasbor/32.04/?per=2026-11-01")
        assert page.context["total"].peserta == 98  # the current figures, labelled as such
        teks = page.context["keadaan"].teks
        assert teks.startswith(
            "Angka per 1 November 2026 tidak tersimpan (arsip harian mulai 30 November 2026); "
            "ditampilkan angka terkini."
        )
        assert "Angka per 1 Desember 2026" in teks
        rows = _xlsx(c.get(reverse("dashboard_region_xlsx", args=["32.04", "peserta"]) + "?per=2026-11-01"))
        assert rows[-1][0] == teks
        pdf = _pdf_text(c.get(reverse("dashboard_region_pdf", args=["32.04"]) + "?per=2026-11-01"))
        assert "tidak tersimpan" in pdf and "ditampilkan angka terkini" in pdf


#: a kept day reads the kept day's date (one query) instead of the summary's clock and the
#: marks waiting (two): one fewer than today's page (PINNED in test_dashboard_views, 16)
PINNED_ARSIP = 15


def test_a_kept_day_costs_one_query_fewer_and_stays_flat(client_for, data, django_assert_num_queries):
    with _besok():
        ringkasan.hari_baru()
        ringkasan.proses_tanda()
        c = client_for("pemda")
        url = f"/dasbor/32.04/?per={D0}"
        c.get(url)
        cache.clear()  # counted: the page working its figures out, not reading them kept
        with django_assert_num_queries(PINNED_ARSIP):
            c.get(url)
        _more_children(12)
        ringkasan.proses_tanda()
        cache.clear()  # counted: the page working its figures out, not reading them kept
        with django_assert_num_queries(PINNED_ARSIP):
            assert c.get(url).context["sumber"].tanggal == D0


def _di_bawah_target(rows) -> int:
    return sum(rows.values_list("rembug_di_bawah_target", flat=True))


def test_the_first_save_of_a_new_day_is_not_in_the_day_before(client_for, data):
    """Without a scheduler the roll-over runs at the first write request of the day, before the
    request writes (plpbk.dasbor.middleware)."""
    before = _di_bawah_target(Ringkasan.objects.all())
    assert before > 0
    with _besok():
        # a lower inclusion target: the open rembug warga below it is no longer below it
        response = client_for("admin").post(
            reverse("sosialisasi:target"), {"persen_perempuan": "10", "jumlah_disabilitas": "0"}
        )
        assert response.status_code == 302
        assert HariArsip.objects.get().tanggal == D0
        assert _di_bawah_target(ArsipRingkasan.objects.filter(tanggal=D0)) == before
        ringkasan.proses_tanda()
        assert _di_bawah_target(Ringkasan.objects.all()) == 0


def test_the_kept_day_lines_read_in_english(client_for, data):
    from django.conf import settings

    with _besok():
        ringkasan.hari_baru()
        c = client_for("pemda")
        c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        html = c.get(f"/dasbor/32.04/?per={D0}").content.decode()
        assert "Figures as of 30 November 2026 (end of day)." in html
        assert "figures as kept at the end of 30 November 2026" in html
        html = c.get("/dasbor/32.04/?per=2026-11-01").content.decode()
        assert "Figures as of 1 November 2026 were not kept (the daily archive begins on 30 November 2026)" in html


def test_a_kept_day_changes_the_stamp_of_a_dashboard_pdf_job(data):
    """A PDF job asked "as of" yesterday before the day was kept is not handed out again once it is."""
    from plpbk.dasbor.tasks import stempel

    with _besok():
        sebelum = stempel(None), stempel("32.04")
        ringkasan.hari_baru()
        ringkasan.proses_tanda()
        sesudah = stempel(None), stempel("32.04")
        assert sebelum[0] != sesudah[0] and sebelum[1] != sesudah[1]
        assert sesudah[0].split("|")[1] == D0.isoformat()


def test_a_kept_day_offers_its_own_years_and_dates_its_plan_chart(client_for, data):
    from kelurahan.models import LokasiProgram
    from tests.conftest import make_region

    c = client_for("pemda")
    assert "s.d. hari ini" in c.get("/dasbor/32.04/").context["grafik"]["rencana"]
    with _besok():
        ringkasan.hari_baru()
        # a programme location of a new year and cohort, joined on the new day
        LokasiProgram.objects.create(wilayah=make_region("32.04.05.2006", "Desa Baru"), tahun=2014, angkatan="2014")
        ringkasan.proses_tanda()
        c = client_for("pemda")
        today = c.get("/dasbor/32.04/")
        assert 2014 in today.context["form"].fields["tahun"].choices[-1]
        assert '<option value="2014">' in today.content.decode()
        page = c.get(f"/dasbor/32.04/?per={D0}")
        html = page.content.decode()
        # 30 November had no 2014 location: neither the year nor the cohort is offered
        assert [t for t, _l in page.context["form"].fields["tahun"].choices] == ["", 2012, 2013]
        assert '<option value="2014">' not in html
        assert "Rencana kerja: rencana dan realisasi s.d. 30 November 2026" in page.context["grafik"]["rencana"]
        assert "s.d. hari ini" in today.context["grafik"]["rencana"]
        # a date before the archive began shows the current figures: today's title
        awal = c.get("/dasbor/32.04/?per=2012-01-01")
        assert awal.context["sumber"].tidak_disimpan and "s.d. hari ini" in awal.context["grafik"]["rencana"]
        # in English too
        en = client_for("pemda")
        en.cookies["django_language"] = "en"
        assert (
            "Work plan: planned and actual up to 30 November 2026"
            in en.get(f"/dasbor/32.04/?per={D0}").context["grafik"]["rencana"]
        )
