from tests.access_table import USERS, Row, as_post, only, statuses
from tests.lokakarya.factories import form_data, make_lokakarya

ENTRY = {"admin", "satker", "kmw", "korkot", "pjok", "fasilitator"}
everyone_200 = dict.fromkeys(USERS, 200)


def _none(cast):
    return {"in": {}}


def _wilayah(cast):
    return {"in": {"kode": "32.04.05.2004"}, "out": {"kode": "33.01.01.2001"}}


def _lokakarya(cast):
    inside = make_lokakarya(cast.regions["32.04.05.2004"], peserta=3)
    outside = make_lokakarya(cast.regions["33.01.01.2001"], judul="Lokakarya Tambakreja", peserta=2)
    return {"in": {"pk": inside.pk}, "out": {"pk": outside.pk}}


def _form(cast):
    return form_data()


def _form_ubah(cast):
    """The form as the edit page shows it, with the workshop's version (the same inside and outside)."""
    from lokakarya.models import Lokakarya

    return {**form_data(), "versi": Lokakarya.objects.get(pertemuan__wilayah_id="32.04.05.2004").versi}


ROWS = [
    Row("lokakarya:list", _none, everyone_200, scoped=False),
    Row("lokakarya:list", _none, everyone_200, scoped=False, query="?tingkat=4&tahun=2012&q=desa"),
    Row("lokakarya:list_xlsx", _none, everyone_200, scoped=False),
    Row("lokakarya:tambah", _wilayah, only(ENTRY)),
    Row("lokakarya:tambah", _wilayah, only(ENTRY, ok=302), method="post", data=_form),
    Row("lokakarya:detail", _lokakarya, statuses(200)),
    Row("lokakarya:ubah", _lokakarya, only(ENTRY)),
    Row("lokakarya:ubah", _lokakarya, only(ENTRY, ok=302), method="post", data=_form_ubah),
    Row("lokakarya:laporan_pdf", _lokakarya, statuses(200)),
    Row("lokakarya:berita_acara_pdf", _lokakarya, statuses(200)),
    Row("lokakarya:paket_pdf", _lokakarya, statuses(200)),
]

# past settings.TUGAS_AMBANG_BARIS rows the export is a background job asked by POST (a redirect
# to the job's page); below it the POST queues the same job
ROWS += [as_post(ROWS, "lokakarya:list_xlsx", ok=302), as_post(ROWS, "lokakarya:paket_pdf", ok=302)]
