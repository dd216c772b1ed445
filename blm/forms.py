from __future__ import annotations

import datetime
import re
from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms
from django.core import signing
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kelurahan.konflik import VersiFormMixin
from plpbk.common.uploads import IMAGES_AND_PDF, validate_upload

from .models import AlokasiBLM, KonfigurasiBLM, TahapBLM


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


def _helper(label, working=None) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("simpan", label, **({"data-working": working} if working else {})))
    return helper


class KonfigurasiForm(VersiFormMixin, forms.ModelForm):
    jumlah_tahap = forms.IntegerField(label=_("jumlah tahap"), min_value=1, max_value=10, initial=3)

    class Meta:
        model = KonfigurasiBLM
        fields = ["tahun", "catatan"]
        widgets = {"catatan": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, terpakai=False, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["tahun"].disabled = True
            self.fields["jumlah_tahap"].initial = self.instance.tahap.count()
            if terpakai:
                self.fields["jumlah_tahap"].disabled = True
                self.fields["jumlah_tahap"].help_text = _("Sudah ada permintaan BLM tahun ini; jumlah tahap terkunci.")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class TahapForm(forms.ModelForm):
    class Meta:
        model = TahapBLM
        fields = [
            "persen",
            "batas_pengajuan",
            "syarat_tipp",
            "syarat_rencana_kerja",
            "syarat_rtplp",
            "syarat_lpj_sebelumnya",
            "syarat_persen_sebelumnya",
            "syarat_dokumen",
        ]
        widgets = {"batas_pengajuan": DateInput()}

    def __init__(self, *args, terpakai=False, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs.update({"class": "form-control form-control-sm", "aria-label": field.label})
            else:
                field.widget.attrs.update({"class": "form-check-input", "aria-label": field.label})
        if terpakai:
            self.fields["persen"].disabled = True
        if self.instance.nomor == 1:
            for name in ("syarat_lpj_sebelumnya", "syarat_persen_sebelumnya"):
                self.fields[name].disabled = True


class BaseTahapFormSet(BaseModelFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        total = sum((f.cleaned_data.get("persen") or Decimal(0)) for f in self.forms)
        if total != Decimal(100):
            raise forms.ValidationError(
                _("Jumlah porsi semua tahap harus 100%%; sekarang %(t)s%%.") % {"t": f"{total:.2f}".replace(".", ",")}
            )


#: a posted TOTAL_FORMS never builds more than a handful of forms (a programme has three tahap)
TahapFormSet = modelformset_factory(
    TahapBLM,
    form=TahapForm,
    formset=BaseTahapFormSet,
    extra=0,
    can_delete=False,
    max_num=10,
    absolute_max=10,
    validate_max=True,
)


class AlokasiForm(VersiFormMixin, forms.ModelForm):
    class Meta:
        model = AlokasiBLM
        fields = [
            "tahun",
            "apbn",
            "apbd_provinsi",
            "apbd_kabkota",
            "swadaya",
            "bank_nama",
            "bank_rekening",
            "bank_atas_nama",
            "batas_waktu",
        ]
        widgets = {"batas_waktu": DateInput()}

    def __init__(self, *args, wilayah=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.wilayah = wilayah
        if self.instance.pk:
            self.fields["tahun"].disabled = True
        self.helper = _helper(_("Simpan alokasi"))
        self.helper.render_hidden_fields = True  # the record's version
        self.helper.layout = Layout(
            "tahun",
            Fieldset(
                _("Sumber dana (Rp, bilangan bulat)"),
                Row(Column("apbn"), Column("apbd_provinsi")),
                Row(Column("apbd_kabkota"), Column("swadaya")),
            ),
            Fieldset(_("Rekening BKM"), "bank_nama", "bank_rekening", "bank_atas_nama"),
            "batas_waktu",
        )

    def clean(self):
        data = super().clean()
        total = sum(data.get(f) or 0 for f in AlokasiBLM.SUMBER)
        if total <= 0:
            raise forms.ValidationError(_("Jumlah alokasi harus lebih dari nol."))
        if self.instance.pk and total < self.instance.terbayar:
            raise forms.ValidationError(_("Jumlah alokasi tidak boleh kurang dari yang sudah dibayar."))
        tahun = data.get("tahun")
        if tahun and not self.instance.pk and AlokasiBLM.objects.filter(wilayah=self.wilayah, tahun=tahun).exists():
            self.add_error("tahun", _("Kelurahan ini sudah punya alokasi tahun tersebut."))
        return data


class DokumenForm(forms.Form):
    nama = forms.ChoiceField(label=_("dokumen"))
    berkas = forms.FileField(label=_("berkas (PDF atau foto)"))

    def __init__(self, *args, nama_dokumen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nama"].choices = [(n, n) for n in nama_dokumen]
        self.helper = _helper(_("Unggah"), _("Mengunggah…"))

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        validate_upload(berkas, IMAGES_AND_PDF)
        return berkas


class AjukanForm(forms.Form):
    nomor_surat = forms.CharField(label=_("nomor surat PP-BLM"), max_length=80, required=False)
    catatan = forms.CharField(label=_("catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    #: the request's version when the page was shown (a stale post is refused)
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2_147_483_647)

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(label or _("Ajukan permintaan"), _("Mengajukan…"))


class VerifikasiForm(forms.Form):
    """No decision is pre-selected: the verifier chooses one after reading the page."""

    keputusan = forms.ChoiceField(
        label=_("keputusan"),
        choices=[("setuju", _("Setujui")), ("kembalikan", _("Kembalikan"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Pilih keputusan: setujui atau kembalikan.")},
    )
    alasan = forms.CharField(
        label=_("alasan (wajib bila dikembalikan)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    langkah = forms.CharField(widget=forms.HiddenInput)
    #: the request's version when the page was shown (a stale post is refused)
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2_147_483_647)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Simpan keputusan"), _("Menyimpan…"))

    def clean(self):
        data = super().clean()
        if data.get("keputusan") == "kembalikan" and not (data.get("alasan") or "").strip():
            self.add_error("alasan", _("Tuliskan alasan pengembalian."))
        return data


class TarikForm(forms.Form):
    alasan = forms.CharField(
        label=_("alasan penarikan"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Tuliskan alasan penarikan.")},
    )
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2_147_483_647)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Tarik kembali"), _("Menarik…"))


RUPIAH = re.compile(r"^(\d{1,3}(\.\d{3})+|\d+)$")


def format_rupiah(jumlah: int) -> str:
    """750000000 -> "750.000.000" (as typed and printed in Indonesia)."""
    return f"{jumlah:,}".replace(",", ".")


class JumlahRupiahField(forms.CharField):
    """A whole-Rupiah amount typed as "750.000.000", "750000000" or "Rp 750.000.000"."""

    default_error_messages = {
        "invalid": _("Tulis jumlah dalam rupiah tanpa sen, mis. 750.000.000 atau 750000000."),
        "min_value": _("Jumlah harus lebih dari nol."),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        teks = re.sub(r"^rp\.?", "", value.strip().lower()).replace(" ", "").replace("\u00a0", "")
        if not RUPIAH.match(teks):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        jumlah = int(teks.replace(".", ""))
        if jumlah <= 0:
            raise forms.ValidationError(self.error_messages["min_value"], code="min_value")
        return jumlah

    def prepare_value(self, value):
        return format_rupiah(value) if isinstance(value, int) else value


class PembayaranForm(forms.Form):
    """First step of a payment: typed values, shown back for confirmation before anything is saved."""

    tanggal = forms.DateField(label=_("tanggal bayar"), widget=DateInput())
    jumlah = JumlahRupiahField(
        label=_("jumlah dibayar (Rp)"),
        help_text=_("Ketik angkanya, mis. 750.000.000; Anda akan diminta memeriksanya sebelum disimpan."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": 30}),
    )
    nomor_bukti = forms.CharField(label=_("nomor SP2D/bukti transfer"), max_length=80, required=False)
    #: the request's version when the page was shown (a stale post is refused)
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2_147_483_647)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tanggal"].initial = timezone.localdate()
        self.helper = _helper(_("Periksa pembayaran"), _("Memeriksa…"))


class KonfirmasiBayarForm(forms.Form):
    """Second step of a payment: the values of the first step, signed, confirmed by the user."""

    SALT = "blm.bayar"
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, permintaan_pk=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.permintaan_pk = permintaan_pk

    @classmethod
    def dari(cls, permintaan_pk: int, data: dict) -> KonfirmasiBayarForm:
        nilai = {**data, "tanggal": data["tanggal"].isoformat(), "permintaan": permintaan_pk}
        return cls(initial={"token": signing.dumps(nilai, salt=cls.SALT)}, permintaan_pk=permintaan_pk)

    def clean_token(self):
        try:
            nilai = signing.loads(self.cleaned_data["token"], salt=self.SALT, max_age=3600)
        except signing.BadSignature:
            raise forms.ValidationError(
                _("Konfirmasi pembayaran tidak sah atau sudah kedaluwarsa; isi dan periksa lagi.")
            ) from None
        if nilai.get("permintaan") != self.permintaan_pk:
            raise forms.ValidationError(_("Konfirmasi ini untuk permintaan lain."))
        nilai.pop("permintaan")
        nilai["tanggal"] = datetime.date.fromisoformat(nilai["tanggal"])
        return nilai


class BelanjaForm(forms.Form):
    tanggal = forms.DateField(label=_("tanggal"), widget=DateInput())
    uraian = forms.CharField(label=_("uraian"), max_length=200)
    kegiatan = forms.ChoiceField(label=_("kegiatan rencana kerja"))
    jumlah = forms.IntegerField(label=_("jumlah (Rp)"), min_value=1)
    bukti = forms.FileField(label=_("bukti/kuitansi (PDF atau foto)"))

    def __init__(self, *args, kegiatan=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kegiatan_map = {str(k): label for k, label in kegiatan}
        self.fields["kegiatan"].choices = [("", _("— pilih kegiatan —")), *self.kegiatan_map.items()]
        self.helper = _helper(_("Tambah belanja"), _("Menyimpan…"))
        self.helper.layout = Layout(Row(Column("tanggal"), Column("jumlah")), "uraian", "kegiatan", "bukti")

    def clean_bukti(self):
        bukti = self.cleaned_data["bukti"]
        validate_upload(bukti, IMAGES_AND_PDF)
        return bukti


class KeputusanLpjForm(forms.Form):
    keputusan = forms.ChoiceField(
        label=_("keputusan"),
        choices=[("terima", _("Terima LPJ")), ("kembalikan", _("Kembalikan"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Pilih keputusan: terima atau kembalikan.")},
    )
    alasan = forms.CharField(
        label=_("alasan (wajib bila dikembalikan)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Simpan keputusan"), _("Menyimpan…"))

    def clean(self):
        data = super().clean()
        if data.get("keputusan") == "kembalikan" and not (data.get("alasan") or "").strip():
            self.add_error("alasan", _("Tuliskan alasan pengembalian."))
        return data
