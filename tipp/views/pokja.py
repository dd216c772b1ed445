"""Pokja pages: a Pokja with its FGDs and election, the election's settings, candidates,
voters (chosen among those present), votes, and the berita acara PDF."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from kelurahan import access
from kelurahan.mixins import ServiceFormMixin, post_action
from kelurahan.views.tugas import PaketPertemuanMixin

from .. import election, tasks
from ..forms import FGDForm, KandidatForm, PemilihanForm, PemilihForm, PokjaForm, SuaraForm
from ..models import FGD, Kandidat, Pemilihan, Pokja
from ..pdf import berita_acara_pemilihan
from .base import KelurahanMixin, TippObjectMixin


def kehadiran_url(pertemuan, next_url="") -> str:
    """The shared attendance entry of a meeting, coming back to `next_url`."""
    url = pertemuan.get_absolute_url()
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


class PokjaTambahView(KelurahanMixin, ServiceFormMixin, FormView):
    permission = "tipp.entry"
    template_name = "tipp/form.html"
    form_class = PokjaForm
    success_message = gettext_lazy("Pokja dibuat. Catat FGD di KBK, lalu pemilihannya.")

    def authorize(self):
        super().authorize()
        self.tipp = self.get_tipp()

    def save(self, form):
        return election.buat_pokja(self.tipp, **form.cleaned_data)

    def get_success_url(self, result):
        return result.get_absolute_url()

    def get_context_data(self, **kwargs):
        kwargs["judul"] = _("Bentuk pokja")
        kwargs.update(self.jalur((_("TIPP"), self.tipp.get_absolute_url()), (kwargs["judul"], "")))
        return super().get_context_data(**kwargs)


class PokjaView(TippObjectMixin, TemplateView):
    model = Pokja
    permission = "view"
    template_name = "tipp/pokja.html"
    select_related = ("tipp__wilayah", "pemilihan__pertemuan")

    def get_context_data(self, **kwargs):
        pokja = self.object
        fgd = list(pokja.fgd.select_related("pertemuan"))
        pemilihan = getattr(pokja, "pemilihan", None)
        if pemilihan is not None:
            kandidat = list(pemilihan.kandidat.select_related("orang"))
            pemilih = pemilihan.pemilih.count()
            kwargs["hasil"] = election.hitung_hasil(pemilihan, kandidat, pemilih)
            kwargs["kandidat"] = kandidat
            kwargs["kehadiran_url"] = kehadiran_url(pemilihan.pertemuan, pokja.get_absolute_url())
        kwargs.update(
            pokja=pokja,
            fgd=[(f, kehadiran_url(f.pertemuan, pokja.get_absolute_url())) for f in fgd],
            pemilihan=pemilihan,
            boleh_entry=access.has_cap(self.request.user, "tipp.entry", pokja.kode_wilayah),
        )
        tipp = pokja.tipp
        kwargs.update(self.jalur(tipp.wilayah, (_("TIPP"), tipp.get_absolute_url()), (pokja.nama, "")))
        return super().get_context_data(**kwargs)


class _PokjaFormView(TippObjectMixin, ServiceFormMixin, FormView):
    model = Pokja
    permission = "tipp.entry"
    template_name = "tipp/form.html"
    select_related = ("tipp__wilayah",)

    def get_success_url(self, result):
        return self.pokja.get_absolute_url()

    @property
    def pokja(self):
        return self.object

    def get_context_data(self, **kwargs):
        tipp = self.pokja.tipp
        kwargs.update(
            self.jalur(
                tipp.wilayah,
                (_("TIPP"), tipp.get_absolute_url()),
                (self.pokja.nama, self.pokja.get_absolute_url()),
                (kwargs["judul"], ""),
            )
        )
        return super().get_context_data(**kwargs)


class FGDTambahView(_PokjaFormView):
    form_class = FGDForm
    success_message = gettext_lazy("FGD disimpan. Catat daftar hadirnya.")

    def save(self, form):
        return election.simpan_fgd(self.pokja, user=self.request.user, **form.cleaned_data)

    def get_context_data(self, **kwargs):
        kwargs["judul"] = _("Catat FGD")
        return super().get_context_data(**kwargs)


class FGDUbahView(_PokjaFormView):
    model = FGD
    form_class = FGDForm
    select_related = ("pokja__tipp__wilayah", "pertemuan")
    success_message = gettext_lazy("FGD disimpan.")

    @property
    def pokja(self):
        return self.object.pokja

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "versi_dari": self.object}

    def get_initial(self):
        f = self.object
        return {"kbk": f.kbk, "kriteria": f.kriteria, "tanggal": f.pertemuan.tanggal, "tempat": f.pertemuan.tempat}

    def save(self, form):
        return election.simpan_fgd(self.pokja, fgd=self.object, user=self.request.user, **form.cleaned_data)

    def get_context_data(self, **kwargs):
        kwargs["judul"] = _("Ubah FGD %(kbk)s") % {"kbk": self.object.kbk}
        return super().get_context_data(**kwargs)


class PemilihanView(_PokjaFormView):
    form_class = PemilihanForm
    select_related = ("tipp__wilayah", "pemilihan__pertemuan")
    success_message = gettext_lazy("Pemilihan disimpan. Catat daftar hadir, kandidat, pemilih dan suara.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "versi_dari": getattr(self.pokja, "pemilihan", None)}

    def get_initial(self):
        p = getattr(self.pokja, "pemilihan", None)
        if p is None:
            return {"kriteria": election.kriteria_fgd(self.pokja), "kursi": 5}
        return {
            "tanggal": p.pertemuan.tanggal,
            "tempat": p.pertemuan.tempat,
            "kriteria": p.kriteria,
            "kursi": p.kursi,
            "kursi_perempuan_min": p.kursi_perempuan_min,
        }

    def save(self, form):
        return election.simpan_pemilihan(self.pokja, user=self.request.user, **form.cleaned_data)

    def get_context_data(self, **kwargs):
        kwargs["judul"] = _("Pemilihan anggota %(p)s") % {"p": self.pokja.nama}
        return super().get_context_data(**kwargs)


class _PemilihanFormView(_PokjaFormView):
    model = Pemilihan
    select_related = ("pokja__tipp__wilayah", "pertemuan")

    @property
    def pokja(self):
        return self.object.pokja


class KandidatTambahView(_PemilihanFormView):
    form_class = KandidatForm
    success_message = gettext_lazy("Kandidat ditambahkan.")

    def save(self, form):
        return election.tambah_kandidat(self.object, **form.cleaned_data)

    def get_success_url(self, result):
        return reverse("tipp:kandidat_tambah", args=[self.object.pk])

    def get_context_data(self, **kwargs):
        kwargs["judul"] = _("Kandidat %(p)s") % {"p": self.pokja.nama}
        kwargs["kandidat"] = list(self.object.kandidat.select_related("orang"))
        return super().get_context_data(**kwargs)


class KandidatHapusView(TippObjectMixin, View):
    model = Kandidat
    permission = "tipp.entry"
    http_method_names = ["post"]
    select_related = ("pemilihan__pertemuan",)

    def post(self, request, pk):
        k = self.object
        return post_action(
            request,
            lambda: election.hapus_kandidat(k),
            _("Kandidat dihapus."),
            reverse("tipp:kandidat_tambah", args=[k.pemilihan_id]),
        )


class PemilihView(_PemilihanFormView):
    form_class = PemilihForm
    success_message = gettext_lazy("Daftar pemilih disimpan.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["kehadiran"] = list(self.object.pertemuan.kehadiran.order_by("urutan"))
        return kwargs

    def get_initial(self):
        return {"pemilih": [str(k) for k in self.object.pemilih.values_list("kehadiran_id", flat=True)]}

    def save(self, form):
        return election.tetapkan_pemilih(self.object, form.cleaned_data["pemilih"])

    def get_context_data(self, **kwargs):
        kwargs["judul"] = _("Pemilih: yang tercatat hadir di pertemuan pemilihan")
        kwargs["kehadiran_url"] = kehadiran_url(self.object.pertemuan, self.request.path)
        return super().get_context_data(**kwargs)


class SuaraView(_PemilihanFormView):
    form_class = SuaraForm
    success_message = gettext_lazy("Suara disimpan; hasil dihitung ulang.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["kandidat"] = list(self.object.kandidat.select_related("orang"))
        return kwargs

    def save(self, form):
        return election.catat_suara(self.object, form.suara(), user=self.request.user)

    def get_context_data(self, **kwargs):
        kwargs["judul"] = _("Penghitungan suara %(p)s") % {"p": self.pokja.nama}
        kwargs["jumlah_pemilih"] = self.object.pemilih.count()
        return super().get_context_data(**kwargs)


class BeritaAcaraView(TippObjectMixin, PaketPertemuanMixin, View):
    """The election's pack (berita acara with its daftar hadir)."""

    model = Pemilihan
    permission = "print"
    select_related = ("pokja__tipp__wilayah", "pertemuan__wilayah")
    tugas_task = tasks.berita_acara_pdf
    jenis_tugas = "tipp.berita_acara_pemilihan_pdf"

    def judul_tugas(self) -> str:
        return _("Berita acara pemilihan %(pokja)s") % {"pokja": self.object.pokja.nama}

    def nama_berkas(self) -> str:
        return f"berita-acara-pemilihan-{self.object.pk}.pdf"

    def stempel_tugas(self) -> str:
        return tasks.stempel_pemilihan(self.object)

    def buat_pdf(self) -> bytes:
        return berita_acara_pemilihan(self.object, request=self.request)
