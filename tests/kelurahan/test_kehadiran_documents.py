"""Daftar hadir PDFs, the meeting pack, xlsx export/template/import and attachments."""

import datetime
import io
import os
import re
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kelurahan import pdf
from kelurahan.models import Berkas, Lampiran, Orang
from kelurahan.services import BarisKehadiran, tambah_kehadiran, tambah_lampiran
from kelurahan.views.kehadiran import MAX_BLANK_ROWS
from tests.kelurahan.helpers_kehadiran import pdf_pages, pdf_text
from tests.lokakarya.factories import png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def seed(pertemuan_factory):
    """The seed's workshop: 14 men and 15 women, a few poor, one with a disability."""
    p = pertemuan_factory(judul="Lokakarya PLP-BK tingkat Desa", tempat="Aula Desa Cinunuk")
    rows = [BarisKehadiran(nama=f"Bapak Warga {i:02d}", jenis_kelamin="L", unsur="Warga") for i in range(13)]
    rows.append(BarisKehadiran(nama="Cecep Hidayat", jenis_kelamin="L", unsur="Relawan", disabilitas=True))
    rows += [
        BarisKehadiran(nama=f"Ibu Warga {i:02d}", jenis_kelamin="P", unsur="Kader PKK", miskin=i < 4) for i in range(14)
    ]
    rows.append(BarisKehadiran(nama="Neneng Hasanah", jenis_kelamin="P", unsur="BKM"))
    tambah_kehadiran(p, rows)
    p.refresh_from_db()
    return p


def test_ringkasan_counts_sex_unsur_disability_and_share_of_women(seed):
    r = pdf.ringkasan_kehadiran(seed)
    assert (r.laki_laki, r.perempuan, r.total, r.disabilitas, r.disabilitas_l, r.miskin) == (14, 15, 29, 1, 1, 4)
    assert round(r.persen_perempuan) == 52
    unsur = {u.unsur: (u.l, u.p) for u in r.per_unsur}
    assert unsur == {"Warga": (13, 0), "Kader PKK": (0, 14), "Relawan": (1, 0), "BKM": (0, 1)}


def test_filled_daftar_hadir_pdf_lists_names_and_totals(client_for, seed):
    r = client_for("bkm").get(reverse("kelurahan:daftar_hadir_pdf", args=[seed.pk]))
    assert r["Content-Type"] == "application/pdf"
    text = pdf_text(r.content)
    assert "DAFTAR HADIR" in text and "Cecep Hidayat" in text and "Neneng Hasanah" in text
    assert "16 Mei 2012" in text and "Aula Desa Cinunuk" in text
    assert "52%" in text
    assert "Halaman 1 dari" in text


def test_pemda_prints_without_personal_columns(client_for, seed):
    text = pdf_text(client_for("pemda").get(reverse("kelurahan:daftar_hadir_pdf", args=[seed.pk])).content)
    assert "Cecep Hidayat" in text and "Difabel" not in text and "Warga miskin" not in text
    assert "Difabel" in pdf_text(client_for("bkm").get(reverse("kelurahan:daftar_hadir_pdf", args=[seed.pk])).content)


def test_blank_daftar_hadir_has_numbered_rows_signature_column_and_qr(client_for, seed, settings):
    settings.SITE_URL = "https://plpbk.example.go.id"
    r = client_for("bkm").get(reverse("kelurahan:daftar_hadir_kosong_pdf", args=[seed.pk]))
    text = pdf_text(r.content)
    assert "Tanda tangan" in text and "30." in text and "Pindai untuk mengisi" in text
    assert "Cecep Hidayat" not in text
    assert pdf.entry_url(seed) == f"https://plpbk.example.go.id/pertemuan/{seed.pk}/hadir/"
    assert pdf.qr_svg_data_uri(pdf.entry_url(seed)).startswith("data:image/svg+xml")


def test_long_lists_use_the_compact_layout_and_stay_readable(pertemuan_factory):
    p = pertemuan_factory()
    rows = [
        BarisKehadiran(nama=f"Peserta Panjang Sekali Namanya {i:03d}", jenis_kelamin="LP"[i % 2]) for i in range(120)
    ]
    tambah_kehadiran(p, rows)
    p.refresh_from_db()
    context = pdf.pertemuan_context(p)
    assert "ringkas" in context and len(context["ringkas"]["rows"]) == 120
    text = pdf_text(pdf.daftar_hadir_pdf(p))
    assert text.count("Peserta Panjang Sekali Namanya") == 120  # long names wrap inside their column
    assert "50%" in text


