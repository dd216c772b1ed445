"""Uploaded files: random stored names, one scoped serving view, no /media/ route."""

import datetime
import importlib
import io
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import clear_url_caches, reverse
from pypdf import PdfReader

from kelurahan.models import Berkas
from kelurahan.services import simpan_berkas, tambah_lampiran
from tests.blm import factories as blm_factories
from tests.lokakarya.factories import png_bytes
from tipp import services as tipp_services

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
CIN, PAS = "32.04.05.2004", "32.04.12.1001"
RANDOM_NAME = re.compile(r"^berkas/\d{4}/\d{2}/[0-9a-f]{32}\.(png|pdf)$")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.FILES_SERVE = "django"
    return tmp_path


def _lampiran(regions, users, wilayah=CIN):
    from kelurahan.models import Pertemuan

    p = Pertemuan.objects.create(
        jenis="lokakarya", judul="Lokakarya", wilayah=regions[wilayah], tanggal=datetime.date(2012, 5, 16)
    )
    upload = ContentFile(png_bytes(), name="Foto Lokakarya Cinunuk.png")
    return tambah_lampiran(p, users["fasilitator"], upload, "foto", "Suasana").berkas, png_bytes()


def _bukti(regions, users, wilayah=CIN):
    langkah = tipp_services.buat_tipp(regions[wilayah]).langkah.get(nomor=1)
    upload = ContentFile(PDF, name="sk-pengukuhan-tipp.pdf")
    return tipp_services.tambah_bukti(langkah, users["fasilitator"], "sk", upload).berkas, PDF


def _dokumen(regions, users, wilayah=CIN):
    return blm_factories.dokumen(regions[wilayah]).berkas, PDF


def _kuitansi(regions, users, wilayah=CIN):
    p = blm_factories.dibayar(regions[wilayah], users["bkm"], users["ppk"])
    return p.lpj.belanja.get().bukti, PDF


KINDS = {
    "meeting photo": (_lampiran, "image/png", "Foto Lokakarya Cinunuk.png"),
    "TIPP evidence": (_bukti, "application/pdf", "sk-pengukuhan-tipp.pdf"),
    "BLM document": (_dokumen, "application/pdf", "dok.pdf"),
    "BLM receipt": (_kuitansi, "application/pdf", "kuitansi.pdf"),
}


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_upload_is_served_in_scope_only(kind, regions, users, client_for, client, media):
    make, content_type, name = KINDS[kind]
    berkas, data = make(regions, users)
    url = berkas.get_absolute_url()
    assert url == f"/berkas/{berkas.pk}/"
    assert RANDOM_NAME.match(berkas.berkas.name) and berkas.nama_asli == name

    r = client_for("bkm").get(url)
    assert r.status_code == 200 and b"".join(r.streaming_content) == data
    assert r["Content-Type"] == content_type
    assert r["Content-Disposition"] == f'inline; filename="{name}"'
    assert r["X-Content-Type-Options"] == "nosniff"
    assert "private" in r["Cache-Control"]

    for outside in ("bkm2", "fasilitator2"):
        assert client_for(outside).get(url).status_code == 404
    client.logout()
    r = client.get(url)
    assert r.status_code == 302 and r["Location"].startswith(reverse("login") + "?next=")


def test_a_file_outside_the_users_region_is_not_found_but_an_admin_opens_it(regions, users, client_for, media):
    berkas, data = _bukti(regions, users, wilayah="33.01.01.2001")
    for who in ("satker", "pemda", "korkot", "pjok", "fasilitator", "bkm"):
        assert client_for(who).get(berkas.get_absolute_url()).status_code == 404
    r = client_for("admin").get(berkas.get_absolute_url())
    assert b"".join(r.streaming_content) == data


def test_a_scanned_attendance_list_needs_the_personal_data_capability(regions, users, client_for, media):
    from kelurahan.models import Pertemuan

    p = Pertemuan.objects.create(
        jenis="lokakarya", judul="Lokakarya", wilayah=regions[CIN], tanggal=datetime.date(2012, 5, 16)
    )
    scan = tambah_lampiran(p, users["fasilitator"], ContentFile(PDF, name="daftar hadir.pdf"), "daftar_hadir").berkas
    assert client_for("pemda").get(scan.get_absolute_url()).status_code == 403
    assert client_for("ppk").get(scan.get_absolute_url()).status_code == 403
    assert client_for("pjok").get(scan.get_absolute_url()).status_code == 200


def test_a_file_no_record_holds_is_not_found_even_for_admin(regions, users, client_for, media):
    berkas = simpan_berkas(ContentFile(PDF, name="yatim.pdf"), users["bkm"])
    assert client_for("admin").get(berkas.get_absolute_url()).status_code == 404
    assert client_for("admin").get("/berkas/not-a-uuid/").status_code == 404


def test_stored_names_are_random_and_the_original_name_is_kept(regions, users, media):
    a = simpan_berkas(ContentFile(PDF, name="kuitansi-1.pdf"), users["bkm"])
    b = simpan_berkas(ContentFile(PDF, name="kuitansi-1.pdf"), users["bkm"])
    assert a.berkas.name != b.berkas.name
    for berkas in (a, b):
        assert RANDOM_NAME.match(berkas.berkas.name) and "kuitansi" not in berkas.berkas.name
        assert (berkas.nama_asli, berkas.tipe_isi, berkas.ukuran) == ("kuitansi-1.pdf", "application/pdf", len(PDF))
        assert berkas.diunggah_oleh == users["bkm"] and berkas.diunggah is not None
        assert (media / berkas.berkas.name).read_bytes() == PDF
    assert not list(media.rglob("kuitansi*"))


