"""The Riwayat page: who changed what, when, before -> after; scoped like the object."""

import pytest
from django.urls import reverse

from kelurahan.models import Orang
from kelurahan.services import BarisKehadiran, tambah_kehadiran
from tests.sosialisasi.factories import pengkondisian

pytestmark = pytest.mark.django_db

CINUNUK = "32.04.05.2004"
TAMBAKREJA = "33.01.01.2001"


def _url(obj):
    return reverse("kelurahan:riwayat", args=[obj._meta.app_label, obj._meta.model_name, obj.pk])


def test_an_edit_through_the_form_shows_who_and_before_after(regions, client_for, users):
    users["fasilitator"].first_name = "Dewi Lestari"
    users["fasilitator"].save()
    p = pengkondisian(regions[CINUNUK])[0]
    fas = client_for("fasilitator")
    response = fas.post(
        reverse("sosialisasi:pengkondisian_ubah", args=[CINUNUK]),
        {
            "tanggal_mulai": "2012-05-02",
            "fasilitator": "Dadan <script>alert(1)</script>",
            "kondisi_sosial": "Baru",
            "versi": p.versi,
        },
    )
    assert response.status_code == 302

    page = client_for("pemda").get(_url(p))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Dewi Lestari" in html
    assert "Catatan kondisi sosial Cinunuk" in html and "Baru" in html  # before -> after
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    rows = html.count('data-testid="riwayat-baris"')
    assert rows == p.history.count() >= 2


def test_detail_page_links_to_riwayat(regions, client_for):
    p = pengkondisian(regions[CINUNUK])[0]
    html = client_for("bkm").get(reverse("sosialisasi:pengkondisian", args=[CINUNUK])).content.decode()
    assert _url(p) in html


def test_out_of_scope_and_unknown_models_are_404(regions, client_for):
    p = pengkondisian(regions[TAMBAKREJA])[0]
    assert client_for("korkot").get(_url(p)).status_code == 404
    assert client_for("admin").get(_url(p)).status_code == 200
    assert client_for("admin").get(reverse("kelurahan:riwayat", args=["auth", "user", 1])).status_code == 404
    assert client_for("admin").get(reverse("kelurahan:riwayat", args=["kelurahan", "wilayah", 1])).status_code == 404


def test_personal_data_changes_hidden_without_capability(regions, client_for, users):
    orang = Orang.objects.create(nama="Siti Aminah", jenis_kelamin="P", wilayah=regions[CINUNUK])
    orang.miskin = True
    orang.telepon = "0812"
    orang.save()
    url = _url(orang)
    with_cap = client_for("fasilitator").get(url).content.decode()
    without = client_for("pemda").get(url).content.decode()
    assert "warga miskin" in with_cap.lower()
    assert "warga miskin" not in without.lower()
    assert "0812" in without
    assert str(regions[CINUNUK]) in without  # related objects by name, not by id


def test_bulk_attendance_rows_have_history(regions, pertemuan_factory, client_for):
    p = pertemuan_factory()
    rows = tambah_kehadiran(p, [BarisKehadiran(nama=f"Warga {i}", jenis_kelamin="L") for i in range(5)])
    assert all(r.history.count() == 1 for r in rows)
    html = client_for("pjok").get(_url(rows[0])).content.decode()
    assert "Dibuat" in html and "Warga 0" in html


def test_edit_forms_and_work_plan_link_to_their_history(regions, client_for):
    import datetime

    from tipp import services
    from tipp.models import Kegiatan

    rencana = services.rencana_untuk(regions[CINUNUK])
    k = services.simpan_kegiatan(
        Kegiatan(
            rencana=rencana,
            tahap="pemetaan",
            nama="Pemetaan swadaya",
            mulai=datetime.date(2012, 7, 2),
            durasi=14,
            satuan="dokumen",
            penanggung_jawab="TIPP",
        )
    )
    c = client_for("fasilitator")
    assert _url(k) in c.get(reverse("tipp:kegiatan_ubah", args=[k.pk])).content.decode()
    assert _url(rencana) in c.get(reverse("tipp:rencana", args=[CINUNUK])).content.decode()
    # a form for something new has no history yet
    assert 'data-testid="riwayat-link"' not in c.get(reverse("tipp:kegiatan_tambah", args=[CINUNUK])).content.decode()
    # the plan's version bumps are bookkeeping, not shown as changes
    html = c.get(_url(rencana)).content.decode()
    assert "Versi" not in html and "versi" not in html
    assert html.count('data-testid="riwayat-baris"') == 1  # created; the version bumps are not rows


