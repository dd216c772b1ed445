from django.urls import path

from . import views

app_name = "lokakarya"

urlpatterns = [
    path("", views.LokakaryaListView.as_view(), name="list"),
    path("lokakarya.xlsx", views.LokakaryaXlsxView.as_view(), name="list_xlsx"),
    path("wilayah/<str:kode>/tambah/", views.LokakaryaCreateView.as_view(), name="tambah"),
    path("<int:pk>/", views.LokakaryaDetailView.as_view(), name="detail"),
    path("<int:pk>/ubah/", views.LokakaryaUpdateView.as_view(), name="ubah"),
    path("<int:pk>/laporan.pdf", views.LaporanPdfView.as_view(), name="laporan_pdf"),
    path("<int:pk>/berita-acara.pdf", views.BeritaAcaraPdfView.as_view(), name="berita_acara_pdf"),
    path("<int:pk>/paket.pdf", views.PaketPdfView.as_view(), name="paket_pdf"),
]
