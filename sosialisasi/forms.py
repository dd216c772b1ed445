"""Forms of sosialisasi, each with its crispy helper."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Div, Field, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from kelurahan.konflik import VersiFormMixin
from kelurahan.models import Pertemuan

from .models import KegiatanInformal, Pemangku, Pengkondisian, PeranPemda, RembugWarga, TargetInklusi

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _helper(submit_label, *layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = True
    helper.render_hidden_fields = True  # the record's version
    helper.layout = Layout(
        *layout, Submit("simpan", submit_label, css_class="btn-primary", data_working=_("Menyimpan…"))
    )
    return helper


class PengkondisianForm(VersiFormMixin, forms.ModelForm):
    class Meta:
        model = Pengkondisian
        fields = ["tanggal_mulai", "fasilitator", "kondisi_sosial"]
        widgets = {"tanggal_mulai": DATE, "kondisi_sosial": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            _("Simpan"),
            Row(Column("tanggal_mulai", css_class="col-md-4"), Column("fasilitator", css_class="col-md-8")),
            "kondisi_sosial",
        )


class PemangkuForm(VersiFormMixin, forms.ModelForm):
    class Meta:
        model = Pemangku
        fields = ["nama", "kategori", "peran", "pengaruh", "kepentingan", "kontak", "diundang", "catatan"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            _("Simpan"),
            Row(Column("nama", css_class="col-md-6"), Column("kategori", css_class="col-md-6")),
            Row(Column("peran", css_class="col-md-6"), Column("kontak", css_class="col-md-6")),
            Row(Column("pengaruh", css_class="col-6 col-md-3"), Column("kepentingan", css_class="col-6 col-md-3")),
            "diundang",
            "catatan",
        )


class KegiatanInformalForm(VersiFormMixin, forms.ModelForm):
    class Meta:
        model = KegiatanInformal
        fields = [
            "tanggal",
            "media",
            "ke_pemerintah_desa",
            "ke_dunia_usaha",
            "ke_tokoh_masyarakat",
            "jumlah_orang",
            "uraian",
        ]
        widgets = {"tanggal": DATE, "uraian": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            _("Simpan"),
            Row(
                Column("tanggal", css_class="col-md-4"),
                Column("media", css_class="col-md-4"),
                Column("jumlah_orang", css_class="col-md-4"),
            ),
            Div(
                HTML('{% load i18n %}<div class="form-label">{% trans "Yang dijangkau" %}</div>'),
                "ke_pemerintah_desa",
                "ke_dunia_usaha",
                "ke_tokoh_masyarakat",
                css_class="mb-3",
            ),
            "uraian",
        )

    def clean(self):
        data = super().clean()
        if not any(data.get(n) for n in ("ke_pemerintah_desa", "ke_dunia_usaha", "ke_tokoh_masyarakat")):
            raise forms.ValidationError(_("Pilih paling sedikit satu kelompok yang dijangkau."))
        return data


class RembugForm(VersiFormMixin, forms.Form):
    """The meeting (Pertemuan) and the rembug's own fields on one form."""

    judul = forms.CharField(label=_("judul"), max_length=200, initial=_("Rembug warga sosialisasi PLP-BK"))
    tanggal = forms.DateField(label=_("tanggal"), widget=DATE)
    mulai = forms.TimeField(label=_("jam mulai"), required=False, widget=TIME)
    selesai = forms.TimeField(label=_("jam selesai"), required=False, widget=TIME)
    tempat = forms.CharField(label=_("tempat"), max_length=200, required=False)
    agenda = forms.CharField(label=_("agenda"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    hasil = forms.CharField(
        label=_("hasil"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=RembugWarga._meta.get_field("hasil").help_text,
    )
    notulen = forms.CharField(label=_("notulen"), required=False, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, rembug: RembugWarga | None = None, **kwargs):
        if rembug is not None:
            p: Pertemuan = rembug.pertemuan
            # FormView always passes `initial` (empty): the record's values fill what it lacks
            kwargs["initial"] = {
                "judul": p.judul,
                "tanggal": p.tanggal,
                "mulai": p.mulai,
                "selesai": p.selesai,
                "tempat": p.tempat,
                "notulen": p.notulen,
                "agenda": rembug.agenda,
                "hasil": rembug.hasil,
                **(kwargs.get("initial") or {}),
            }
        super().__init__(*args, versi_dari=rembug, **kwargs)
        if rembug is None:
            del self.fields["notulen"]
        self.helper = _helper(
            _("Simpan"),
            "judul",
            Row(
                Column("tanggal", css_class="col-md-4"),
                Column("mulai", css_class="col-6 col-md-4"),
                Column("selesai", css_class="col-6 col-md-4"),
            ),
            "tempat",
            "agenda",
            "hasil",
            *(["notulen"] if rembug is not None else []),
        )

    def clean(self):
        data = super().clean()
        if data.get("mulai") and data.get("selesai") and data["selesai"] < data["mulai"]:
            self.add_error("selesai", _("Jam selesai tidak boleh sebelum jam mulai."))
        return data


class TutupRembugForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan dan tindak lanjut"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=RembugWarga._meta.get_field("alasan").help_text,
    )

    def __init__(self, *args, perlu_alasan: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alasan"].required = perlu_alasan
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field("alasan") if perlu_alasan else Div(),
            Submit("tutup", _("Tutup rembug warga"), css_class="btn-success", data_working=_("Menutup…")),
        )


class PeranPemdaForm(VersiFormMixin, forms.ModelForm):
    class Meta:
        model = PeranPemda
        fields = ["tahap", "uraian", "pelaksana", "tenggat", "selesai", "tanggal_selesai", "catatan"]
        widgets = {"tenggat": DATE, "tanggal_selesai": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            _("Simpan"),
            Row(Column("tahap", css_class="col-md-4"), Column("uraian", css_class="col-md-8")),
            Row(Column("pelaksana", css_class="col-md-6"), Column("tenggat", css_class="col-md-6")),
            Row(Column("selesai", css_class="col-md-6 pt-md-4"), Column("tanggal_selesai", css_class="col-md-6")),
            "catatan",
        )

    def clean(self):
        data = super().clean()
        if data.get("tanggal_selesai") and not data.get("selesai"):
            data["selesai"] = True
        return data


class TargetInklusiForm(VersiFormMixin, forms.ModelForm):
    class Meta:
        model = TargetInklusi
        fields = ["persen_perempuan", "jumlah_disabilitas"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Simpan target"), "persen_perempuan", "jumlah_disabilitas")
