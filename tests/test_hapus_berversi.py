"""Deletes and one-button toggles of versioned records carry the version their page showed:
a post from a page older than someone else's edit is refused, says who changed what, and
neither deletes nor toggles anything. The version is read from the page itself, so the
templates are tested along with the views."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from kelurahan.models import Orang
from sosialisasi.models import KegiatanInformal, Pemangku, PeranPemda
from tests.sosialisasi import factories as sf
from tipp import services as tipp_services
from tipp.models import AnggotaTIPP

pytestmark = pytest.mark.django_db


def _versi(page: str, action: str) -> str:
    """The version the form posting to `action` carries."""
    form = page.split(f'action="{action}"', 1)[1].split("</form>", 1)[0]
    return re.search(r'name="versi" value="(\d+)"', form).group(1)


def _pesan(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _pemangku(w):
    _p, pem, _i = sf.pengkondisian(w)
    return pem, reverse("sosialisasi:pengkondisian", args=[w.kode]), "sosialisasi:pemangku_hapus"


def _informal(w):
    _p, _pem, informal = sf.pengkondisian(w)
    return informal, reverse("sosialisasi:pengkondisian", args=[w.kode]), "sosialisasi:informal_hapus"


def _peran(w):
    peran = sf.peran(w)
    return peran, reverse("sosialisasi:peran_ubah", args=[peran.pk]), "sosialisasi:peran_hapus"


def _anggota(w):
    orang = Orang.objects.create(nama="Anggota Salah Ketik", jenis_kelamin="P", wilayah=w)
    tipp = tipp_services.buat_tipp(w)
    a = AnggotaTIPP.objects.create(tipp=tipp, orang=orang, asal="relawan", mulai=datetime.date(2012, 7, 1))
    return a, reverse("tipp:anggota_ubah", args=[a.pk]), "tipp:anggota_hapus"


KASUS = {"pemangku": _pemangku, "informal": _informal, "peran": _peran, "anggota_tipp": _anggota}


@pytest.mark.parametrize("kasus", KASUS)
def test_delete_from_the_current_page_deletes(kasus, client_for, cinunuk):
    obj, page_url, route = KASUS[kasus](cinunuk)
    c = client_for("fasilitator")
    action = reverse(route, args=[obj.pk])
    versi = _versi(c.get(page_url).content.decode(), action)
    r = c.post(action, {"versi": versi})
    assert r.status_code == 302
    assert not type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("kasus", KASUS)
def test_delete_from_a_stale_page_keeps_the_edit_made_since(kasus, client_for, cinunuk):
    obj, page_url, route = KASUS[kasus](cinunuk)
    c = client_for("fasilitator")
    action = reverse(route, args=[obj.pk])
    versi = _versi(c.get(page_url).content.decode(), action)
    type(obj).objects.filter(pk=obj.pk).update(versi=int(versi) + 1)  # another session saved meanwhile

    r = c.post(action, {"versi": versi})
    assert r.status_code == 302
    assert type(obj).objects.filter(pk=obj.pk, versi=int(versi) + 1).exists()
    assert any("diubah" in m or "berubah" in m for m in _pesan(r)), _pesan(r)
    assert not any("dihapus" in m for m in _pesan(r))

    r = c.post(action, {})  # no version at all: refused the same way
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_member_of_a_confirmed_tipp_is_not_deleted(client_for, cinunuk):
    obj, _page, route = _anggota(cinunuk)
    type(obj.tipp).objects.filter(pk=obj.tipp_id).update(dikukuhkan=datetime.date(2012, 9, 1))
    r = client_for("fasilitator").post(reverse(route, args=[obj.pk]), {"versi": obj.versi})
    assert AnggotaTIPP.objects.filter(pk=obj.pk).exists()
    assert any("sudah dikukuhkan" in m for m in _pesan(r))


def test_commitment_toggle_from_a_stale_page_changes_nothing(client_for, cinunuk):
    peran = sf.peran(cinunuk)
    c = client_for("fasilitator")
    action = reverse("sosialisasi:peran_selesai", args=[peran.pk])
    versi = _versi(c.get(cinunuk.get_absolute_url()).content.decode(), action)

    # two open pages: the first click marks it done, the second (same old page) is refused
    # instead of silently marking it not done again
    r = c.post(action, {"versi": versi})
    assert any("diperbarui" in m for m in _pesan(r))
    c.get(r.url)  # the message is shown there, and gone
    peran.refresh_from_db()
    assert peran.selesai and peran.tanggal_selesai is not None
    r = c.post(action, {"versi": versi})
    peran.refresh_from_db()
    assert peran.selesai
    assert not any("diperbarui" in m for m in _pesan(r))

    versi = _versi(c.get(cinunuk.get_absolute_url()).content.decode(), action)
    c.post(action, {"versi": versi})
    peran.refresh_from_db()
    assert not peran.selesai and peran.tanggal_selesai is None
    assert PeranPemda.objects.count() == 1 and Pemangku.objects.count() == 0 and KegiatanInformal.objects.count() == 0
