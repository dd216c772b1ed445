"""Framework helpers: render_pdf, xlsx export/import, upload checks, display filters."""

import datetime
import io
import zipfile

import openpyxl
import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.utils import translation
from pypdf import PdfReader

from plpbk.common import pdf, xlsx
from plpbk.common.uploads import validate_upload


def use_templates_in(settings, folder):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [folder, *settings.TEMPLATES[0]["DIRS"]]}]


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_render_pdf_gives_a_pdf_whose_text_reads_back(settings, tmp_path):
    use_templates_in(settings, tmp_path)
    (tmp_path / "t.html").write_text("<html><body><h1>Daftar Hadir</h1><p>{{ nama }}</p></body></html>")
    data = pdf.render_pdf("t.html", {"nama": "Neneng <script>alert(1)</script>"})
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    assert "Daftar Hadir" in text and "Neneng <script>alert(1)</script>" in text


@pytest.mark.parametrize("url", ["http://example.com/x.png", "file:///etc/passwd", "/etc/passwd", "ftp://x/y"])
def test_the_pdf_fetcher_refuses_anything_outside_static_and_media(url):
    with pytest.raises(pdf.FetchRefused):
        pdf.LocalFetcher().fetch(url)


def test_the_pdf_fetcher_reads_static_files(settings):
    response = pdf.LocalFetcher().fetch("/static/css/portal.css")
    assert b"Portal styles" in response.read()


def test_an_external_image_is_not_fetched_while_rendering(settings, tmp_path):
    use_templates_in(settings, tmp_path)
    (tmp_path / "t2.html").write_text('<p>ok</p><img src="file:///etc/hostname"><img src="http://127.0.0.1:1/x.png">')
    assert "ok" in pdf_text(pdf.render_pdf("t2.html"))


def test_xlsx_export_escapes_formulas_and_keeps_values():
    data = xlsx.write_xlsx([["Nama", "Jumlah"], ['=HYPERLINK("x")', 3], ["+62 812", -5], ["@SUM(A1)", "-1"]])
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    values = list(ws.iter_rows(values_only=True))
    assert values == [("Nama", "Jumlah"), ('\'=HYPERLINK("x")', 3), ("'+62 812", -5), ("'@SUM(A1)", "'-1")]
    assert ws["A1"].font.bold


def make_xlsx(rows, name="daftar.xlsx"):
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile(name, buf.getvalue(), content_type=xlsx.XLSX_MIME)


class RowForm(forms.Form):
    nama = forms.CharField(max_length=20)
    jk = forms.ChoiceField(choices=[("L", "L"), ("P", "P")])


COLUMNS = {"nama": ["Nama"], "jk": ["L/P"]}


def test_read_table_finds_the_header_and_numbers_rows():
    upload = make_xlsx(
        [["DAFTAR HADIR"], [], ["No", "Nama", "L/P"], [1, "Asep", "L"], [None, None, None], [2, "Euis", "X"]]
    )
    sheet = xlsx.read_table(upload, COLUMNS, required=["nama", "jk"], max_rows=10, max_bytes=10**6)
    assert sheet.rows == [(4, {"nama": "Asep", "jk": "L"}), (6, {"nama": "Euis", "jk": "X"})]
    clean = xlsx.validate_rows(sheet, RowForm)
    assert [r for r, _ in clean] == [4]
    assert [(e.row, e.column) for e in sheet.errors] == [(6, "jk")]


@pytest.mark.parametrize(
    "upload,needle",
    [
        (SimpleUploadedFile("a.xlsx", b""), "kosong"),
        (SimpleUploadedFile("a.csv", b"PK\x03\x04xxxx"), ".xlsx"),
        (SimpleUploadedFile("a.xlsx", b"\x7fELF binary renamed"), "bukan Excel"),
        (SimpleUploadedFile("a.xlsx", b"PK\x03\x04 truncated zip"), "rusak"),
    ],
)
def test_bad_uploads_are_refused_before_parsing(upload, needle):
    with pytest.raises(ValidationError) as exc:
        xlsx.read_table(upload, COLUMNS, required=["nama"], max_rows=10, max_bytes=10**6)
    assert needle in str(exc.value)


def test_a_zip_bomb_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<x/>")
        zf.writestr("xl/workbook.xml", "<x/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"0" * 50_000_000)
    with pytest.raises(ValidationError, match="mengembang"):
        xlsx.check_upload(SimpleUploadedFile("bom.xlsx", buf.getvalue()), max_bytes=10**7)


def test_too_many_rows_and_too_large_files_are_refused():
    upload = make_xlsx([["Nama", "L/P"], *[[f"W{i}", "L"] for i in range(11)]])
    with pytest.raises(ValidationError, match="Terlalu banyak baris"):
        xlsx.read_table(upload, COLUMNS, required=["nama"], max_rows=10, max_bytes=10**6)
    with pytest.raises(ValidationError, match="terlalu besar"):
        xlsx.check_upload(make_xlsx([["Nama"]]), max_bytes=100)


def test_a_missing_header_names_the_required_columns():
    with pytest.raises(ValidationError, match="Nama, L/P"):
        xlsx.read_table(make_xlsx([["Siapa", "Apa"]]), COLUMNS, required=["nama", "jk"], max_rows=10, max_bytes=10**6)


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x02\x00\x00\x00\x02\x08\x02\x00\x00\x00\xfd\xd4\x9as"
    b"\x00\x00\x00\x16IDATx\x9cc\xfc\xcf\xc0\xc0\xc0\xc0\xc0\xc4\xc0\xc0\xc0\xc0\xc0\x00\x00\r\x1d\x01\x03j"
    b"\xc2\x9b\xe9\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_uploads_are_checked_by_content():
    assert validate_upload(SimpleUploadedFile("foto.png", PNG)) == "png"
    assert validate_upload(SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n...")) == "pdf"
    with pytest.raises(ValidationError, match="tidak sesuai"):
        validate_upload(SimpleUploadedFile("foto.png", b"%PDF-1.4 pretending"))
    with pytest.raises(ValidationError, match="tidak diterima"):
        validate_upload(SimpleUploadedFile("virus.exe", b"MZ"))
    with pytest.raises(ValidationError, match="rusak"):
        validate_upload(SimpleUploadedFile("foto.png", PNG[:20]))
    with pytest.raises(ValidationError, match="terlalu besar"):
        validate_upload(SimpleUploadedFile("foto.png", PNG), max_bytes=10)


def render(source, **ctx):
    return Template("{% load plpbk %}" + source).render(Context(ctx))


def test_indonesian_dates_and_rupiah():
    with translation.override("id"):
        assert render("{{ d|date }}", d=datetime.date(2012, 5, 16)) == "16 Mei 2012"
        assert render("{{ v|rupiah }}", v=1_000_000_000) == "Rp 1.000.000.000"
        assert render("{{ v|persen }}", v=51.724) == "52%"
        assert render("{{ v|persen:1 }}", v=27.586) == "27,6%"
    with translation.override("en"):
        assert render("{{ d|date }}", d=datetime.date(2012, 5, 16)) == "16 May 2012"
        assert render("{{ v|persen:1 }}", v=27.586) == "27.6%"
