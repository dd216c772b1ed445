"""Pokja election arithmetic: voters are people present, votes never exceed voters, ties
are reported, the seats-for-women rule, and the berita acara PDF."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from kelurahan.models import Orang
from kelurahan.services import BarisKehadiran, tambah_kehadiran
from tipp import election
from tipp.election import hitung_hasil
from tipp.models import Kandidat, Pemilihan

from .conftest import selesaikan_semua

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def pemilihan(tipp_cinunuk):
    selesaikan_semua(tipp_cinunuk, sampai=4)
    pokja = election.buat_pokja(tipp_cinunuk, nama="Pokja ND")
    election.simpan_fgd(pokja, kbk="KBK RW 01", kriteria="Warga setempat\nBersedia", tanggal=D(2012, 6, 20))
    election.simpan_fgd(pokja, kbk="KBK RW 05", kriteria="warga  setempat\nBisa menulis", tanggal=D(2012, 6, 22))
    assert election.kriteria_fgd(pokja) == "Warga setempat\nBersedia\nBisa menulis"
    p = election.simpan_pemilihan(
        pokja,
        tanggal=D(2012, 6, 25),
        tempat="Aula",
        kriteria=election.kriteria_fgd(pokja),
        kursi=3,
        kursi_perempuan_min=None,
    )
    rows = [BarisKehadiran(nama=f"Warga {i}", jenis_kelamin="LP"[i % 2]) for i in range(6)]
    tambah_kehadiran(p.pertemuan, rows)
    return p


def _candidates(p, spec):
    """spec: [(name, sex, votes, eligible)] -> {name: Kandidat}"""
    made = {}
    for nama, jk, _votes, layak in spec:
        made[nama] = election.tambah_kandidat(p, nama=nama, jenis_kelamin=jk, memenuhi_kriteria=layak)
    return made


def _all_voters(p):
    return election.tetapkan_pemilih(p, p.pertemuan.kehadiran.values_list("pk", flat=True))


def test_only_people_present_can_vote(pemilihan, pertemuan_factory):
    other = pertemuan_factory(jenis="fgd")
    tambah_kehadiran(other, [BarisKehadiran(nama="Orang Lain", jenis_kelamin="L")])
    outsider = other.kehadiran.get().pk
    with pytest.raises(ValidationError, match="tercatat hadir"):
        election.tetapkan_pemilih(pemilihan, [outsider])
    assert _all_voters(pemilihan) == 6
    assert pemilihan.pemilih.count() == 6


def test_votes_cannot_exceed_voters_present(pemilihan):
    k = _candidates(pemilihan, [("Ade", "L", 0, True), ("Elis", "P", 0, True)])
    election.tetapkan_pemilih(pemilihan, list(pemilihan.pertemuan.kehadiran.values_list("pk", flat=True))[:4])
    with pytest.raises(ValidationError, match=r"Jumlah suara \(5\) melebihi jumlah pemilih yang hadir \(4\)"):
        election.catat_suara(pemilihan, {k["Ade"].pk: 3, k["Elis"].pk: 2})
    assert Kandidat.objects.filter(suara__gt=0).count() == 0  # nothing saved
    hasil = election.catat_suara(pemilihan, {k["Ade"].pk: 3, k["Elis"].pk: 1})
    assert hasil.total_suara == 4 and hasil.sah
    with pytest.raises(ValidationError, match="tidak boleh kurang"):
        election.tetapkan_pemilih(pemilihan, list(pemilihan.pertemuan.kehadiran.values_list("pk", flat=True))[:3])


def test_candidate_not_meeting_criteria_gets_no_votes(pemilihan):
    k = _candidates(pemilihan, [("Ade", "L", 0, True), ("Oman", "L", 0, False)])
    _all_voters(pemilihan)
    with pytest.raises(ValidationError, match="Oman tidak memenuhi kriteria"):
        election.catat_suara(pemilihan, {k["Ade"].pk: 1, k["Oman"].pk: 1})


def test_result_is_computed_from_votes(pemilihan):
    k = _candidates(
        pemilihan, [("Ade", "L", 0, True), ("Budi", "L", 0, True), ("Cucu", "P", 0, True), ("Dedi", "L", 0, True)]
    )
    _all_voters(pemilihan)
    hasil = election.catat_suara(pemilihan, {k["Ade"].pk: 3, k["Budi"].pk: 1, k["Cucu"].pk: 2, k["Dedi"].pk: 0})
    assert [c.orang.nama for c in hasil.terpilih] == ["Ade", "Cucu", "Budi"]
    assert not hasil.seri and hasil.kursi_terisi == 3


def test_tie_for_the_last_seat_is_reported_and_left_open(pemilihan):
    k = _candidates(
        pemilihan, [("Ade", "L", 0, True), ("Budi", "L", 0, True), ("Cucu", "P", 0, True), ("Dedi", "L", 0, True)]
    )
    _all_voters(pemilihan)
    hasil = election.catat_suara(pemilihan, {k["Ade"].pk: 3, k["Budi"].pk: 1, k["Cucu"].pk: 1, k["Dedi"].pk: 1})
    assert [c.orang.nama for c in hasil.terpilih] == ["Ade"]
    assert [c.orang.nama for c in hasil.seri] == ["Budi", "Cucu", "Dedi"]
    assert hasil.kursi_seri == 2
    assert any("seri" in p for p in hasil.peringatan)


def test_seats_for_women_rule(pemilihan):
    pemilihan.kursi_perempuan_min = 2
    pemilihan.save()
    k = _candidates(
        pemilihan,
        [
            ("Ade", "L", 0, True),
            ("Budi", "L", 0, True),
            ("Dedi", "L", 0, True),
            ("Elis", "P", 0, True),
            ("Fitri", "P", 0, True),
        ],
    )
    _all_voters(pemilihan)
    votes = {k["Ade"].pk: 3, k["Budi"].pk: 2, k["Dedi"].pk: 0, k["Elis"].pk: 1, k["Fitri"].pk: 0}
    hasil = election.catat_suara(pemilihan, votes)
    # by votes alone: Ade, Budi, Elis; the rule gives two seats to the two women first
    assert [c.orang.nama for c in hasil.terpilih] == ["Ade", "Elis", "Fitri"]
    assert hasil.terpilih_perempuan == 2 and not hasil.seri
    assert [c.orang.nama for c in hasil.kursi_perempuan] == ["Fitri"]
    pemilihan.kursi_perempuan_min = None
    assert [c.orang.nama for c in hitung_hasil(pemilihan).terpilih] == ["Ade", "Budi", "Elis"]


def test_too_few_women_is_a_warning(pemilihan):
    pemilihan.kursi_perempuan_min = 2
    pemilihan.save()
    k = _candidates(pemilihan, [("Ade", "L", 0, True), ("Budi", "L", 0, True), ("Elis", "P", 0, True)])
    _all_voters(pemilihan)
    hasil = election.catat_suara(pemilihan, {k["Ade"].pk: 3, k["Budi"].pk: 2, k["Elis"].pk: 1})
    assert [c.orang.nama for c in hasil.terpilih] == ["Ade", "Budi", "Elis"]
    assert any("Hanya 1 kandidat perempuan" in p for p in hasil.peringatan)


@settings(max_examples=150, deadline=None)
@given(
    kursi=st.integers(1, 6),
    minimum=st.one_of(st.none(), st.integers(0, 6)),
    cands=st.lists(st.tuples(st.sampled_from("LP"), st.integers(0, 8), st.booleans()), max_size=10),
)
def test_result_properties(kursi, minimum, cands):
    """Never more seats than exist, only eligible candidates elected, and the women rule
    holds whenever no tie leaves seats open."""
    p = Pemilihan(kursi=kursi, kursi_perempuan_min=minimum)
    kandidat = []
    for i, (jk, votes, ok) in enumerate(cands):
        orang = Orang(nama=f"K{i:02d}", jenis_kelamin=jk)
        kandidat.append(Kandidat(pk=i + 1, suara=votes, memenuhi_kriteria=ok, orang=orang))
    hasil = hitung_hasil(p, kandidat, pemilih=10**6)
    assert len(hasil.terpilih) + hasil.kursi_seri <= kursi
    assert all(k.memenuhi_kriteria for k in hasil.terpilih)
    eligible = [k for k in kandidat if k.memenuhi_kriteria]
    if hasil.total_suara and not hasil.seri:
        assert len(hasil.terpilih) == min(kursi, len(eligible))
        women = sum(1 for k in eligible if k.orang.jenis_kelamin == "P")
        assert hasil.terpilih_perempuan >= min(minimum or 0, kursi, women)


def test_berita_acara_pdf_prints_the_computed_result(pemilihan, client_for):
    k = _candidates(pemilihan, [("Ade Kusnadi", "L", 0, True), ("Elis Nurhayati", "P", 0, True)])
    _all_voters(pemilihan)
    election.catat_suara(pemilihan, {k["Ade Kusnadi"].pk: 4, k["Elis Nurhayati"].pk: 2})
    r = client_for("bkm").get(f"/tipp/pemilihan/{pemilihan.pk}/berita-acara/")
    assert r["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(r.content)).pages)
    assert "BERITA ACARA PEMILIHAN ANGGOTA" in text.upper()
    assert "Ade Kusnadi" in text and "Elis Nurhayati" in text
    assert text.count("TERPILIH") >= 2
    assert "Pemilih yang hadir 6 orang; suara sah 6; jumlah kursi 3" in " ".join(text.split())
    assert "Warga 0" in text  # the daftar hadir is part of the pack


def test_vote_form_rejects_too_many_votes_and_keeps_input(pemilihan, client_for):
    k = _candidates(pemilihan, [("Ade", "L", 0, True), ("Elis", "P", 0, True)])
    _all_voters(pemilihan)
    c = client_for("fasilitator")
    r = c.post(f"/tipp/pemilihan/{pemilihan.pk}/suara/", {f"k{k['Ade'].pk}": 5, f"k{k['Elis'].pk}": 4})
    html = r.content.decode()
    assert r.status_code == 200 and "melebihi jumlah pemilih yang hadir (6)" in html
    assert 'value="5"' in html and 'value="4"' in html
    r = c.post(f"/tipp/pemilihan/{pemilihan.pk}/suara/", {f"k{k['Ade'].pk}": 4, f"k{k['Elis'].pk}": 2})
    assert r.status_code == 302
    html = c.get(f"/tipp/pokja/{pemilihan.pokja_id}/").content.decode()
    assert html.count("terpilih") >= 2


def test_voter_form_offers_only_people_present(pemilihan, client_for, cinunuk):
    Orang.objects.create(nama="Tidak Hadir", jenis_kelamin="L", wilayah=cinunuk)
    html = client_for("fasilitator").get(f"/tipp/pemilihan/{pemilihan.pk}/pemilih/").content.decode()
    assert "Warga 0" in html and "Tidak Hadir" not in html


def test_pokja_waits_for_step_four_and_election_for_an_fgd(tipp_cinunuk):
    with pytest.raises(ValidationError, match="langkah 1 sampai 4"):
        election.buat_pokja(tipp_cinunuk, nama="Pokja ND")
    selesaikan_semua(tipp_cinunuk, sampai=4)
    pokja = election.buat_pokja(tipp_cinunuk, nama="Pokja ND")
    with pytest.raises(ValidationError, match="sesudah FGD"):
        election.simpan_pemilihan(
            pokja, tanggal=D(2012, 6, 25), tempat="", kriteria="A", kursi=3, kursi_perempuan_min=None
        )
    election.simpan_fgd(pokja, kbk="KBK", kriteria="A", tanggal=D(2012, 6, 20))
    with pytest.raises(ValidationError, match="sebelum FGD terakhir"):
        election.simpan_pemilihan(
            pokja, tanggal=D(2012, 6, 19), tempat="", kriteria="A", kursi=3, kursi_perempuan_min=None
        )
