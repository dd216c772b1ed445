from django.urls import path

from . import views

app_name = "kelurahan"

urlpatterns = [
    path("wilayah/", views.WilayahIndexView.as_view(), name="wilayah_index"),
    path("wilayah/<str:kode>/", views.WilayahDetailView.as_view(), name="wilayah"),
]
