from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views, views_akun, views_dashboard, views_pwa
from .forms import LoginForm

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("sw.js", views_pwa.ServiceWorkerView.as_view(), name="service_worker"),
    path("manifest.webmanifest", views_pwa.ManifestView.as_view(), name="manifest"),
    path("masuk/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/sandi/", views_akun.GantiSandiView.as_view(), name="password_change"),
    path("akun/sandi/selesai/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("akun/sandi/lupa/", views_akun.LupaSandiView.as_view(), name="password_reset"),
    path("akun/sandi/lupa/terkirim/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("akun/sandi/atur/<uidb64>/<token>/", views_akun.AturSandiView.as_view(), name="password_reset_confirm"),
    path("akun/sandi/atur/selesai/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("dasbor/", views_dashboard.DashboardView.as_view(), name="dashboard"),
    path("dasbor/cetak.pdf", views_dashboard.DashboardPdfView.as_view(), name="dashboard_pdf"),
    path("dasbor/unduh/<str:tabel>.xlsx", views_dashboard.DashboardXlsxView.as_view(), name="dashboard_xlsx"),
    path("dasbor/<str:kode>/", views_dashboard.DashboardView.as_view(), name="dashboard_region"),
    path("dasbor/<str:kode>/cetak.pdf", views_dashboard.DashboardPdfView.as_view(), name="dashboard_region_pdf"),
    path(
        "dasbor/<str:kode>/unduh/<str:tabel>.xlsx",
        views_dashboard.DashboardXlsxView.as_view(),
        name="dashboard_region_xlsx",
    ),
    path("", include("kelurahan.urls")),
    path("lokakarya/", include("lokakarya.urls")),
    path("sosialisasi/", include("sosialisasi.urls")),
    path("tipp/", include("tipp.urls")),
    path("blm/", include("blm.urls")),
]
# No route for MEDIA_URL, in development either: uploads leave only through kelurahan:berkas.