def test_meeting_pack_has_berita_acara_notulen_list_photos_and_scans(seed, media):
    seed.notulen = "Pembahasan SK lokasi PLP-BK.\nDirespon positif."
    seed.save()
    tambah_lampiran(seed, None, ContentFile(png_bytes(), name="a.png"), "foto", "Suasana lokakarya")
    scan_pdf = pdf.daftar_hadir_pdf(seed, blank=True)
    tambah_lampiran(seed, None, ContentFile(scan_pdf, name="scan.pdf"), "daftar_hadir", "Pindaian")
    out = pdf.meeting_pack(seed, berita_acara_template="pdf/kelurahan/berita_acara_umum.html", context={})
    text = pdf_text(out)
    assert "BERITA ACARA" in text.upper() and "enam belas bulan Mei tahun dua ribu dua belas" in text
    assert "NOTULEN" in text.upper() and "Direspon positif" in text
    assert "Cecep Hidayat" in text and "52%" in text
    assert "Suasana lokakarya" in text
    assert pdf_pages(out) >= 4 + pdf_pages(scan_pdf)


def test_xlsx_export_escapes_formulas_and_hides_personal_data_from_pemda(client_for, seed):
    tambah_kehadiran(seed, [BarisKehadiran(nama="=HYPERLINK(1)", jenis_kelamin="L")])
    r = client_for("fasilitator").get(reverse("kelurahan:kehadiran_xlsx", args=[seed.pk]))
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.values)
    assert rows[0][0].startswith("Berisi data pribadi")
    assert rows[1][:3] == ("No", "Nama", "L/P") and rows[1][-1].startswith("Disabilitas")
    assert len(rows) == 32
    assert rows[-1][1] == "'=HYPERLINK(1)"
    cecep = next(row for row in rows if row[1] == "Cecep Hidayat")
    assert cecep[-1] == "Ya"
    r = client_for("pemda").get(reverse("kelurahan:kehadiran_xlsx", args=[seed.pk]))
    header = next(openpyxl.load_workbook(io.BytesIO(r.content)).active.values)
    assert header[:3] == ("No", "Nama", "L/P") and "Disabilitas (Ya/Tidak)" not in header


def _filled_template(client, p, rows):
    r = client.get(reverse("kelurahan:kehadiran_template_xlsx", args=[p.pk]))
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    ws = wb.active
    header_row = next(i for i, row in enumerate(ws.iter_rows(values_only=True), start=1) if row and row[0] == "No")
    for offset, values in enumerate(rows, start=1):
        for col, value in enumerate(values, start=2):
            ws.cell(row=header_row + offset, column=col, value=value)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("daftar.xlsx", buf.getvalue()), header_row


def test_template_round_trip_preview_then_confirm(client_for, pertemuan_factory):
    p = pertemuan_factory()
    c = client_for("fasilitator")
    upload, header_row = _filled_template(
        c, p, [("Euis Kurniasih", "P", "Kader PKK", "", 3, 1, "Ya", "Tidak"), ("Asep Saepudin", "laki-laki", "Warga")]
    )
    url = reverse("kelurahan:kehadiran_import", args=[p.pk])
    r = c.post(url, {"berkas": upload})
    assert r.context["hasil"].ok and len(r.context["hasil"].rows) == 2
    assert not p.kehadiran.exists()  # preview saves nothing
    r = c.post(url, {"token": r.context["token"]})
    assert r.status_code == 302
    saved = {k.nama: k for k in p.kehadiran.all()}
    assert saved["Euis Kurniasih"].miskin is True and saved["Euis Kurniasih"].rt == "03"
    assert saved["Asep Saepudin"].jenis_kelamin == "L"
    assert c.post(url, {"token": "diulang"}).status_code == 302
    assert p.kehadiran.count() == 2


