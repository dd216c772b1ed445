from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views, views_akun, views_pwa
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
    path("dasbor/", include("plpbk.dasbor.urls")),
    path("", include("kelurahan.urls")),
    path("lokakarya/", include("lokakarya.urls")),
    path("sosialisasi/", include("sosialisasi.urls")),
    path("tipp/", include("tipp.urls")),
    path("blm/", include("blm.urls")),
]
# No route for MEDIA_URL, in development either: uploads leave only through kelurahan:berkas.
