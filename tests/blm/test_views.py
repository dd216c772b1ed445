"""Pages and forms: what each user sees and can do, bad input re-shown, queries pinned."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from blm import services
from blm.models import AlokasiBLM, BelanjaLPJ, DokumenBLM, KonfigurasiBLM, PembayaranBLM, PermintaanBLM, TahapBLM
from kelurahan.models import Akses

from . import factories
from .conftest import PDF, make_alokasi


def pdf_upload(name="kuitansi.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.mark.django_db
class TestWilayahPage:
    def test_eligible_tahap_has_a_button_others_say_what_is_missing(self, alokasi, client_for, tipp):
        html = client_for("bkm").get(reverse("blm:wilayah", args=[alokasi.wilayah_id])).content.decode()
        assert reverse("blm:ajukan", args=[alokasi.pk, 1]) in html
        assert reverse("blm:ajukan", args=[alokasi.pk, 2]) not in html
        assert "Tahap 1 belum dibayar." in html
        assert "Rp 1.500.000.000" in html and "Rp 300.000.000" in html

    def test_not_eligible_kelurahan_lists_missing(self, konfigurasi, pasawahan, client_for, tipp):
        tipp(terbentuk=False, rencana=False)
        make_alokasi(pasawahan, apbd_kabkota=0)
        html = client_for("bkm2").get(reverse("blm:wilayah", args=[pasawahan.kode])).content.decode()
        assert "TIPP belum terbentuk." in html and "Rencana kerja TIPP belum disetujui." in html
        assert "/ajukan/" not in html

    def test_viewers_see_no_request_button(self, alokasi, client_for, tipp):
        html = client_for("pemda").get(reverse("blm:wilayah", args=[alokasi.wilayah_id])).content.decode()
        assert "/ajukan/" not in html and "Dapat diajukan" in html

    def test_region_page_shows_figures_per_child(self, alokasi, flow, client_for, pasawahan):
        flow.dibayar(alokasi)
        make_alokasi(pasawahan, apbd_kabkota=0)
        r = client_for("pemda").get(reverse("blm:wilayah", args=["32.04"]))
        rows = {w.kode: v for w, v in r.context["anak"]}
        assert rows["32.04.05"]["alokasi"] == 1_500_000_000 and rows["32.04.05"]["terbayar"] == 300_000_000
        assert rows["32.04.12"]["terbayar"] == 0
        assert r.context["ringkasan"]["alokasi"] == 2_500_000_000


@pytest.mark.django_db
class TestRequestViews:
    @pytest.mark.parametrize("pengaju", ["bkm", "fasilitator"])
    def test_file_and_walk_the_chain_through_the_pages(self, alokasi, client_for, tipp, pengaju):
        """Filed by either role allowed to file, the request reaches payment through the pages."""
        r = client_for(pengaju).post(reverse("blm:ajukan", args=[alokasi.pk, 1]), {"nomor_surat": "01/BKM"})
        p = PermintaanBLM.objects.get()
        assert r.status_code == 302 and r.url == p.get_absolute_url()
        pertama = "fasilitator" if pengaju == "bkm" else "pjok"
        assert (p.jumlah, p.nomor_surat, p.langkah) == (300_000_000, "01/BKM", pertama)
        page = client_for(pengaju).get(p.get_absolute_url()).content.decode()
        assert 'data-testid="verifikasi-link"' not in page and 'data-testid="form-tarik"' in page
        if pengaju == "fasilitator":
            assert "Diverifikasi saat pengajuan oleh</strong> Fasilitator (Fasilitator)" in page
        else:
            assert "Diserahkan oleh</strong> Bkm (BKM)" in page
        chain = ["fasilitator", "pjok", "korkot", "ppk", "satker"]
        for name in chain[chain.index(pertama) :]:
            page = client_for(name).get(p.get_absolute_url()).content.decode()
            assert 'data-testid="verifikasi-link"' in page
            p.refresh_from_db()
            r = client_for(name).post(
                reverse("blm:verifikasi", args=[p.pk]), {"keputusan": "setuju", "langkah": p.langkah, "versi": p.versi}
            )
            assert r.status_code == 302
        p.refresh_from_db()
        assert p.status == "terverifikasi"
        page = client_for("ppk").get(p.get_absolute_url()).content.decode()
        assert 'data-testid="form-bayar"' in page and 'data-testid="verifikasi-link"' not in page
        assert 'value="300.000.000"' in page
        r = client_for("ppk").post(
            reverse("blm:bayar", args=[p.pk]), {"tanggal": "2012-10-01", "jumlah": "300.000.000", "versi": p.versi}
        )
        assert r.status_code == 200 and not PembayaranBLM.objects.exists()
        html = r.content.decode()
        assert "Rp 300.000.000" in html and "Tiga ratus juta rupiah" in html
        r = client_for("ppk").post(
            reverse("blm:bayar", args=[p.pk]), {"token": r.context["konfirmasi"]["token"].value()}
        )
        assert r.status_code == 302
        assert PembayaranBLM.objects.get().jumlah == 300_000_000
        assert AlokasiBLM.objects.get().terbayar == 300_000_000
        jejak = client_for("bkm").get(p.get_absolute_url()).content.decode()
        for label in ("(PJOK)", "(Korkot/Askot)", "(PPK)", "(Satker/SNVT PBL)"):
            assert label in jejak

    def test_not_eligible_request_is_refused_with_reasons(self, alokasi, client_for, tipp):
        tipp(terbentuk=False)
        c = client_for("bkm")
        page = c.get(reverse("blm:ajukan", args=[alokasi.pk, 1])).content.decode()
        assert "TIPP belum terbentuk." in page and "<form" not in page.split('id="isi"')[1]
        r = c.post(reverse("blm:ajukan", args=[alokasi.pk, 1]), {})
        assert r.status_code == 200 and "TIPP belum terbentuk." in r.content.decode()
        assert not PermintaanBLM.objects.exists()

    def test_return_without_reason_reshows_form(self, alokasi, flow, client_for):
        p = flow.ajukan(alokasi)
        r = client_for("fasilitator").post(
            reverse("blm:verifikasi", args=[p.pk]),
            {"keputusan": "kembalikan", "alasan": "", "langkah": "fasilitator", "versi": p.versi},
        )
        assert r.status_code == 200 and "Tuliskan alasan pengembalian." in r.content.decode()
        p.refresh_from_db()
        assert p.status == "diproses"
        r = client_for("fasilitator").post(
            reverse("blm:verifikasi", args=[p.pk]),
            {"keputusan": "kembalikan", "alasan": "Nomor rekening salah", "langkah": "fasilitator", "versi": p.versi},
        )
        p.refresh_from_db()
        assert p.status == "dikembalikan"
        page = client_for("bkm").get(p.get_absolute_url()).content.decode()
        assert "Nomor rekening salah" in page and reverse("blm:ajukan_ulang", args=[p.pk]) in page

    def test_filer_gets_403_and_stale_step_a_message(self, alokasi, flow, client_for, users):
        p = flow.ajukan(alokasi, user="bkm")
        Akses.objects.create(user=users["bkm"], peran="fasilitator", wilayah=alokasi.wilayah)
        url = reverse("blm:verifikasi", args=[p.pk])
        assert client_for("bkm").get(url).status_code == 403
        assert (
            client_for("bkm").post(url, {"keputusan": "setuju", "langkah": "fasilitator", "versi": p.versi}).status_code
            == 403
        )
        pjok = client_for("pjok")
        assert pjok.get(url).status_code == 403
        r = pjok.post(url, {"keputusan": "setuju", "langkah": "pjok", "versi": p.versi}, follow=True)
        assert "sudah diproses orang lain" in r.content.decode()
        p.refresh_from_db()
        assert p.langkah == "fasilitator"

    def test_verifier_page_shows_documents_earlier_lpj_and_eligibility_and_needs_a_decision(
        self, alokasi, flow, client_for, users
    ):
        flow.lpj_diterima(alokasi, realisasi=250_000_000)
        dok = services.unggah_dokumen(alokasi, users["bkm"], "Laporan kemajuan", pdf_upload("lap.pdf"))
        p = flow.ajukan(alokasi, nomor=2)
        url = reverse("blm:verifikasi", args=[p.pk])
        r = client_for("fasilitator").get(url)
        html = r.content.decode()
        assert dok.berkas.get_absolute_url() in html and "Laporan kemajuan" in html
        assert reverse("blm:lpj", args=[p.alokasi.permintaan.get(nomor=1).lpj.pk]) in html
        assert "realisasi Rp 250.000.000 (83,3%)" in html
        assert "LPJ Tahap 1 diterima Korkot/Askot" in html and "Semua syarat tahap ini terpenuhi." in html
        assert 'type="radio"' in html and "checked" not in html.split('data-testid="form-verifikasi"')[1]
        r = client_for("fasilitator").post(url, {"langkah": "fasilitator", "versi": p.versi})
        assert r.status_code == 200 and "Pilih keputusan: setujui atau kembalikan." in r.content.decode()
        p.refresh_from_db()
        assert (p.langkah, p.jejak.count()) == ("fasilitator", 1)

    def test_withdraw_through_the_page_then_refused_after_verification(self, alokasi, flow, client_for, users):
        p = flow.ajukan(alokasi, user="bkm")
        url = reverse("blm:tarik", args=[p.pk])
        r = client_for("bkm").post(url, {"alasan": ""})
        assert r.status_code == 200 and "Tuliskan alasan penarikan." in r.content.decode()
        assert client_for("fasilitator").post(url, {"alasan": "x"}).status_code == 403
        r = client_for("bkm").post(url, {"alasan": "Lampiran tertinggal", "versi": p.versi}, follow=True)
        page = r.content.decode()
        assert "ditarik kembali" in page and "Lampiran tertinggal" in page
        assert reverse("blm:ajukan_ulang", args=[p.pk]) in page
        p.refresh_from_db()
        client_for("bkm").post(reverse("blm:ajukan_ulang", args=[p.pk]), {"catatan": "Lengkap", "versi": p.versi})
        p.refresh_from_db()
        assert (p.status, p.langkah) == ("diproses", "fasilitator")
        services.verifikasi(p, users["fasilitator"], True)
        r = client_for("bkm").post(url, {"alasan": "Terlambat"}, follow=True)
        assert "tidak dapat ditarik kembali" in r.content.decode()
        p.refresh_from_db()
        assert (p.status, p.langkah) == ("diproses", "pjok")
        assert 'data-testid="form-tarik"' not in client_for("bkm").get(p.get_absolute_url()).content.decode()

    def test_payment_without_confirmation_saves_nothing(self, alokasi, flow, client_for):
        p = flow.terverifikasi(alokasi)
        c = client_for("ppk")
        url = reverse("blm:bayar", args=[p.pk])
        r = c.post(
            url, {"tanggal": "2012-10-01", "jumlah": "Rp 300.000.000", "nomor_bukti": "SP2D 1", "versi": p.versi}
        )
        assert r.status_code == 200 and 'data-testid="konfirmasi-bayar"' in r.content.decode()
        token = r.context["konfirmasi"]["token"].value()
        assert not PembayaranBLM.objects.exists()
        for bad in ("30.00.000", "300000000,50", "-5", "tiga ratus juta"):
            r = c.post(url, {"tanggal": "2012-10-01", "jumlah": bad})
            assert "Tulis jumlah dalam rupiah" in r.content.decode() or "lebih dari nol" in r.content.decode(), bad
        r = c.post(url, {"token": token[:-2] + "xx"}, follow=True)
        assert "Konfirmasi pembayaran tidak sah" in r.content.decode()
        assert not PembayaranBLM.objects.exists()
        r = c.post(url, {"token": token})
        assert r.status_code == 302
        bayar = PembayaranBLM.objects.get()
        assert (bayar.jumlah, bayar.nomor_bukti, bayar.tanggal) == (300_000_000, "SP2D 1", datetime.date(2012, 10, 1))
        r = c.post(url, {"token": token}, follow=True)  # the same confirmation twice pays once
        assert PembayaranBLM.objects.count() == 1

    def test_payment_above_what_is_left_is_refused(self, alokasi, flow, client_for):
        p = flow.terverifikasi(alokasi)
        r = client_for("satker").post(
            reverse("blm:bayar", args=[p.pk]), {"tanggal": "2012-10-01", "jumlah": "300000001", "versi": p.versi}
        )
        token = r.context["konfirmasi"]["token"].value()
        r = client_for("satker").post(reverse("blm:bayar", args=[p.pk]), {"token": token}, follow=True)
        assert "melebihi jumlah yang diminta" in r.content.decode()
        assert not PembayaranBLM.objects.exists()
        r = client_for("satker").post(reverse("blm:bayar", args=[p.pk]), {"tanggal": "", "jumlah": "x"})
        assert r.status_code == 200 and r.context["form"].errors


@pytest.mark.django_db
class TestAlokasiForm:
    def url(self, kode="32.04.05.2004"):
        return reverse("blm:alokasi_tambah", args=[kode])

    def data(self, **kw):
        return {
            "tahun": "2012",
            "apbn": "1000000000",
            "apbd_provinsi": "0",
            "apbd_kabkota": "500000000",
            "swadaya": "1",
            "bank_nama": "BJB",
            "bank_rekening": "001",
            "bank_atas_nama": "BKM Cinunuk",
            "batas_waktu": "2013-12-31",
            **kw,
        }

    def test_create_sums_sources(self, regions, client_for):
        r = client_for("ppk").post(self.url(), self.data())
        assert r.status_code == 302
        a = AlokasiBLM.objects.get()
        assert (a.jumlah, a.wilayah_id, a.batas_waktu) == (1_500_000_001, "32.04.05.2004", datetime.date(2013, 12, 31))

    def test_zero_negative_duplicate_refused(self, regions, client_for):
        c = client_for("satker")
        r = c.post(self.url(), self.data(apbn="0", apbd_kabkota="0", swadaya="0"))
        assert "Jumlah alokasi harus lebih dari nol." in r.content.decode()
        r = c.post(self.url(), self.data(apbn="-5"))
        assert r.context["form"].errors["apbn"]
        assert c.post(self.url(), self.data()).status_code == 302
        r = c.post(self.url(), self.data())
        assert "sudah punya alokasi tahun tersebut" in r.content.decode()
        assert AlokasiBLM.objects.count() == 1

    def test_only_for_a_kelurahan(self, regions, client_for):
        assert client_for("ppk").get(self.url("32.04.05")).status_code == 404

    def test_cannot_shrink_below_paid(self, alokasi, flow, client_for):
        flow.dibayar(alokasi)
        r = client_for("ppk").post(
            reverse("blm:alokasi_ubah", args=[alokasi.pk]), self.data(apbn="100", apbd_kabkota="0", swadaya="0")
        )
        assert "tidak boleh kurang dari yang sudah dibayar" in r.content.decode()
        assert AlokasiBLM.objects.get().jumlah == 1_500_000_000


@pytest.mark.django_db
class TestKonfigurasi:
    def post_data(self, k, shares, **extra):
        data = {
            "tahun": k.tahun,
            "catatan": "",
            "jumlah_tahap": len(shares),
            "tahap-TOTAL_FORMS": len(shares),
            "tahap-INITIAL_FORMS": len(shares),
            "tahap-MIN_NUM_FORMS": 0,
            "tahap-MAX_NUM_FORMS": 1000,
            "versi": type(k).objects.get(pk=k.pk).versi,
        }
        for i, (t, persen) in enumerate(zip(k.tahap.order_by("nomor"), shares, strict=True)):
            data[f"tahap-{i}-id"] = t.pk
            data[f"tahap-{i}-persen"] = persen
            data[f"tahap-{i}-batas_pengajuan"] = ""
            data[f"tahap-{i}-syarat_dokumen"] = ""
        data.update(extra)
        return data

    def test_create_with_default_three_equal_tahap(self, users, client_for):
        r = client_for("admin").post(reverse("blm:konfigurasi_tambah"), {"tahun": "2013", "jumlah_tahap": "3"})
        k = KonfigurasiBLM.objects.get(tahun=2013)
        assert r.url == k.get_absolute_url()
        assert [str(t.persen) for t in k.tahap.order_by("nomor")] == ["33.33", "33.33", "33.34"]

    def test_shares_must_sum_to_100(self, konfigurasi, client_for):
        url = reverse("blm:konfigurasi_ubah", args=[konfigurasi.pk])
        r = client_for("admin").post(url, self.post_data(konfigurasi, ["20", "50", "29.99"]))
        assert r.status_code == 200
        assert "harus 100%; sekarang 99,99%" in r.content.decode()
        assert konfigurasi.tahap.get(nomor=3).persen == 30
        r = client_for("admin").post(
            url, self.post_data(konfigurasi, ["25", "45", "30"], **{"tahap-0-batas_pengajuan": "2012-09-30"})
        )
        assert r.status_code == 302
        t1 = konfigurasi.tahap.get(nomor=1)
        assert (t1.persen, t1.batas_pengajuan) == (25, datetime.date(2012, 9, 30))

    def test_number_of_tahap_changes_until_a_request_exists(self, konfigurasi, client_for, alokasi, flow):
        url = reverse("blm:konfigurasi_ubah", args=[konfigurasi.pk])
        client_for("admin").post(url, self.post_data(konfigurasi, ["20", "50", "30"], jumlah_tahap="4"))
        assert konfigurasi.tahap.count() == 4
        assert sum(t.persen for t in konfigurasi.tahap.all()) == 100
        client_for("admin").post(url, {**self.post_data(konfigurasi, ["25", "25", "25", "25"]), "jumlah_tahap": "2"})
        assert list(konfigurasi.tahap.values_list("nomor", "persen")) == [(1, 50), (2, 50)]
        flow.ajukan(alokasi)
        r = client_for("admin").post(url, self.post_data(konfigurasi, ["10", "90"], jumlah_tahap="5"))
        assert konfigurasi.tahap.count() == 2
        assert r.status_code == 302  # shares disabled: the saved ones are kept
        assert list(konfigurasi.tahap.values_list("persen", flat=True)) == [50, 50]

    def test_tahap_1_has_no_previous_prerequisite(self, konfigurasi):
        from django.core.exceptions import ValidationError

        t = TahapBLM(konfigurasi=konfigurasi, nomor=1, persen=10, syarat_lpj_sebelumnya=True)
        with pytest.raises(ValidationError):
            t.clean()


@pytest.mark.django_db
class TestUploads:
    def test_lpj_line_needs_real_receipt_and_stays_within_the_tahap(self, alokasi, flow, client_for, monkeypatch):
        monkeypatch.setattr("blm.views.lpj.kegiatan_rencana_kerja", lambda w: [(7, "Persiapan: Pelatihan TIPP")])
        p = flow.dibayar(alokasi)
        url = reverse("blm:lpj", args=[p.lpj.pk])
        data = {"tanggal": "2012-10-05", "uraian": "Konsumsi pelatihan", "kegiatan": "7", "jumlah": "45000000"}
        fake = SimpleUploadedFile("kuitansi.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
        r = client_for("bkm").post(url, {**data, "bukti": fake})
        assert r.status_code == 200 and "tidak sesuai dengan jenisnya" in r.content.decode()
        assert r.context["form"].data["uraian"] == "Konsumsi pelatihan"
        r = client_for("bkm").post(url, {**data, "bukti": pdf_upload()})
        assert r.status_code == 302
        line = BelanjaLPJ.objects.get()
        assert (line.kegiatan_id, line.kegiatan, line.jumlah) == (7, "Persiapan: Pelatihan TIPP", 45_000_000)
        r = client_for("bkm").post(url, {**data, "jumlah": "255000001", "bukti": pdf_upload()})
        assert "melebihi dana tahap ini" in r.content.decode()
        p.lpj.refresh_from_db()
        assert p.lpj.realisasi == 45_000_000
        page = client_for("bkm").get(url)
        assert page.context["persen_tahap"] == 15.0 and page.context["persen_alokasi"] == 3.0
        r = client_for("bkm").get(line.bukti.get_absolute_url())
        assert b"".join(r.streaming_content).startswith(b"%PDF")
        assert line.bukti.diunggah_oleh.username == "bkm"

    def test_lpj_locked_after_sending(self, alokasi, flow, client_for, users):
        p = flow.lpj_diterima(alokasi)
        r = client_for("bkm").post(reverse("blm:lpj", args=[p.lpj.pk]), {"uraian": "x"}, follow=True)
        assert "tidak dapat diubah" in r.content.decode()
        assert BelanjaLPJ.objects.count() == 1

    def test_document_upload(self, alokasi, client_for):
        url = reverse("blm:dokumen_unggah", args=[alokasi.pk])
        r = client_for("bkm").post(url, {"nama": "Dokumen lain", "berkas": pdf_upload()})
        assert r.status_code == 200 and r.context["form"].errors["nama"]
        r = client_for("bkm").post(url, {"nama": "Laporan kemajuan", "berkas": pdf_upload("lap.pdf")})
        assert r.status_code == 302
        dokumen = DokumenBLM.objects.select_related("berkas").get()
        assert dokumen.nama == "Laporan kemajuan" and dokumen.berkas.nama_asli == "lap.pdf"


@pytest.mark.django_db
class TestQueryCounts:
    def test_allocation_list_constant(self, konfigurasi, regions, client_for, django_assert_num_queries):
        from tests.conftest import make_region

        c = client_for("satker")
        make_alokasi(regions["32.04.05.2004"])
        c.get(reverse("blm:index"))
        with django_assert_num_queries(9):
            c.get(reverse("blm:index"))
        for i in range(5):
            make_alokasi(make_region(f"32.04.05.20{10 + i}"))
        with django_assert_num_queries(9):
            r = c.get(reverse("blm:index"))
        assert len(r.context["page"]) == 6

    def test_request_list_constant(self, alokasi, flow, client_for, django_assert_num_queries, pasawahan, users):
        flow.ajukan(alokasi)
        c = client_for("korkot")
        with django_assert_num_queries(8):
            c.get(reverse("blm:permintaan_list"))
        a2 = make_alokasi(pasawahan)
        factories.permintaan(pasawahan, users["bkm2"])
        factories.permintaan(pasawahan, users["bkm2"], nomor=2)
        assert a2
        with django_assert_num_queries(8):
            r = c.get(reverse("blm:permintaan_list"))
        assert len(r.context["page"]) == 3

    def test_status_page_and_detail_constant(self, alokasi, flow, client_for, django_assert_num_queries, users):
        p = flow.lpj_diterima(alokasi)
        services.unggah_dokumen(alokasi, users["bkm"], "Laporan kemajuan", pdf_upload())
        c = client_for("bkm")
        url = reverse("blm:wilayah", args=[alokasi.wilayah_id])
        c.get(url)
        with django_assert_num_queries(16):
            c.get(url)
        with django_assert_num_queries(10):
            c.get(p.get_absolute_url())
        # more payments, documents and trail rows elsewhere do not add queries
        services.unggah_dokumen(alokasi, users["bkm"], "Laporan kemajuan", pdf_upload())
        flow.lpj_diterima(alokasi, 2)
        with django_assert_num_queries(16):
            c.get(url)
        with django_assert_num_queries(10):
            c.get(p.get_absolute_url())


@pytest.mark.django_db
def test_home_tells_verifiers_what_waits(alokasi, flow, client_for):
    flow.verifikasi_semua(flow.ajukan(alokasi), upto=2)
    assert 'data-testid="home-blm-menunggu"' in client_for("korkot").get("/").content.decode()
    assert 'data-testid="home-blm-menunggu"' not in client_for("ppk").get("/").content.decode()
    r = client_for("korkot").get(reverse("blm:permintaan_list") + "?saya=1")
    assert len(r.context["page"]) == 1
    assert len(client_for("ppk").get(reverse("blm:permintaan_list") + "?saya=1").context["page"]) == 0


@pytest.mark.django_db
def test_admin_pages_scoped_and_requests_read_only(alokasi, flow, client_for):
    p = flow.ajukan(alokasi)
    c = client_for("admin")
    for model in ("konfigurasiblm", "alokasiblm", "permintaanblm", "pembayaranblm", "lpjblm"):
        assert c.get(f"/admin/blm/{model}/").status_code == 200, model
    assert c.get("/admin/blm/permintaanblm/add/").status_code == 403
    r = c.post(f"/admin/blm/permintaanblm/{p.pk}/change/", {"status": "terverifikasi"})
    assert r.status_code == 403 or PermintaanBLM.objects.get().status == "diproses"
    assert PermintaanBLM.objects.get().status == "diproses"


@pytest.mark.django_db
def test_region_section_queries_do_not_grow(alokasi, flow, client_for, pasawahan, users, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = client_for("pemda")
    url = reverse("kelurahan:wilayah", args=["32.04"])
    with CaptureQueriesContext(connection) as before:
        r = c.get(url)
    assert 'data-testid="blm-section"' in r.content.decode()
    flow.dibayar(alokasi)
    make_alokasi(pasawahan)
    factories.permintaan(pasawahan, users["bkm2"])
    with django_assert_max_num_queries(len(before)):
        r = c.get(url)
    assert "Rp 3.000.000.000" in r.content.decode()


@pytest.mark.django_db
def test_home_counts_only_requests_the_user_can_act_on(alokasi, flow, client_for, users):
    p = flow.ajukan(alokasi, user="fasilitator")  # passes the Fasilitator step by filing
    assert 'data-testid="home-blm-menunggu"' not in client_for("fasilitator").get("/").content.decode()
    assert 'data-testid="home-blm-menunggu"' in client_for("pjok").get("/").content.decode()
    # the PJOK who also holds the Korkot role verifies one step only: no to-do at the next
    Akses.objects.create(user=users["pjok"], peran="korkot", wilayah_id="32.04")
    services.verifikasi(p, users["pjok"], True)
    assert 'data-testid="home-blm-menunggu"' not in client_for("pjok").get("/").content.decode()
    assert PermintaanBLM.objects.menunggu(users["korkot"]).get() == p
    # a filer holding the step's role never finds his own request in his to-do
    Akses.objects.create(user=users["bkm"], peran="fasilitator", wilayah=alokasi.wilayah)
    own = factories.permintaan(alokasi.wilayah, users["bkm"], nomor=3)
    assert 'data-testid="home-blm-menunggu"' not in client_for("bkm").get("/").content.decode()
    assert list(PermintaanBLM.objects.menunggu(users["fasilitator"])) == [own]
