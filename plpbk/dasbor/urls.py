from django.urls import path

from . import views

# Names stay un-namespaced (dashboard, dashboard_region, ...): every app's templates link them.
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("cetak.pdf", views.DashboardPdfView.as_view(), name="dashboard_pdf"),
    path("unduh/<str:tabel>.xlsx", views.DashboardXlsxView.as_view(), name="dashboard_xlsx"),
    path("<str:kode>/", views.DashboardView.as_view(), name="dashboard_region"),
    path("<str:kode>/cetak.pdf", views.DashboardPdfView.as_view(), name="dashboard_region_pdf"),
    path("<str:kode>/unduh/<str:tabel>.xlsx", views.DashboardXlsxView.as_view(), name="dashboard_region_xlsx"),
]
