"""Concurrent edits: two people open the same page; the second post, made from a stale page,
is refused with what changed and saves nothing (two sessions = two test clients)."""

import datetime
import re

import pytest
from django.urls import reverse

from blm.models import PermintaanBLM, StatusPermintaan
from tests.blm.factories import permintaan
from tests.tipp.helpers import tipp_terbentuk
from tipp import services
from tipp.models import Kegiatan

pytestmark = pytest.mark.django_db
CINUNUK = "32.04.05.2004"


def versi_di(response) -> str:
    match = re.search(r'name="versi" value="(\d+)"', response.content.decode())
    assert match, "the form carries no version"
    return match.group(1)


def kegiatan_data(**kw):
    data = {
        "tahap": "pemetaan",
        "urutan": "1",
        "nama": "Pemetaan swadaya",
        "mulai": "2012-07-02",
        "durasi": "14",
        "volume": "1",
        "satuan": "dokumen",
        "penanggung_jawab": "TIPP",
    }
    data.update(kw)
    return data


@pytest.fixture
def kegiatan(regions):
    tipp_terbentuk(regions[CINUNUK])
    rencana = services.rencana_untuk(regions[CINUNUK])
    return services.simpan_kegiatan(
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


def test_work_plan_activity_stale_edit_is_refused_with_what_changed(kegiatan, client_for, users):
    users["korkot"].first_name = "Rina Korkot"
    users["korkot"].save()
    url = reverse("tipp:kegiatan_ubah", args=[kegiatan.pk])
    a, b = client_for("korkot"), client_for("fasilitator")
    versi_a, versi_b = versi_di(a.get(url)), versi_di(b.get(url))
    assert versi_a == versi_b

    assert a.post(url, kegiatan_data(versi=versi_a, nama="Pemetaan swadaya RW 03", durasi="21")).status_code == 302
    response = b.post(url, kegiatan_data(versi=versi_b, nama="Pemetaan oleh fasilitator", satuan="peta"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "sudah diubah orang lain" in html and "Rina Korkot" in html
    assert "Pemetaan swadaya → Pemetaan swadaya RW 03" in html and "14 → 21" in html
    kegiatan.refresh_from_db()
    assert (kegiatan.nama, kegiatan.durasi, kegiatan.satuan) == ("Pemetaan swadaya RW 03", 21, "dokumen")
    # nothing typed is lost, and the re-shown form carries the current version
    assert 'value="Pemetaan oleh fasilitator"' in html
    assert versi_di(response) == str(kegiatan.versi) != versi_b
    # sending again after review is a deliberate overwrite
    assert b.post(url, kegiatan_data(versi=versi_di(response), nama="Pemetaan oleh fasilitator")).status_code == 302
    kegiatan.refresh_from_db()
    assert kegiatan.nama == "Pemetaan oleh fasilitator"


def test_work_plan_stale_delete_and_stale_approval_are_refused(kegiatan, client_for):
    edit = reverse("tipp:kegiatan_ubah", args=[kegiatan.pk])
    plan = reverse("tipp:rencana", args=[CINUNUK])
    a, b = client_for("fasilitator"), client_for("korkot")
    versi_hapus = re.search(r'name="versi" value="(\d+)">', b.get(edit).content.decode().split("data-confirm")[1])
    versi_rencana = versi_di(b.get(plan))
    assert a.post(edit, kegiatan_data(versi=versi_di(a.get(edit)), nama="Pemetaan kampung")).status_code == 302

    response = b.post(reverse("tipp:kegiatan_hapus", args=[kegiatan.pk]), {"versi": versi_hapus.group(1)}, follow=True)
    assert "sudah diubah orang lain" in response.content.decode()
    assert Kegiatan.objects.filter(pk=kegiatan.pk).exists()

    response = b.post(
        reverse("tipp:rencana_setujui", args=[CINUNUK]), {"tanggal": "2012-06-30", "versi": versi_rencana}, follow=True
    )
    html = response.content.decode()
    assert "Rencana kerja sudah diubah" in html and "Pemetaan kampung: Diubah" in html
    kegiatan.rencana.refresh_from_db()
    assert kegiatan.rencana.disetujui is None
    # from a fresh page the approval goes through
    response = b.post(
        reverse("tipp:rencana_setujui", args=[CINUNUK]), {"tanggal": "2012-06-30", "versi": versi_di(b.get(plan))}
    )
    kegiatan.rencana.refresh_from_db()
    assert kegiatan.rencana.disetujui == datetime.date(2012, 6, 30)


def test_blm_request_stale_resubmission_is_refused(regions, users, client_for):
    p = permintaan(regions[CINUNUK], users["bkm"], status=StatusPermintaan.DIKEMBALIKAN)
    detail = reverse("blm:permintaan", args=[p.pk])
    url = reverse("blm:ajukan_ulang", args=[p.pk])
    a, b = client_for("bkm"), client_for("fasilitator")
    versi_a, versi_b = versi_di(a.get(detail)), versi_di(b.get(detail))

    assert (
        a.post(url, {"nomor_surat": "12/BKM/2012", "catatan": "Sudah dilengkapi", "versi": versi_a}).status_code == 302
    )
    response = b.post(url, {"nomor_surat": "99/X", "catatan": "Versi fasilitator", "versi": versi_b})

    assert response.status_code == 200
    html = response.content.decode()
    assert "sudah diubah orang lain" in html
    assert "Dikembalikan → Dalam verifikasi" in html and "12/BKM/2012" in html
    p.refresh_from_db()
    assert (p.nomor_surat, p.catatan, p.status) == ("12/BKM/2012", "Sudah dilengkapi", StatusPermintaan.DIPROSES)
    assert p.jejak.filter(tindakan="diajukan").count() == 2  # the factory's filing and A's, not B's


def test_blm_request_stale_verification_is_refused(regions, users, client_for):
    p = permintaan(regions[CINUNUK], users["bkm"])
    halaman = reverse("blm:verifikasi", args=[p.pk])  # the verifier's page
    fas = client_for("fasilitator")
    versi = versi_di(fas.get(halaman))
    # meanwhile the BKM's filing was corrected (e.g. a second tab): the version moves
    PermintaanBLM.objects.filter(pk=p.pk).update(versi=p.versi + 1)
    response = fas.post(
        reverse("blm:verifikasi", args=[p.pk]), {"keputusan": "setuju", "langkah": "fasilitator", "versi": versi}
    )
    assert response.status_code == 200 and "sudah diubah orang lain" in response.content.decode()
    p.refresh_from_db()
    assert p.langkah == "fasilitator" and not p.jejak.filter(tindakan="disetujui").exists()


def test_attendance_list_stale_delete_is_refused_but_appends_go_through(pertemuan_factory, client_for, users):
    """Appending is never refused (rows are added, not overwritten; duplicates have their own
    check); deleting a row from a list that changed since the page was shown is."""
    from kelurahan.models import Kehadiran
    from kelurahan.services import BarisKehadiran, tambah_kehadiran

    users["pjok"].first_name = "Yanti PJOK"
    users["pjok"].save()
    p = pertemuan_factory()
    (euis,) = tambah_kehadiran(p, [BarisKehadiran(nama="Euis Sumarni", jenis_kelamin="P")])
    url = reverse("kelurahan:kehadiran", args=[p.pk])
    a, b = client_for("fasilitator"), client_for("pjok")
    page_a = a.get(url).content.decode()
    stale = {
        "versi": re.search(r'name="versi" value="(\d+)"', page_a).group(1),
        "sejak": re.search(r'name="sejak" value="([^"]+)"', page_a).group(1),
    }
    row = {"baris-TOTAL_FORMS": "1", "baris-INITIAL_FORMS": "0", "baris-0-jenis_kelamin": "L"}
    assert b.post(url, {**row, "baris-0-nama": "Asep Saepudin"}, HTTP_HX_REQUEST="true").status_code == 200
    # A appends from the now-stale page: accepted
    response = a.post(url, {**row, "baris-0-nama": "Dadang Suhendar"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Dadang Suhendar" in response.content.decode()
    assert Kehadiran.objects.filter(pertemuan=p).count() == 3

    hapus = reverse("kelurahan:kehadiran_hapus", args=[p.pk, euis.pk])
    response = a.post(hapus, stale, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "sudah diubah orang lain" in html and "Yanti PJOK" in html
    assert re.search(r"ditambah: [^.<]*Asep Saepudin", html)
    assert Kehadiran.objects.filter(pk=euis.pk).exists()
    # the refreshed list carries the current version: deleting again goes through
    fresh = re.search(r'name="versi" value="(\d+)"', html).group(1)
    a.post(hapus, {"versi": fresh}, HTTP_HX_REQUEST="true")
    assert not Kehadiran.objects.filter(pk=euis.pk).exists()
