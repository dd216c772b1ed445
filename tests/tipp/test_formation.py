"""Formation in five steps: the order rule, members and their origin, the confirmation."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tipp import services
from tipp.models import LangkahTIPP, Pemilihan

from .conftest import selesaikan_semua
from .helpers import bentuk_pokja

pytestmark = pytest.mark.django_db
D = datetime.date


def _step(tipp, n):
    return tipp.langkah.get(nomor=n)


def test_buat_tipp_makes_five_empty_steps_once(tipp_cinunuk, cinunuk):
    assert list(tipp_cinunuk.langkah.values_list("nomor", flat=True)) == [1, 2, 3, 4, 5]
    assert services.buat_tipp(cinunuk).pk == tipp_cinunuk.pk
    assert LangkahTIPP.objects.count() == 5


def test_tipp_only_in_a_kelurahan(regions):
    with pytest.raises(ValidationError):
        services.buat_tipp(regions["32.04.05"])


def test_a_step_cannot_be_done_before_the_one_before_it(tipp_cinunuk):
    s1, s2 = _step(tipp_cinunuk, 1), _step(tipp_cinunuk, 2)
    services.simpan_langkah(s2, tanggal=D(2012, 5, 28), hasil="Syarat: warga setempat")
    with pytest.raises(ValidationError) as exc:
        services.selesaikan_langkah(s2)
    assert "langkah 1" in exc.value.messages[0] and "belum selesai" in exc.value.messages[0]
    s2.refresh_from_db()
    assert s2.selesai is None

    services.simpan_langkah(s1, tanggal=D(2012, 5, 21))
    services.selesaikan_langkah(s1)
    services.selesaikan_langkah(s2)
    assert _step(tipp_cinunuk, 2).selesai == D(2012, 5, 28)


def test_step_needs_its_meeting_and_step_two_its_requirements(tipp_cinunuk):
    s1, s2 = _step(tipp_cinunuk, 1), _step(tipp_cinunuk, 2)
    with pytest.raises(ValidationError, match="tanggal dan tempat pertemuan"):
        services.selesaikan_langkah(s1)
    services.simpan_langkah(s1, tanggal=D(2012, 5, 21), tempat="Aula")
    assert s1.pertemuan.jenis == "tipp" and s1.pertemuan.wilayah_id == "32.04.05.2004"
    services.selesaikan_langkah(s1)
    services.simpan_langkah(s2, tanggal=D(2012, 5, 28), hasil="  ")
    with pytest.raises(ValidationError, match="syarat anggota"):
        services.selesaikan_langkah(s2)


def test_a_step_cannot_finish_before_the_previous_one(tipp_cinunuk):
    s1, s2 = _step(tipp_cinunuk, 1), _step(tipp_cinunuk, 2)
    services.simpan_langkah(s1, tanggal=D(2012, 5, 21))
    services.selesaikan_langkah(s1)
    services.simpan_langkah(s2, tanggal=D(2012, 5, 14), hasil="Syarat")
    with pytest.raises(ValidationError, match="tidak boleh sebelum langkah 1 selesai"):
        services.selesaikan_langkah(s2)


def test_steps_reopen_from_the_last_one(tipp_cinunuk):
    selesaikan_semua(tipp_cinunuk)
    with pytest.raises(ValidationError, match="langkah sesudahnya"):
        services.batalkan_langkah(_step(tipp_cinunuk, 3))
    services.batalkan_langkah(_step(tipp_cinunuk, 5))
    assert _step(tipp_cinunuk, 5).selesai is None


def test_pemda_staff_join_only_after_step_four(tipp_cinunuk):
    kwargs = {"nama": "Yudi, S.T.", "jenis_kelamin": "L", "asal": "pemda", "peran": "Anggota", "mulai": D(2012, 7, 1)}
    with pytest.raises(ValidationError, match="langkah 4"):
        services.simpan_anggota(tipp_cinunuk, **kwargs)
    selesaikan_semua(tipp_cinunuk)
    a = services.simpan_anggota(tipp_cinunuk, **kwargs)
    assert a.orang.wilayah_id == "32.04.05.2004"
    with pytest.raises(ValidationError, match="sudah menjadi anggota"):
        services.simpan_anggota(tipp_cinunuk, **kwargs)


def test_member_reuses_the_registered_person(tipp_cinunuk, cinunuk):
    from kelurahan.models import Orang

    orang = Orang.objects.create(nama="Neneng Hasanah", jenis_kelamin="P", wilayah=cinunuk)
    a = services.simpan_anggota(
        tipp_cinunuk, nama="neneng  hasanah", jenis_kelamin="P", asal="bkm", peran="Sekretaris", mulai=D(2012, 7, 1)
    )
    assert a.orang_id == orang.pk


def test_confirmation_needs_all_steps_members_and_both_signers(tipp_cinunuk, cinunuk):
    kukuh = {"tanggal": D(2012, 7, 10), "oleh_bkm": "H. Endang", "oleh_lurah": "Dede"}
    with pytest.raises(ValidationError, match="langkah 1, 2, 3, 4, 5 belum selesai"):
        services.kukuhkan_tipp(tipp_cinunuk, **kukuh)
    selesaikan_semua(tipp_cinunuk)
    with pytest.raises(ValidationError, match="anggota"):
        services.kukuhkan_tipp(tipp_cinunuk, **kukuh)
    services.simpan_anggota(
        tipp_cinunuk, nama="Neneng", jenis_kelamin="P", asal="bkm", peran="Ketua", mulai=D(2012, 7, 1)
    )
    with pytest.raises(ValidationError, match="BKM dan Lurah"):
        services.kukuhkan_tipp(tipp_cinunuk, **{**kukuh, "oleh_lurah": " "})
    with pytest.raises(ValidationError, match="sebelum langkah terakhir"):
        services.kukuhkan_tipp(tipp_cinunuk, **{**kukuh, "tanggal": D(2012, 6, 1)})
    services.kukuhkan_tipp(tipp_cinunuk, **kukuh)
    assert services.tipp_terbentuk(cinunuk)
    with pytest.raises(ValidationError, match="dikukuhkan"):
        services.batalkan_langkah(_step(tipp_cinunuk, 5))


def test_views_refuse_a_step_out_of_order_with_a_message(client_for, tipp_cinunuk):
    c = client_for("fasilitator")
    s2 = _step(tipp_cinunuk, 2)
    data = {"tanggal": "2012-05-28", "tempat": "Aula", "hasil": "Syarat A", "versi": s2.versi}
    r = c.post(f"/tipp/langkah/{s2.pk}/", data)
    assert r.status_code == 302
    r = c.post(f"/tipp/langkah/{s2.pk}/selesai/", follow=True)
    assert "langkah 1 (Pelatihan BKM dan perangkat) belum selesai" in r.content.decode()
    s2.refresh_from_db()
    assert s2.selesai is None and s2.hasil == "Syarat A" and s2.pertemuan.tempat == "Aula"


def test_detail_shows_gender_balance_against_the_admin_target(client_for, tipp_cinunuk):
    from tipp.models import PengaturanTIPP

    PengaturanTIPP.objects.create(target_perempuan=40)
    selesaikan_semua(tipp_cinunuk)
    for nama, jk in [("A", "L"), ("B", "L"), ("C", "P")]:
        services.simpan_anggota(
            tipp_cinunuk, nama=nama, jenis_kelamin=jk, asal="relawan", peran="Anggota", mulai=D(2012, 7, 1)
        )
    from kelurahan.models import Orang

    Orang.objects.filter(nama="C").update(disabilitas=True)
    html = client_for("pemda").get("/tipp/wilayah/32.04.05.2004/").content.decode()
    assert "33%" in html and "target 40%" in html and "belum seimbang" in html
    assert "Kelompok rentan" not in html  # personal data stays with those allowed to see it
    html = client_for("bkm").get("/tipp/wilayah/32.04.05.2004/").content.decode()
    assert "Kelompok rentan: 1 penyandang disabilitas, 0 warga miskin." in html


def test_bukti_upload_checks_the_content(client_for, tipp_cinunuk, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = str(tmp_path)
    c = client_for("fasilitator")
    s1 = _step(tipp_cinunuk, 1)
    fake = SimpleUploadedFile("sk.pdf", b"MZ not a pdf", content_type="application/pdf")
    r = c.post(f"/tipp/langkah/{s1.pk}/", {"aksi": "bukti", "jenis": "sk", "berkas": fake})
    assert r.status_code == 200 and "tidak sesuai dengan jenisnya" in r.content.decode()
    assert not s1.bukti.exists()
    good = SimpleUploadedFile("sk.pdf", b"%PDF-1.4 SK TIPP", content_type="application/pdf")
    r = c.post(f"/tipp/langkah/{s1.pk}/", {"aksi": "bukti", "jenis": "sk", "berkas": good})
    assert r.status_code == 302
    bukti = s1.bukti.get()
    assert bukti.berkas.nama_asli == "sk.pdf" and bukti.berkas.diunggah_oleh.username == "fasilitator"
    r = client_for("bkm").get(f"/berkas/{bukti.berkas_id}/")
    assert b"".join(r.streaming_content) == b"%PDF-1.4 SK TIPP"


def test_only_a_national_admin_sets_the_gender_target(rf, users):
    from django.contrib.admin.sites import site

    from kelurahan.models import Akses
    from tipp.models import PengaturanTIPP

    model_admin = site._registry[PengaturanTIPP]
    request = rf.get("/")
    request.user = users["admin"]
    assert model_admin.has_change_permission(request) and model_admin.has_add_permission(request)
    PengaturanTIPP.objects.create(target_perempuan=30)
    assert not model_admin.has_add_permission(request)  # one row only
    assert PengaturanTIPP.current().target_perempuan == 30
    provincial = users["satker"]
    Akses.objects.create(user=provincial, peran="admin", wilayah_id="32")
    request.user = provincial
    assert not model_admin.has_change_permission(request)


def test_susunan_pdf_lists_steps_members_and_confirmation(client_for, tipp_cinunuk):
    import io

    from pypdf import PdfReader

    selesaikan_semua(tipp_cinunuk)
    services.simpan_anggota(
        tipp_cinunuk, nama="Neneng Hasanah", jenis_kelamin="P", asal="bkm", peran="Sekretaris", mulai=D(2012, 7, 1)
    )
    services.kukuhkan_tipp(tipp_cinunuk, tanggal=D(2012, 7, 10), oleh_bkm="H. Endang", oleh_lurah="Dede Rusmana")
    r = client_for("bkm").get("/tipp/wilayah/32.04.05.2004/susunan/")
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages).split())
    assert "Neneng Hasanah" in text and "Sekretaris" in text
    assert "Pertemuan dengan TKPKD" in text and "Syarat: warga setempat" in text
    assert "Dikukuhkan pada 10 Juli 2012 oleh H. Endang (BKM) dan Dede Rusmana (Lurah/Kepala Desa)" in text


def test_a_done_step_keeps_its_meeting_before_the_finish_date(tipp_cinunuk):
    s1 = _step(tipp_cinunuk, 1)
    services.simpan_langkah(s1, tanggal=D(2012, 5, 21), tempat="Aula")
    services.selesaikan_langkah(s1)
    with pytest.raises(ValidationError, match="sesudah tanggal langkah ini diselesaikan"):
        services.simpan_langkah(s1, tanggal=D(2012, 5, 30), tempat="Balai RW")
    s1.pertemuan.refresh_from_db()
    assert (s1.pertemuan.tanggal, s1.pertemuan.tempat) == (D(2012, 5, 21), "Aula")


def test_step_five_needs_a_pokja_formed_by_fgd_and_election_on_or_before_it(tipp_cinunuk):
    from tipp import election

    for n in range(1, 5):
        s = _step(tipp_cinunuk, n)
        services.simpan_langkah(s, tanggal=D(2012, 6, n), tempat="Aula", hasil="Syarat")
        services.selesaikan_langkah(s)
    s5 = _step(tipp_cinunuk, 5)
    services.simpan_langkah(s5, tanggal=D(2012, 6, 18), tempat="Aula")
    with pytest.raises(ValidationError, match="belum ada Pokja yang dibentuk lewat FGD lalu pemilihan"):
        services.selesaikan_langkah(s5)
    pokja = election.buat_pokja(tipp_cinunuk, nama="Pokja ND")
    with pytest.raises(ValidationError, match="belum ada Pokja"):  # a Pokja on paper only is not formed
        services.selesaikan_langkah(s5)
    bentuk_pokja(tipp_cinunuk, D(2012, 6, 25), nama="Pokja Lingkungan")
    with pytest.raises(ValidationError, match="paling lambat 18-06-2012"):  # elected after the step's date
        services.selesaikan_langkah(s5)
    assert not services.pokja_terbentuk(tipp_cinunuk.pk, D(2012, 6, 18))
    services.selesaikan_langkah(s5, pada=D(2012, 6, 25))
    assert _step(tipp_cinunuk, 5).selesai == D(2012, 6, 25)
    lingkungan = Pemilihan.objects.get(pokja__nama="Pokja Lingkungan")
    with pytest.raises(ValidationError, match="Langkah 5 selesai pada 25-06-2012 atas dasar Pokja"):
        election.simpan_pemilihan(
            lingkungan.pokja, tanggal=D(2012, 6, 30), tempat="", kriteria="Warga", kursi=1, kursi_perempuan_min=None
        )
    assert Pemilihan.objects.get(pk=lingkungan.pk).pertemuan.tanggal == D(2012, 6, 25)
    assert pokja.fgd.count() == 0
