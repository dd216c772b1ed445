"""An oversized attendance import is refused early, with the row limit in Indonesian and
nothing saved: by the sheet's declared dimension before any row is read, and, for a sheet that
declares no dimension or a false one, while streaming at the first row past the limit."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kelurahan.imports import MAX_IMPORT_ROWS
from kelurahan.models import Kehadiran, Orang
from plpbk.common import xlsx

pytestmark = pytest.mark.django_db

HEADER = ["No", "Nama", "L/P"]
LIMIT = MAX_IMPORT_ROWS + 500  # what the import page passes to read_table
MESSAGE = f"Terlalu banyak baris: paling banyak {LIMIT}."
SHEET = "xl/worksheets/sheet1.xml"


def daftar(n, dimension=None, broken_after=None, shared=None):
    """A daftar hadir of `n` people. `dimension`: the ref the sheet declares (none by default,
    as openpyxl writes it); `broken_after`: rows after that one are not XML at all, so a reader
    that went on past them would fail; `shared`: a shared-strings part of that many bytes."""
    people = ([i + 1, f"Warga {i}", "LP"[i % 2]] for i in range(n))
    data = xlsx.write_rows_stream([["DAFTAR HADIR"], HEADER, *people], "Daftar hadir")
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            part = src.read(info.filename)
            if info.filename == SHEET and dimension:
                part = part.replace(b"<sheetData>", f'<dimension ref="{dimension}"/><sheetData>'.encode(), 1)
            if info.filename == SHEET and broken_after:
                cut = part.index(f'<row r="{broken_after + 1}"'.encode())
                part = part[:cut] + b"<row><c><<< not xml &&& " * 1000 + b"</sheetData></worksheet>"
            zf.writestr(info.filename, part)
        if shared:
            zf.writestr("xl/sharedStrings.xml", b"<sst><si><t>" + b"x" * shared + b"</t></si></sst>")
    return SimpleUploadedFile("daftar.xlsx", out.getvalue(), content_type=xlsx.XLSX_MIME)


@pytest.fixture
def impor(client_for, pertemuan_factory):
    pertemuan = pertemuan_factory()
    c = client_for("fasilitator")

    def post(upload):
        r = c.post(reverse("kelurahan:kehadiran_import", args=[pertemuan.pk]), {"berkas": upload})
        assert r.status_code == 200
        return r

    post.pertemuan = pertemuan
    return post


def assert_refused(r, pertemuan):
    body = r.content.decode()
    assert MESSAGE in body and "hasil" not in r.context and "token" not in r.context
    assert not Kehadiran.objects.filter(pertemuan=pertemuan).exists() and not Orang.objects.exists()


def test_a_declared_dimension_past_the_limit_is_refused_before_any_row_is_read(impor):
    # twelve good rows, but the sheet says 400,000: the dimension alone refuses it
    r = impor(daftar(12, dimension="A1:C400002"))
    assert_refused(r, impor.pertemuan)


def test_a_sheet_without_a_dimension_stops_streaming_at_the_row_past_the_limit(impor):
    # rows after LIMIT + 1 are broken: reading one of them would say "tidak dapat dibaca" instead
    r = impor(daftar(LIMIT + 50, broken_after=LIMIT + 3))  # data start at row 3
    assert_refused(r, impor.pertemuan)


def test_a_dimension_that_lies_small_does_not_let_a_long_sheet_through(impor):
    r = impor(daftar(LIMIT + 50, dimension="A1:C3", broken_after=LIMIT + 3))
    assert_refused(r, impor.pertemuan)


def test_the_same_file_within_the_limit_is_read_and_previewed(impor):
    r = impor(daftar(12, dimension="A1:C14"))
    assert r.context["hasil"].ok and len(r.context["hasil"].rows) == 12
    assert not Kehadiran.objects.filter(pertemuan=impor.pertemuan).exists()  # a preview saves nothing


def test_shared_strings_too_large_for_the_row_limit_are_refused_unparsed():
    budget = (10 + 5) * xlsx.STRING_BYTES_PER_ROW
    ok, too_large = daftar(3, shared=budget - 100), daftar(3, shared=budget + 1)
    columns = {"nama": ["Nama"], "jk": ["L/P"]}
    assert len(xlsx.read_table(ok, columns, ["nama"], max_rows=10, max_bytes=10**6, header_search_rows=5).rows) == 3
    with pytest.raises(ValidationError, match="Terlalu banyak baris: paling banyak 10"):
        xlsx.read_table(too_large, columns, ["nama"], max_rows=10, max_bytes=10**6, header_search_rows=5)


def test_a_sheet_of_mostly_blank_rows_stops_at_twice_the_limit():
    blank_rows = "".join(f'<row r="{i}"><c r="A{i}" s="0"/></row>' for i in range(3, 40))
    data = io.BytesIO(daftar(0).read())
    src, out = zipfile.ZipFile(data), io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for info in src.infolist():
            part = src.read(info.filename)
            if info.filename == SHEET:
                part = part.replace(b"</sheetData>", blank_rows.encode() + b"</sheetData>")
            zf.writestr(info.filename, part)
    upload = SimpleUploadedFile("daftar.xlsx", out.getvalue())
    columns = {"nama": ["Nama"], "jk": ["L/P"]}
    with pytest.raises(ValidationError, match="Terlalu banyak baris: paling banyak 10"):
        xlsx.read_table(upload, columns, ["nama", "jk"], max_rows=10, max_bytes=10**6, header_search_rows=5)
    upload.seek(0)
    sheet = xlsx.read_table(upload, columns, ["nama", "jk"], max_rows=20, max_bytes=10**6, header_search_rows=5)
    assert sheet.rows == []


@pytest.mark.parametrize("ref,last", [("A1", 1), ("A1:I5000", 5000), ("B3:C380002", 380002), ("XFD1048576", 1048576)])
def test_the_declared_dimension_is_read_from_the_head_of_the_sheet(ref, last):
    with zipfile.ZipFile(daftar(2, dimension=ref)) as zf:
        assert xlsx.declared_last_row(zf, SHEET) == last
    with zipfile.ZipFile(daftar(2)) as zf:
        assert xlsx.declared_last_row(zf, SHEET) is None
