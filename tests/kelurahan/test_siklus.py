"""The meeting record lifecycle: draft → closed → verified, reopened with a reason; a closed
meeting refuses attendance through the service, the page, the JSON entry and the import."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kelurahan import siklus
from kelurahan.models import AksiSiklus, JejakPertemuan, StatusPertemuan
from kelurahan.services import BarisKehadiran, hapus_kehadiran, tambah_kehadiran, ubah_kehadiran

DITUTUP = "Pertemuan sudah ditutup"


@pytest.fixture
def rapat(pertemuan_factory, users):
    p = pertemuan_factory()
    tambah_kehadiran(p, [BarisKehadiran(nama=f"Warga {i}", jenis_kelamin="LP"[i % 2]) for i in range(31)])
    p.refresh_from_db()
    return p


def test_closing_freezes_the_attendance_in_the_service(rapat, users):
    siklus.tutup(rapat, users["fasilitator"])
    rapat.refresh_from_db()
    assert rapat.status == StatusPertemuan.DITUTUP
    with pytest.raises(ValidationError) as exc:
        tambah_kehadiran(rapat, [BarisKehadiran(nama="Orang ke-32", jenis_kelamin="P")])
    assert DITUTUP in exc.value.messages[0] and "Buka kembali untuk mengoreksi" in exc.value.messages[0]
    first = rapat.kehadiran.first()
    with pytest.raises(ValidationError):
        hapus_kehadiran(rapat, [first.pk])
    with pytest.raises(ValidationError):
        ubah_kehadiran(first, nama="Diubah")
    rapat.refresh_from_db()
    assert rapat.jumlah_hadir == 31
    assert not rapat.kehadiran.filter(nama__in=["Orang ke-32", "Diubah"]).exists()


def test_a_resend_of_a_saved_row_is_still_answered_after_closing(pertemuan_factory, users):
    import uuid

    p = pertemuan_factory()
    kunci = uuid.uuid4()
    (row,) = tambah_kehadiran(p, [BarisKehadiran(nama="Asep", jenis_kelamin="L", kunci=kunci)])
    siklus.tutup(p, users["fasilitator"])
    assert tambah_kehadiran(p, [BarisKehadiran(nama="Asep", jenis_kelamin="L", kunci=kunci)]) == [row]


def test_the_lifecycle_keeps_its_trail(rapat, users):
    pada = dt.datetime(2012, 6, 20, 10, tzinfo=dt.UTC)
    siklus.tutup(rapat, users["fasilitator"], pada=pada)
    siklus.verifikasi(rapat, users["pjok"])
    rapat.refresh_from_db()
    assert rapat.status == StatusPertemuan.DIVERIFIKASI
    with pytest.raises(ValidationError):
        tambah_kehadiran(rapat, [BarisKehadiran(nama="Lagi", jenis_kelamin="L")])
    with pytest.raises(ValidationError) as exc:
        siklus.buka_kembali(rapat, users["korkot"], "   ")
    assert "alasan" in exc.value.messages[0]
    siklus.buka_kembali(rapat, users["korkot"], "Dua nama tertukar")
    rapat.refresh_from_db()
    assert (rapat.status, rapat.revisi) == (StatusPertemuan.DRAF, 1)
    jejak = list(JejakPertemuan.objects.filter(pertemuan=rapat).values_list("aksi", "peran", "revisi", "alasan"))
    assert jejak == [
        (AksiSiklus.TUTUP, "fasilitator", 0, ""),
        (AksiSiklus.VERIFIKASI, "pjok", 0, ""),
        (AksiSiklus.BUKA_KEMBALI, "korkot", 1, "Dua nama tertukar"),
    ]
    assert list(rapat.history.order_by("history_id").values_list("status", flat=True))[-3:] == [
        "ditutup",
        "diverifikasi",
        "draf",
    ]
    tambah_kehadiran(rapat, [BarisKehadiran(nama="Orang ke-32", jenis_kelamin="P")])
    rapat.refresh_from_db()
    assert rapat.jumlah_hadir == 32


@pytest.mark.parametrize(
    ("langkah", "boleh", "tidak"),
    [
        ("tutup", {"fasilitator", "pjok", "korkot", "kmw", "admin"}, {"bkm", "pemda", "satker", "ppk"}),
        ("verifikasi", {"pjok", "korkot", "kmw", "admin"}, {"fasilitator", "bkm", "pemda", "satker", "ppk"}),
    ],
)
def test_who_may_close_and_verify(pertemuan_factory, users, langkah, boleh, tidak):
    for username in sorted(boleh | tidak):
        p = pertemuan_factory()
        if langkah == "verifikasi":
            siklus.tutup(p, users["fasilitator"])
        if username in tidak:
            with pytest.raises(PermissionDenied):
                getattr(siklus, langkah)(p, users[username])
        else:
            getattr(siklus, langkah)(p, users[username])
            p.refresh_from_db()
            assert p.status != StatusPertemuan.DRAF, username


def test_a_facilitator_may_not_reopen_nor_verify_twice(rapat, users):
    siklus.tutup(rapat, users["fasilitator"])
    with pytest.raises(PermissionDenied):
        siklus.buka_kembali(rapat, users["fasilitator"], "Salah ketik")
    with pytest.raises(ValidationError):
        siklus.tutup(rapat, users["fasilitator"])
    siklus.verifikasi(rapat, users["pjok"])
    with pytest.raises(ValidationError):
        siklus.verifikasi(rapat, users["korkot"])


def test_a_stale_page_may_not_close(rapat, users):
    with pytest.raises(ValidationError):
        siklus.tutup(rapat, users["fasilitator"], versi=rapat.versi - 1)
    rapat.refresh_from_db()
    assert rapat.status == StatusPertemuan.DRAF


# --- pages ---------------------------------------------------------------------------


def test_pages_close_verify_and_reopen(rapat, client_for):
    url = reverse("kelurahan:kehadiran", args=[rapat.pk])
    fas = client_for("fasilitator")
    page = fas.get(url).content.decode()
    assert 'data-testid="siklus-tutup"' in page and 'name="baris-0-nama"' in page
    r = fas.post(reverse("kelurahan:pertemuan_tutup", args=[rapat.pk]), {"versi": rapat.versi})
    assert r.status_code == 302
    page = fas.get(url).content.decode()
    assert "Ditutup" in page and 'name="baris-0-nama"' not in page and "siklus-tutup" not in page
    # the facilitator may not verify: 403, nothing changes
    assert fas.post(reverse("kelurahan:pertemuan_verifikasi", args=[rapat.pk])).status_code == 403
    pjok = client_for("pjok")
    rapat.refresh_from_db()
    assert (
        pjok.post(reverse("kelurahan:pertemuan_verifikasi", args=[rapat.pk]), {"versi": rapat.versi}).status_code == 302
    )
    rapat.refresh_from_db()
    assert rapat.status == StatusPertemuan.DIVERIFIKASI
    # a reopening without a reason is refused with a message and changes nothing
    r = pjok.post(reverse("kelurahan:pertemuan_buka_kembali", args=[rapat.pk]), {"versi": rapat.versi}, follow=True)
    assert "Tuliskan alasan" in r.content.decode()
    rapat.refresh_from_db()
    assert rapat.status == StatusPertemuan.DIVERIFIKASI
    pjok.post(
        reverse("kelurahan:pertemuan_buka_kembali", args=[rapat.pk]),
        {"versi": rapat.versi, "alasan": "Nama peserta no. 4 salah ketik"},
    )
    page = fas.get(url).content.decode()
    assert "Revisi 1, dibuka kembali oleh Pjok (PJOK) pada" in page
    assert "karena Nama peserta no. 4 salah ketik" in page
    assert 'name="baris-0-nama"' in page


def test_page_and_json_entry_refuse_rows_on_a_closed_meeting(rapat, client_for, users):
    siklus.tutup(rapat, users["fasilitator"])
    fas = client_for("fasilitator")
    url = reverse("kelurahan:kehadiran", args=[rapat.pk])
    data = {
        "baris-TOTAL_FORMS": "1",
        "baris-INITIAL_FORMS": "0",
        "baris-0-nama": "Orang ke-32",
        "baris-0-jenis_kelamin": "P",
    }
    r = fas.post(url, data, follow=True)
    assert DITUTUP in r.content.decode()
    r = fas.post(url, data, HTTP_ACCEPT="application/json")
    assert r.status_code == 400
    assert DITUTUP in r.json()["errors"]["nama"][0]
    k = rapat.kehadiran.first()
    rapat.refresh_from_db()
    r = fas.post(reverse("kelurahan:kehadiran_hapus", args=[rapat.pk, k.pk]), {"versi": rapat.versi}, follow=True)
    assert DITUTUP in r.content.decode()
    rapat.refresh_from_db()
    assert rapat.jumlah_hadir == 31
    assert not rapat.kehadiran.filter(nama="Orang ke-32").exists()


def test_the_waiting_list_is_scoped(pertemuan_factory, pasawahan, users, client_for):
    a = pertemuan_factory(judul="Rembug Cinunuk")
    b = pertemuan_factory(wilayah=pasawahan, judul="Rembug Pasawahan")
    pertemuan_factory(judul="Masih draf")
    siklus.tutup(a, users["fasilitator"])
    siklus.tutup(b, users["fasilitator2"])
    page = client_for("pjok").get(reverse("kelurahan:pertemuan_menunggu")).content.decode()
    assert "Rembug Cinunuk" in page and "Rembug Pasawahan" not in page and "Masih draf" not in page
    page = client_for("korkot").get(reverse("kelurahan:pertemuan_menunggu")).content.decode()
    assert "Rembug Cinunuk" in page and "Rembug Pasawahan" in page


def test_the_reopening_is_printed_under_the_title(rapat, users, client_for):
    from tests.kelurahan.helpers_kehadiran import pdf_text
    from tests.sosialisasi import factories as f

    siklus.tutup(rapat, users["fasilitator"])
    siklus.buka_kembali(rapat, users["pjok"], "Nama peserta no. 4 salah ketik")
    text = " ".join(
        pdf_text(client_for("bkm").get(reverse("kelurahan:daftar_hadir_pdf", args=[rapat.pk])).content).split()
    )
    assert "Revisi 1, dibuka kembali oleh Pjok (PJOK) pada" in text
    assert "karena Nama peserta no. 4 salah ketik" in text
    # the berita acara of a rembug warga carries the same line; a meeting never reopened has none
    rembug = f.rembug(rapat.wilayah, laki=20, perempuan=10, disabilitas=1)
    url = reverse("sosialisasi:berita_acara", args=[rembug.pk])
    assert "Revisi" not in pdf_text(client_for("bkm").get(url).content)
    from sosialisasi import services as sosialisasi

    sosialisasi.tutup_rembug(rembug, user=users["fasilitator"])
    sosialisasi.buka_kembali(rembug, alasan="Peserta terlambat belum tercatat", user=users["korkot"])
    text = " ".join(pdf_text(client_for("bkm").get(url).content).split())
    assert "Revisi 1, dibuka kembali oleh Korkot (Korkot/Askot)" in text
    assert "karena Peserta terlambat belum tercatat" in text


def test_counts_on_the_region_page_and_the_home_to_do(pertemuan_factory, pasawahan, users, client_for):
    for i in range(3):
        siklus.tutup(pertemuan_factory(judul=f"Rembug {i}"), users["fasilitator"])
    verified = pertemuan_factory(judul="Sudah diverifikasi")
    siklus.tutup(verified, users["fasilitator"])
    siklus.verifikasi(verified, users["pjok"])
    siklus.tutup(pertemuan_factory(wilayah=pasawahan), users["fasilitator2"])

    page = client_for("pjok").get("/").content.decode()
    assert "3 pertemuan menunggu verifikasi" in page
    assert "4 pertemuan menunggu verifikasi" in client_for("korkot").get("/").content.decode()
    # the facilitator closes but does not verify: no such to-do
    assert "menunggu verifikasi" not in client_for("fasilitator").get("/").content.decode()

    region = client_for("korkot").get(reverse("kelurahan:wilayah", args=["32.04.05"])).content.decode()
    assert "3 menunggu verifikasi" in region
    region = client_for("korkot").get(reverse("kelurahan:wilayah", args=["32.04"])).content.decode()
    assert "4 menunggu verifikasi" in region
    listed = client_for("korkot").get(reverse("kelurahan:pertemuan_menunggu") + "?wilayah=32.04.12").content.decode()
    assert "Rembug 0" not in listed and "Rembug warga" in listed


def test_the_dashboard_says_whether_its_figures_include_unverified_meetings(pertemuan_factory, users, client_for):
    url = reverse("dashboard_region", kwargs={"kode": "32.04"})
    assert "Tidak ada pertemuan yang menunggu verifikasi" in client_for("pemda").get(url).content.decode()
    siklus.tutup(pertemuan_factory(), users["fasilitator"])
    page = client_for("pemda").get(url).content.decode()
    assert "termasuk 1 pertemuan yang sudah ditutup tetapi belum diverifikasi" in page


def test_the_lifecycle_reads_in_english(rapat, users, client_for, settings):
    siklus.tutup(rapat, users["fasilitator"])
    siklus.buka_kembali(rapat, users["pjok"], "Typo")
    siklus.tutup(rapat, users["fasilitator"])
    c = client_for("pjok")
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = c.get(reverse("kelurahan:kehadiran", args=[rapat.pk])).content.decode()
    assert "Revision 1, reopened by Pjok (PJOK) on" in page and "because Typo" in page
    assert "Reason for reopening" in page
    assert "1 meeting waiting for verification" in c.get("/").content.decode()
    r = c.post(
        reverse("kelurahan:kehadiran", args=[rapat.pk]),
        {
            "baris-TOTAL_FORMS": "1",
            "baris-INITIAL_FORMS": "0",
            "baris-0-nama": "Budi Santoso",
            "baris-0-jenis_kelamin": "L",
        },
        HTTP_ACCEPT="application/json",
    )
    assert "The meeting is already closed (closed)" in r.json()["errors"]["nama"][0]


def test_an_import_is_refused_at_preview_and_at_confirm_once_closed(client_for, pertemuan_factory, users):
    from tests.kelurahan.test_kehadiran_documents import _filled_template

    p = pertemuan_factory()
    c = client_for("fasilitator")
    url = reverse("kelurahan:kehadiran_import", args=[p.pk])
    upload, _h = _filled_template(c, p, [("Euis Kurniasih", "P", "Kader PKK")])
    r = c.post(url, {"berkas": upload})
    token = r.context["token"]
    siklus.tutup(p, users["fasilitator"])  # closed between the preview and the confirmation
    r = c.post(url, {"token": token})
    assert DITUTUP in r.content.decode()
    upload, _h = _filled_template(c, p, [("Asep Saepudin", "L", "Warga")])
    r = c.post(url, {"berkas": upload})
    assert DITUTUP in r.content.decode() and "token" not in r.context
    assert not p.kehadiran.exists()


def test_rows_typed_after_opening_the_page_do_not_block_closing(rapat, client_for):
    fas = client_for("fasilitator")
    page = fas.get(reverse("kelurahan:kehadiran", args=[rapat.pk])).content.decode()
    # the close form carries no version, so the rows just typed on the page are not a conflict
    form = page[page.index('action="' + reverse("kelurahan:pertemuan_tutup", args=[rapat.pk])) :]
    assert 'name="versi"' not in form[: form.index("</form>")]
    tambah_kehadiran(rapat, [BarisKehadiran(nama="Peserta ke-32", jenis_kelamin="P")])
    r = fas.post(reverse("kelurahan:pertemuan_tutup", args=[rapat.pk]), follow=True)
    assert "daftar hadir dan angkanya kini final" in r.content.decode()
    rapat.refresh_from_db()
    assert rapat.status == StatusPertemuan.DITUTUP and rapat.jumlah_hadir == 32
