from django.urls import path

from .views import exports, pengkondisian, peran, rembug

app_name = "sosialisasi"

urlpatterns = [
    path("", rembug.RembugListView.as_view(), name="index"),
    path("target/", rembug.TargetView.as_view(), name="target"),
    path("wilayah/<str:kode>/unduh.xlsx", exports.KegiatanXlsxView.as_view(), name="xlsx"),
    path("wilayah/<str:kode>/pengkondisian/", pengkondisian.PengkondisianView.as_view(), name="pengkondisian"),
    path(
        "wilayah/<str:kode>/pengkondisian/ubah/",
        pengkondisian.PengkondisianUbahView.as_view(),
        name="pengkondisian_ubah",
    ),
    path("wilayah/<str:kode>/pemangku/tambah/", pengkondisian.PemangkuTambahView.as_view(), name="pemangku_tambah"),
    path("pemangku/<int:pk>/ubah/", pengkondisian.PemangkuUbahView.as_view(), name="pemangku_ubah"),
    path("pemangku/<int:pk>/hapus/", pengkondisian.PemangkuHapusView.as_view(), name="pemangku_hapus"),
    path(
        "wilayah/<str:kode>/informal/tambah/",
        pengkondisian.KegiatanInformalTambahView.as_view(),
        name="informal_tambah",
    ),
    path("informal/<int:pk>/ubah/", pengkondisian.KegiatanInformalUbahView.as_view(), name="informal_ubah"),
    path("informal/<int:pk>/hapus/", pengkondisian.KegiatanInformalHapusView.as_view(), name="informal_hapus"),
    path("wilayah/<str:kode>/undangan.pdf", pengkondisian.UndanganPdfView.as_view(), name="undangan"),
    path("wilayah/<str:kode>/rembug/tambah/", rembug.RembugTambahView.as_view(), name="rembug_tambah"),
    path("rembug/<int:pk>/", rembug.RembugDetailView.as_view(), name="rembug"),
    path("rembug/<int:pk>/ubah/", rembug.RembugUbahView.as_view(), name="rembug_ubah"),
    path("rembug/<int:pk>/tutup/", rembug.RembugTutupView.as_view(), name="rembug_tutup"),
    path("rembug/<int:pk>/buka/", rembug.RembugBukaView.as_view(), name="rembug_buka"),
    path("rembug/<int:pk>/berita-acara.pdf", rembug.BeritaAcaraView.as_view(), name="berita_acara"),
    path("wilayah/<str:kode>/peran-pemda/tambah/", peran.PeranTambahView.as_view(), name="peran_tambah"),
    path("peran-pemda/<int:pk>/ubah/", peran.PeranUbahView.as_view(), name="peran_ubah"),
    path("peran-pemda/<int:pk>/selesai/", peran.PeranSelesaiView.as_view(), name="peran_selesai"),
    path("peran-pemda/<int:pk>/hapus/", peran.PeranHapusView.as_view(), name="peran_hapus"),
]