def test_bulk_attendance_history_does_not_cost_a_query_per_row(regions, pertemuan_factory):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    # 50 rows: one history INSERT within SQLite's 999 parameters (Django splits longer ones)
    for n in (5, 50):
        p = pertemuan_factory(judul=f"Rapat {n}")
        with CaptureQueriesContext(connection) as ctx:
            tambah_kehadiran(p, [BarisKehadiran(nama=f"Warga {n}-{i}", jenis_kelamin="P") for i in range(n)])
        counts.append(len(ctx.captured_queries))
        assert p.kehadiran.count() == n
        assert sum(r.history.count() for r in p.kehadiran.all()) == n
    assert counts[0] == counts[1], counts


def test_history_page_queries_do_not_grow_with_changes(regions, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = client_for("korkot")
    counts = []
    for n in (3, 30):
        orang = Orang.objects.create(nama=f"Warga {n}", jenis_kelamin="L", wilayah=regions[CINUNUK])
        for i in range(n):
            orang.telepon = f"08{i}"
            orang.save()
        url = _url(orang)
        c.get(url)  # session and user caches warm
        with CaptureQueriesContext(connection) as ctx:
            html = c.get(url).content.decode()
        assert html.count('data-testid="riwayat-baris"') == n + 1
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] <= 8, counts


def test_attendance_and_lokakarya_pages_link_to_history(regions, pertemuan_factory, client_for):
    from tests.lokakarya.factories import make_lokakarya

    p = pertemuan_factory()
    c = client_for("bkm")
    assert _url(p) in c.get(reverse("kelurahan:kehadiran", args=[p.pk])).content.decode()
    lk = make_lokakarya(regions[CINUNUK])
    assert _url(lk) in c.get(lk.get_absolute_url()).content.decode()


def test_every_whitelisted_model_is_scoped_and_audited():
    from django.apps import apps

    from kelurahan.riwayat import model_labels

    for label in model_labels():
        model = apps.get_model(label)
        assert hasattr(model._default_manager.all(), "for_user"), label
        assert hasattr(model, "history"), label


AUDITED = [
    # the issue's list: actors and people, meetings, attendance, TIPP steps, elections, work plans,
    # allocations, requests, verifications, payments and LPJ
    "kelurahan.akses", "kelurahan.lembaga", "kelurahan.jabatan", "kelurahan.orang", "kelurahan.pertemuan",
    "kelurahan.kehadiran", "tipp.langkahtipp", "tipp.pemilihan", "tipp.kandidat", "tipp.pemilih",
    "tipp.rencanakerja", "tipp.kegiatan", "blm.alokasiblm", "blm.permintaanblm", "blm.jejakpermintaan",
    "blm.pembayaranblm", "blm.lpjblm", "blm.belanjalpj",
]  # fmt: skip


@pytest.mark.parametrize("label", AUDITED)
def test_models_named_in_the_issue_keep_history(label):
    from django.apps import apps

    assert hasattr(apps.get_model(label), "history"), label


def test_history_pages_are_found_through_the_app_registry():
    """Every model simple_history tracks and `for_user` scopes has a page; history without a
    scope (a voter row, a national setting) has none."""
    from kelurahan.riwayat import model_labels

    labels = model_labels()
    assert {"kelurahan.pertemuan", "lokakarya.lokakarya", "sosialisasi.rembugwarga", "tipp.kegiatan"} <= labels
    assert {"blm.alokasiblm", "blm.belanjalpj", "kelurahan.lokasiprogram"} <= labels
    assert not {"tipp.pemilih", "blm.konfigurasiblm", "plpbk.ambangperhatian", "kelurahan.wilayah"} & labels
