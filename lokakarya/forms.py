from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from kelurahan.konflik import VersiFormMixin

from .models import Lokakarya, Narasumber


class LokakaryaForm(VersiFormMixin, forms.ModelForm):
    """The workshop and its meeting (title, date, time, place, minutes) in one form."""

    judul = forms.CharField(label=_("Judul"), max_length=200)
    tanggal = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    mulai = forms.TimeField(label=_("Jam mulai"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    selesai = forms.TimeField(label=_("Jam selesai"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    tempat = forms.CharField(label=_("Tempat"), max_length=200)
    notulen = forms.CharField(label=_("Notulen"), required=False, widget=forms.Textarea(attrs={"rows": 5}))

    PERTEMUAN_FIELDS = ("judul", "tanggal", "mulai", "selesai", "tempat", "notulen")

    class Meta:
        model = Lokakarya
        fields = ["penyelenggara", "sumber_dana", "fasilitator", "unsur", "tujuan", "agenda", "hasil_kesepakatan"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("fasilitator", "unsur", "tujuan", "agenda", "hasil_kesepakatan")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            p = self.instance.pertemuan
            for name in self.PERTEMUAN_FIELDS:
                self.initial.setdefault(name, getattr(p, name))
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.render_hidden_fields = True  # the record's version
        self.helper.layout = Layout(
            Fieldset(
                _("Pertemuan"),
                Field("judul"),
                Div(
                    Div("tanggal", css_class="col-md-4"),
                    Div("mulai", css_class="col-6 col-md-4"),
                    Div("selesai", css_class="col-6 col-md-4"),
                    css_class="row",
                ),
                Field("tempat"),
                Div(
                    Div("penyelenggara", css_class="col-md-8"),
                    Div("sumber_dana", css_class="col-md-4"),
                    css_class="row",
                ),
            ),
            Fieldset(_("Peserta dan fasilitator"), Field("unsur"), Field("fasilitator")),
            Fieldset(
                _("Isi lokakarya"), Field("tujuan"), Field("agenda"), Field("hasil_kesepakatan"), Field("notulen")
            ),
        )

    def clean(self):
        cleaned = super().clean()
        mulai, selesai = cleaned.get("mulai"), cleaned.get("selesai")
        if mulai and selesai and selesai <= mulai:
            self.add_error("selesai", _("Jam selesai harus sesudah jam mulai."))
        return cleaned

    def pertemuan_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.PERTEMUAN_FIELDS}

    def lokakarya_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class NarasumberForm(forms.ModelForm):
    class Meta:
        model = Narasumber
        fields = ["nama", "jabatan", "materi"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control form-control-sm")


NarasumberFormSet = forms.formset_factory(NarasumberForm, extra=3, max_num=20, absolute_max=20, validate_max=True)


def narasumber_rows(formset) -> list[dict]:
    return [
        {k: f.cleaned_data.get(k, "") for k in ("nama", "jabatan", "materi")}
        for f in formset.forms
        if f.cleaned_data and f.cleaned_data.get("nama")
    ]
