from django.urls import path

from . import views

app_name = "blm"

urlpatterns = [
    path("", views.AlokasiListView.as_view(), name="index"),
    path("permintaan/", views.PermintaanListView.as_view(), name="permintaan_list"),
    path("konfigurasi/", views.KonfigurasiListView.as_view(), name="konfigurasi_list"),
    path("konfigurasi/baru/", views.KonfigurasiCreateView.as_view(), name="konfigurasi_tambah"),
    path("konfigurasi/<int:pk>/", views.KonfigurasiUpdateView.as_view(), name="konfigurasi_ubah"),
    path("wilayah/<str:kode>/", views.WilayahBlmView.as_view(), name="wilayah"),
    path("wilayah/<str:kode>/alokasi/baru/", views.AlokasiCreateView.as_view(), name="alokasi_tambah"),
    path("wilayah/<str:kode>/status.pdf", views.StatusPdf.as_view(), name="pdf_status"),
    path("wilayah/<str:kode>/unduh/<str:jenis>.xlsx", views.UnduhView.as_view(), name="unduh"),
    path("alokasi/<int:pk>/ubah/", views.AlokasiUpdateView.as_view(), name="alokasi_ubah"),
    path("alokasi/<int:pk>/dokumen/", views.DokumenUploadView.as_view(), name="dokumen_unggah"),
    path("alokasi/<int:pk>/ajukan/<int:nomor>/", views.AjukanView.as_view(), name="ajukan"),
    path("permintaan/<int:pk>/", views.PermintaanDetailView.as_view(), name="permintaan"),
    path("permintaan/<int:pk>/verifikasi/", views.VerifikasiView.as_view(), name="verifikasi"),
    path("permintaan/<int:pk>/ajukan-ulang/", views.AjukanUlangView.as_view(), name="ajukan_ulang"),
    path("permintaan/<int:pk>/tarik/", views.TarikView.as_view(), name="tarik"),
    path("permintaan/<int:pk>/bayar/", views.BayarView.as_view(), name="bayar"),
    path("permintaan/<int:pk>/pp-blm.pdf", views.SuratPermintaanPdf.as_view(), name="pdf_surat"),
    path("permintaan/<int:pk>/verifikasi.pdf", views.LembarVerifikasiPdf.as_view(), name="pdf_verifikasi"),
    path("permintaan/<int:pk>/kwitansi.pdf", views.KwitansiPdf.as_view(), name="pdf_kwitansi"),
    path("lpj/<int:pk>/", views.LpjView.as_view(), name="lpj"),
    path("lpj/<int:pk>/ajukan/", views.LpjAjukanView.as_view(), name="lpj_ajukan"),
    path("lpj/<int:pk>/keputusan/", views.LpjKeputusanView.as_view(), name="lpj_keputusan"),
    path("belanja/<int:pk>/hapus/", views.BelanjaHapusView.as_view(), name="belanja_hapus"),
]
