from django.urls import path

from .views import formation, pokja, rencana

app_name = "tipp"

urlpatterns = [
    path("", formation.TippIndexView.as_view(), name="index"),
    path("wilayah/<str:kode>/", formation.TippDetailView.as_view(), name="detail"),
    path("wilayah/<str:kode>/mulai/", formation.BuatTippView.as_view(), name="buat"),
    path("wilayah/<str:kode>/anggota/tambah/", formation.AnggotaTambahView.as_view(), name="anggota_tambah"),
    path("wilayah/<str:kode>/susunan/", formation.SusunanPdfView.as_view(), name="susunan_pdf"),
    path("wilayah/<str:kode>/kukuhkan/", formation.KukuhkanView.as_view(), name="kukuhkan"),
    path("wilayah/<str:kode>/pokja/tambah/", pokja.PokjaTambahView.as_view(), name="pokja_tambah"),
    path("wilayah/<str:kode>/rencana/", rencana.RencanaView.as_view(), name="rencana"),
    path("wilayah/<str:kode>/rencana/tambah/", rencana.KegiatanTambahView.as_view(), name="kegiatan_tambah"),
    path("wilayah/<str:kode>/rencana/setujui/", rencana.SetujuiView.as_view(), name="rencana_setujui"),
    path("wilayah/<str:kode>/rencana/cetak/", rencana.RencanaPdfView.as_view(), name="rencana_pdf"),
    path("wilayah/<str:kode>/rencana/unduh/", rencana.RencanaXlsxView.as_view(), name="rencana_xlsx"),
    path("langkah/<int:pk>/", formation.LangkahView.as_view(), name="langkah"),
    path("langkah/<int:pk>/selesai/", formation.LangkahSelesaiView.as_view(), name="langkah_selesai"),
    path("anggota/<int:pk>/", formation.AnggotaUbahView.as_view(), name="anggota_ubah"),
    path("anggota/<int:pk>/hapus/", formation.AnggotaHapusView.as_view(), name="anggota_hapus"),
    path("pokja/<int:pk>/", pokja.PokjaView.as_view(), name="pokja"),
    path("pokja/<int:pk>/fgd/tambah/", pokja.FGDTambahView.as_view(), name="fgd_tambah"),
    path("pokja/<int:pk>/pemilihan/", pokja.PemilihanView.as_view(), name="pemilihan"),
    path("fgd/<int:pk>/", pokja.FGDUbahView.as_view(), name="fgd_ubah"),
    path("pemilihan/<int:pk>/kandidat/", pokja.KandidatTambahView.as_view(), name="kandidat_tambah"),
    path("pemilihan/<int:pk>/pemilih/", pokja.PemilihView.as_view(), name="pemilih"),
    path("pemilihan/<int:pk>/suara/", pokja.SuaraView.as_view(), name="suara"),
    path("pemilihan/<int:pk>/berita-acara/", pokja.BeritaAcaraView.as_view(), name="berita_acara"),
    path("kandidat/<int:pk>/hapus/", pokja.KandidatHapusView.as_view(), name="kandidat_hapus"),
    path("kegiatan/<int:pk>/", rencana.KegiatanUbahView.as_view(), name="kegiatan_ubah"),
    path("kegiatan/<int:pk>/hapus/", rencana.KegiatanHapusView.as_view(), name="kegiatan_hapus"),
    path("kegiatan/<int:pk>/progres/", rencana.ProgresView.as_view(), name="progres"),
]