def test_import_with_bad_rows_saves_nothing_and_names_every_row(client_for, pertemuan_factory):
    p = pertemuan_factory()
    tambah_kehadiran(p, [BarisKehadiran(nama="Neneng Hasanah", jenis_kelamin="P")])
    c = client_for("fasilitator")
    upload, h = _filled_template(
        c,
        p,
        [
            ("Euis Kurniasih", "P"),
            ("Asep", "X"),  # bad sex
            ("", "L", "Warga"),  # no name
            ("Euis Kurniasih", "P"),  # twice in the file
            ("Neneng Hasanah", "P"),  # already present
            ("Dadan", "L", "", "", "RT satu"),  # bad RT
            ("Imas", "P", "", "", "", "", "mungkin"),  # bad yes/no
        ],
    )
    r = c.post(reverse("kelurahan:kehadiran_import", args=[p.pk]), {"berkas": upload})
    hasil = r.context["hasil"]
    assert hasil.baris_salah == [h + 2, h + 3, h + 4, h + 5, h + 6, h + 7]
    body = r.content.decode()
    assert "Isi L (laki-laki) atau P (perempuan)." in body and "sudah ada di baris" in body
    assert "sudah tercatat hadir" in body and "tidak ada yang disimpan" in body
    assert "token" not in r.context
    assert p.kehadiran.count() == 1
    assert not Orang.objects.filter(nama="Euis Kurniasih").exists()


def test_import_refuses_a_file_that_is_not_xlsx(client_for, pertemuan_factory):
    p = pertemuan_factory()
    fake = SimpleUploadedFile("daftar.xlsx", b"Nama,L/P\nAsep,L\n")
    r = client_for("fasilitator").post(reverse("kelurahan:kehadiran_import", args=[p.pk]), {"berkas": fake})
    assert "bukan Excel" in r.content.decode()
    assert not p.kehadiran.exists()


def test_import_is_forbidden_to_bkm(client_for, pertemuan_factory):
    p = pertemuan_factory()
    assert client_for("bkm").post(reverse("kelurahan:kehadiran_import", args=[p.pk]), {}).status_code == 403


def test_attachment_upload_checks_content_and_is_served_in_scope_only(client_for, pertemuan_factory, media):
    p = pertemuan_factory()
    url = reverse("kelurahan:lampiran_tambah", args=[p.pk])
    c = client_for("fasilitator")
    fake = SimpleUploadedFile("foto.png", b"bukan gambar sama sekali")
    r = c.post(url, {"jenis": "foto", "berkas": fake, "keterangan": "x"})
    assert r.status_code == 200 and "tidak sesuai dengan jenisnya" in r.content.decode()
    assert not Lampiran.objects.exists()
    good = SimpleUploadedFile("foto.png", png_bytes())
    r = c.post(url + "?next=/lokakarya/", {"jenis": "foto", "berkas": good, "keterangan": "Suasana"})
    assert r.status_code == 302 and r["Location"] == "/lokakarya/"
    lamp = Lampiran.objects.select_related("berkas").get()
    assert lamp.berkas.tipe_isi == "image/png" and lamp.berkas.diunggah_oleh.username == "fasilitator"
    assert lamp.berkas.nama_asli == "foto.png" and lamp.berkas.ukuran == len(png_bytes())
    served = client_for("bkm").get(lamp.berkas.get_absolute_url())
    assert served["Content-Type"] == "image/png" and b"".join(served.streaming_content) == png_bytes()
    assert client_for("bkm2").get(lamp.berkas.get_absolute_url()).status_code == 404


def test_attachment_size_limit(client_for, pertemuan_factory, media, settings):
    settings.UPLOAD_MAX_BYTES = 100
    p = pertemuan_factory()
    big = SimpleUploadedFile("foto.png", png_bytes() + b"\0" * 200)
    r = client_for("fasilitator").post(
        reverse("kelurahan:lampiran_tambah", args=[p.pk]), {"jenis": "foto", "berkas": big}
    )
    assert "terlalu besar" in r.content.decode()
    assert not Lampiran.objects.exists()


def test_fast_xlsx_writer_keeps_types_escapes_formulas_and_bolds_the_header():
    import datetime

    from plpbk.common.xlsx import write_rows_stream as write_rows

    data = write_rows(
        [["No", "Nama", "Tanggal"], [1, "=cmd|' /C calc'!A0", datetime.date(2012, 5, 16)], [2, "A & <b>\x01", None]]
    )
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = list(ws.values)
    assert rows[1][1] == "'=cmd|' /C calc'!A0" and rows[1][2] == datetime.datetime(2012, 5, 16)
    assert rows[2] == (2, "A & <b>", None)
    assert ws["A1"].font.b is True and ws["A2"].font.b is not True


