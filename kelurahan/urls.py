from django.urls import path

from .views import wilayah

app_name = "kelurahan"

urlpatterns = [
    path("wilayah/", wilayah.WilayahIndexView.as_view(), name="wilayah_index"),
    path("wilayah/<str:kode>/", wilayah.WilayahDetailView.as_view(), name="wilayah"),
]