def test_a_refused_upload_stores_nothing(regions, users, media):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="tidak sesuai dengan jenisnya"):
        simpan_berkas(ContentFile(b"MZ\x90\x00", name="kuitansi.pdf"), users["bkm"])
    assert not Berkas.objects.exists() and not any(media.rglob("*.*"))


def test_a_name_outside_ascii_is_sent_rfc_6266_encoded(regions, users, client_for, media):
    from kelurahan.models import Pertemuan

    p = Pertemuan.objects.create(
        jenis="lokakarya", judul="Rembug", wilayah=regions[CIN], tanggal=datetime.date(2012, 5, 16)
    )
    upload = ContentFile(png_bytes(), name='Rembug "RW 05" — Cinunuk.png')
    berkas = tambah_lampiran(p, users["fasilitator"], upload, "foto").berkas
    r = client_for("bkm").get(berkas.get_absolute_url())
    assert r["Content-Disposition"] == "inline; filename*=utf-8''Rembug%20%22RW%2005%22%20%E2%80%94%20Cinunuk.png"


def test_nginx_mode_hands_the_file_to_the_web_server(regions, users, client_for, media, settings):
    settings.FILES_SERVE = "nginx"
    berkas, _ = _kuitansi(regions, users)
    r = client_for("bkm").get(berkas.get_absolute_url())
    assert r.status_code == 200 and r.content == b""
    assert r["X-Accel-Redirect"] == f"/_berkas/{berkas.berkas.name}"
    assert r["Content-Type"] == "application/pdf" and r["X-Content-Type-Options"] == "nosniff"
    assert r["Content-Disposition"] == 'inline; filename="kuitansi.pdf"'
    assert client_for("bkm2").get(berkas.get_absolute_url()).status_code == 404


def test_sendfile_mode_hands_the_absolute_path_to_the_web_server(regions, users, client_for, media, settings):
    settings.FILES_SERVE = "sendfile"
    berkas, _ = _bukti(regions, users)
    r = client_for("korkot").get(berkas.get_absolute_url())
    assert r.status_code == 200 and r.content == b""
    assert r["X-Sendfile"] == str(media / berkas.berkas.name) and "X-Accel-Redirect" not in r
    assert r["Content-Disposition"] == 'inline; filename="sk-pengukuhan-tipp.pdf"'


def test_files_serve_rejects_an_unknown_mode(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    import plpbk.settings

    monkeypatch.setenv("FILES_SERVE", "apache")
    with pytest.raises(ImproperlyConfigured, match="FILES_SERVE"):
        importlib.reload(plpbk.settings)
    monkeypatch.delenv("FILES_SERVE")
    importlib.reload(plpbk.settings)


@pytest.fixture
def debug_urls(settings):
    """The URL map as it is built with DEBUG on (it once added a /media/ route then)."""
    import plpbk.urls

    settings.DEBUG = True
    importlib.reload(plpbk.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(plpbk.urls)
    clear_url_caches()


def test_media_is_not_served_even_with_debug_on(regions, users, client, client_for, media, debug_urls):
    berkas, _ = _kuitansi(regions, users)
    assert (media / berkas.berkas.name).is_file()
    assert client.get(f"/media/{berkas.berkas.name}").status_code == 404
    assert client_for("admin").get(f"/media/{berkas.berkas.name}").status_code == 404
    assert client_for("bkm").get(berkas.get_absolute_url()).status_code == 200


def test_deleting_the_owner_removes_the_file(regions, users, media, django_capture_on_commit_callbacks):
    berkas, _ = _bukti(regions, users)
    path = media / berkas.berkas.name
    with django_capture_on_commit_callbacks(execute=True):
        berkas.bukti_langkah.langkah.tipp.delete()
    assert not Berkas.objects.filter(pk=berkas.pk).exists() and not path.exists()


def test_meeting_pack_still_embeds_the_photos(regions, users, media):
    from kelurahan import pdf

    berkas, _ = _lampiran(regions, users)
    pertemuan = berkas.lampiran.pertemuan
    out = pdf.meeting_pack(pertemuan, berita_acara_template="pdf/kelurahan/berita_acara_umum.html", context={})
    reader = PdfReader(io.BytesIO(out))
    images = [img for page in reader.pages for img in page.images]
    assert images and "Suasana" in "".join(page.extract_text() for page in reader.pages)


def test_the_meeting_pack_leaves_out_the_scanned_list_for_roles_without_personal_data(regions, users, rf, media):
    from kelurahan import pdf

    berkas, _ = _lampiran(regions, users)
    pertemuan = berkas.lampiran.pertemuan
    scan = pdf.daftar_hadir_pdf(pertemuan, blank=True)
    tambah_lampiran(pertemuan, None, ContentFile(scan, name="daftar.pdf"), "daftar_hadir")
    pages = {}
    for who in ("pjok", "pemda"):
        request = rf.get("/")
        request.user = users[who]
        out = pdf.meeting_pack(
            pertemuan, berita_acara_template="pdf/kelurahan/berita_acara_umum.html", context={}, request=request
        )
        pages[who] = len(PdfReader(io.BytesIO(out)).pages)
    assert pages["pjok"] == pages["pemda"] + len(PdfReader(io.BytesIO(scan)).pages)