def test_attachment_delete_removes_row_and_file_and_bkm_cannot(
    client_for, pertemuan_factory, media, django_capture_on_commit_callbacks
):
    p = pertemuan_factory()
    lamp = tambah_lampiran(p, None, ContentFile(png_bytes(), name="a.png"), "foto")
    path = lamp.berkas.berkas.path
    url = reverse("kelurahan:lampiran_hapus", args=[lamp.pk])
    assert client_for("bkm").post(url).status_code == 403
    assert client_for("fasilitator").get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        r = client_for("fasilitator").post(url, {"next": "/lokakarya/"})
    assert r.status_code == 302 and r["Location"] == "/lokakarya/"
    assert not Lampiran.objects.exists() and not Berkas.objects.exists()
    assert not os.path.exists(path)


def test_import_refuses_too_many_rows_before_validating(client_for, pertemuan_factory, monkeypatch):
    from kelurahan import imports

    monkeypatch.setattr(imports, "MAX_IMPORT_ROWS", 3)
    p = pertemuan_factory()
    c = client_for("fasilitator")
    upload, _h = _filled_template(c, p, [(f"Warga {i}", "L") for i in range(4)])
    r = c.post(reverse("kelurahan:kehadiran_import", args=[p.pk]), {"berkas": upload})
    assert "Terlalu banyak baris: paling banyak 3." in r.content.decode()
    assert "hasil" not in r.context and not p.kehadiran.exists()


def test_row_validation_never_crashes_on_odd_cells():
    from hypothesis import example, given, settings
    from hypothesis import strategies as st

    from kelurahan.forms import validate_row

    cell = st.one_of(st.none(), st.text(max_size=40), st.integers(-5, 5000), st.floats(allow_nan=False), st.booleans())

    @settings(max_examples=200, deadline=None)
    @given(st.fixed_dictionaries(dict.fromkeys(("nama", "jenis_kelamin", "rt", "rw", "miskin", "disabilitas"), cell)))
    @example(
        dict.fromkeys(("nama", "jenis_kelamin", "rt", "miskin", "disabilitas")) | {"rw": "²"}
    )  # isdigit, not a number
    def check(data):
        cleaned, errors = validate_row(data)
        assert set(cleaned).isdisjoint(errors)
        if not errors:
            assert cleaned["jenis_kelamin"] in ("L", "P") and len(cleaned["nama"]) >= 2

    check()
    _cleaned, errors = validate_row({"nama": "Sri", "jenis_kelamin": "P", "rt": "٣", "rw": "²"})
    assert set(errors) == {"rt", "rw"}


def test_blank_list_row_count_is_chosen_and_bounded(client_for, pertemuan_factory, time_machine):
    """The printed clock must not pass for a row number: it is frozen at minute 31 on purpose."""
    time_machine.move_to(datetime.datetime(2026, 11, 30, 8, 31, tzinfo=ZoneInfo("Asia/Jakarta")), tick=False)
    p = pertemuan_factory()
    url = reverse("kelurahan:daftar_hadir_kosong_pdf", args=[p.pk])
    assert _blank_rows(pdf_text(client_for("bkm").get(url + "?baris=60").content)) == list(range(1, 61))
    assert _blank_rows(pdf_text(client_for("bkm").get(url + "?baris=abc").content)) == list(range(1, 31))
    assert _blank_rows(pdf_text(client_for("bkm").get(url + f"?baris={MAX_BLANK_ROWS + 50}").content)) == list(
        range(1, MAX_BLANK_ROWS + 1)
    )


def _blank_rows(text):
    """Row numbers of a blank list: each row prints its number twice ("31 31."), a time never does."""
    return [int(n) for n in re.findall(r"^(\d+) \1\.$", text, flags=re.MULTILINE)]


def test_documents_print_in_indonesian_unless_english_is_asked_for(client_for, seed, settings):
    """Stored as L/P, as the programme's forms write them. An official document prints in
    Indonesian whatever the interface language; English (M/F) only with ?bahasa=en."""
    c = client_for("bkm")
    url = reverse("kelurahan:daftar_hadir_pdf", args=[seed.pk])
    indonesian = pdf_text(c.get(url).content)
    assert "Cecep Hidayat L" in indonesian and "Neneng Hasanah P" in indonesian
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    still_indonesian = pdf_text(c.get(url).content)
    assert "Cecep Hidayat L" in still_indonesian and "Halaman 1 dari" in still_indonesian
    english = pdf_text(c.get(url + "?bahasa=en").content)
    assert "Cecep Hidayat M" in english and "Neneng Hasanah F" in english and "Halaman 1 dari" not in english
