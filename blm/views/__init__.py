from .alokasi import (
    AlokasiCreateView,
    AlokasiListView,
    AlokasiUpdateView,
    DokumenUploadView,
    UnduhView,
    WilayahBlmView,
)
from .cetak import KwitansiPdf, LembarVerifikasiPdf, StatusPdf, SuratPermintaanPdf
from .konfigurasi import KonfigurasiCreateView, KonfigurasiListView, KonfigurasiUpdateView
from .lpj import BelanjaHapusView, LpjAjukanView, LpjKeputusanView, LpjView
from .permintaan import (
    AjukanUlangView,
    AjukanView,
    BayarView,
    PermintaanDetailView,
    PermintaanListView,
    TarikView,
    VerifikasiView,
)

__all__ = [
    "AjukanUlangView",
    "AjukanView",
    "AlokasiCreateView",
    "AlokasiListView",
    "AlokasiUpdateView",
    "BayarView",
    "BelanjaHapusView",
    "DokumenUploadView",
    "KonfigurasiCreateView",
    "KonfigurasiListView",
    "KonfigurasiUpdateView",
    "KwitansiPdf",
    "LembarVerifikasiPdf",
    "LpjAjukanView",
    "LpjKeputusanView",
    "LpjView",
    "PermintaanDetailView",
    "PermintaanListView",
    "StatusPdf",
    "SuratPermintaanPdf",
    "TarikView",
    "UnduhView",
    "VerifikasiView",
    "WilayahBlmView",
]
