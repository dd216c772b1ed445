from django.urls import path

from .views import berkas, kehadiran, pelaku, profil, riwayat, siklus, tugas, wilayah

app_name = "kelurahan"

urlpatterns = [
    path("berkas/<uuid:pk>/", berkas.BerkasView.as_view(), name="berkas"),
    path("tugas/<uuid:pk>/", tugas.TugasView.as_view(), name="tugas"),
    path("tugas/<uuid:pk>/unduh/", tugas.TugasUnduhView.as_view(), name="tugas_unduh"),
    path("wilayah/", wilayah.WilayahIndexView.as_view(), name="wilayah_index"),
    path("wilayah/<str:kode>/", wilayah.WilayahDetailView.as_view(), name="wilayah"),
    path("wilayah/<str:kode>/profil/<int:tahun>/", profil.ProfilView.as_view(), name="profil"),
    path("wilayah/<str:kode>/profil.xlsx", profil.ProfilXlsxView.as_view(), name="profil_xlsx"),
    path("orang/<int:pk>/", pelaku.OrangDetailView.as_view(), name="orang"),
    path("lembaga/<int:pk>/", pelaku.LembagaDetailView.as_view(), name="lembaga"),
    path("pertemuan/<int:pk>/hadir/", kehadiran.KehadiranView.as_view(), name="kehadiran"),
    path("pertemuan/<int:pk>/hadir/cari/", kehadiran.CariOrangView.as_view(), name="kehadiran_cari"),
    path("pertemuan/<int:pk>/tutup/", siklus.TutupView.as_view(), name="pertemuan_tutup"),
    path("pertemuan/<int:pk>/verifikasi/", siklus.VerifikasiView.as_view(), name="pertemuan_verifikasi"),
    path("pertemuan/<int:pk>/buka-kembali/", siklus.BukaKembaliView.as_view(), name="pertemuan_buka_kembali"),
    path("pertemuan/menunggu/", siklus.MenungguVerifikasiView.as_view(), name="pertemuan_menunggu"),
    path("cari/wilayah/", wilayah.WilayahCariView.as_view(), name="wilayah_cari"),
    path(
        "pertemuan/<int:pk>/hadir/<int:kehadiran>/hapus/",
        kehadiran.HapusKehadiranView.as_view(),
        name="kehadiran_hapus",
    ),
    path("pertemuan/<int:pk>/daftar-hadir.pdf", kehadiran.DaftarHadirPdfView.as_view(), name="daftar_hadir_pdf"),
    path(
        "pertemuan/<int:pk>/daftar-hadir-kosong.pdf",
        kehadiran.DaftarHadirKosongPdfView.as_view(),
        name="daftar_hadir_kosong_pdf",
    ),
    path("pertemuan/<int:pk>/daftar-hadir.xlsx", kehadiran.KehadiranXlsxView.as_view(), name="kehadiran_xlsx"),
    path(
        "pertemuan/<int:pk>/templat-daftar-hadir.xlsx",
        kehadiran.TemplateXlsxView.as_view(),
        name="kehadiran_template_xlsx",
    ),
    path("pertemuan/<int:pk>/hadir/impor/", kehadiran.ImportView.as_view(), name="kehadiran_import"),
    path("pertemuan/<int:pk>/lampiran/tambah/", kehadiran.LampiranTambahView.as_view(), name="lampiran_tambah"),
    path("lampiran/<int:pk>/hapus/", kehadiran.LampiranHapusView.as_view(), name="lampiran_hapus"),
    path("riwayat/<str:app_label>/<str:model>/<int:pk>/", riwayat.RiwayatView.as_view(), name="riwayat"),
]
